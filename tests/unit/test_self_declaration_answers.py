"""The self-declaration's questionnaire (EMP-2): a 'yes' asks which, a 'no' keeps no details, and a refusal never
repeats the answers (special-category data; a refusal may end up in a log)."""

import pytest
from pydantic import ValidationError

from portal.bookings.models import SelfDeclarationAnswers

ANSWERS = {
    "general_health": "good",
    "takes_medication": False,
    "chronic_illness": False,
    "hearing_problems": False,
    "breathing_problems": False,
    "skin_problems": False,
    "musculoskeletal_problems": False,
    "confirmed": True,
}


def test_a_yes_asks_which_and_a_no_keeps_no_details() -> None:
    with pytest.raises(ValidationError) as refused:
        SelfDeclarationAnswers.model_validate({**ANSWERS, "chronic_illness": True})
    assert [error["loc"] for error in refused.value.errors()] == [("chronic_illness_details",)]
    kept = SelfDeclarationAnswers.model_validate({**ANSWERS, "medication": "Ventoline", "chronic_illness_details": "x"})
    assert (kept.medication, kept.chronic_illness_details) == (None, None)


def test_a_refusal_does_not_repeat_the_answers() -> None:
    secret = "Depresjon, bruker Sertralin 50 mg"
    with pytest.raises(ValidationError) as refused:
        SelfDeclarationAnswers.model_validate({**ANSWERS, "remarks": secret, "general_health": secret})
    assert secret not in str(refused.value)  # what a logged exception shows
