"""Country formats (postcodes, organisation and VAT numbers, phone numbers) and every field problem at once."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from portal import formats
from portal.customers import service
from portal.customers.models import Country, CustomerInput, CustomerPatch
from portal.errors import ValidationFailed
from tests.fakes import InMemoryCustomers
from tests.unit.test_customer_rules import ADMIN, clock, new, register  # noqa: F401 - the fixture is used below


@pytest.mark.parametrize(
    ("country", "typed", "normal"),
    [
        (Country.NORWAY, "0150", "0150"),
        (Country.NORWAY, " 2609 ", "2609"),
        (Country.NORWAY, "NO-5014", "5014"),
        (Country.SWEDEN, "11122", "111 22"),
        (Country.SWEDEN, "111 22", "111 22"),
        (Country.SWEDEN, "SE-111 22", "111 22"),
    ],
)
def test_postcodes_are_written_in_their_countrys_normal_form(country: Country, typed: str, normal: str) -> None:
    assert formats.postcode(country, typed) == normal


@pytest.mark.parametrize(
    ("country", "typed"),
    [
        (Country.NORWAY, "150"),
        (Country.NORWAY, "11122"),
        (Country.NORWAY, "O150"),
        (Country.SWEDEN, "1112"),
        (Country.SWEDEN, "٠١٢٣٤"),
    ],
)
def test_postcodes_of_the_wrong_shape_are_refused_with_the_format(country: Country, typed: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        formats.postcode(country, typed)
    [detail] = refused.value.details
    assert (detail["field"], detail["code"]) == ("postal_code", "invalid_postal_code")
    assert detail["allowed"]["format"] == ("NNNN" if country is Country.NORWAY else "NNN NN")


@pytest.mark.parametrize(
    ("country", "typed", "number"),
    [
        (Country.NORWAY, "912 345 734", "912345734"),
        (Country.NORWAY, "NO 995 525 828 MVA", "995525828"),
        (Country.NORWAY, "995525828MVA", "995525828"),
        (Country.SWEDEN, "556000-1231", "5560001231"),
        (Country.SWEDEN, "SE 556000123101", "5560001231"),
    ],
)
def test_organisation_numbers_and_vat_numbers_give_the_organisation_number(
    country: Country, typed: str, number: str
) -> None:
    assert formats.organisation_number(country, typed) == number


@pytest.mark.parametrize(
    ("country", "typed"),
    [(Country.NORWAY, "912345689"), (Country.NORWAY, "NO 912345689 MVA"), (Country.SWEDEN, "SE556000123201")],
)
def test_wrong_check_digits_are_refused_in_either_form(country: Country, typed: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        formats.organisation_number(country, typed)
    assert refused.value.code == "invalid_organisation_number"
    assert "format" in refused.value.details[0]["allowed"]


@pytest.mark.parametrize("phone", ["+47 22 33 44 55", "22334455", "(08) 123 45 67", "+46-8-123 456 78"])
def test_phone_numbers_people_write_are_accepted(phone: str) -> None:
    assert CustomerInput(name="A", number="1", phone=phone).phone == " ".join(phone.split())


@pytest.mark.parametrize("phone", ["call me", "1234", "+47 22 33 44 55 66 77 88", "22+334455", "phone: 22334455"])
def test_phone_numbers_that_are_not_are_refused_with_the_format(phone: str) -> None:
    with pytest.raises(ValidationError) as refused:
        CustomerInput(name="A", number="1", phone=phone)
    [problem] = refused.value.errors()
    assert problem["type"] == "invalid_phone"
    assert problem["ctx"]["max_digits"] == 15


def test_a_new_customer_learns_every_field_problem_at_once(register: InMemoryCustomers) -> None:  # noqa: F811
    # Given a customer with a too short number, a wrong organisation number, a wrong postcode and a missing field
    with pytest.raises(ValidationFailed) as refused:
        new(register, number="12", organisation_number="912345689", postal_code="12", custom_fields={})
    # Then one refusal lists them all, each with its field, code and what is allowed
    assert refused.value.code == "invalid_fields"
    details = {detail["field"]: detail for detail in refused.value.details}
    assert set(details) == {"number", "organisation_number", "postal_code", "custom_fields.tier"}
    assert details["number"]["allowed"] == {"min_length": 4, "max_length": 6}
    assert details["postal_code"]["allowed"]["format"] == "NNNN"
    assert details["custom_fields.tier"]["reason"] == "required"  # the key the web front end reads
    assert all(detail["code"] and detail["message"] for detail in details.values())


def test_a_single_problem_keeps_its_own_code(register: InMemoryCustomers) -> None:  # noqa: F811
    with pytest.raises(ValidationFailed) as refused:
        new(register, organisation_number="912345689")
    assert refused.value.code == "invalid_organisation_number"


def test_a_postcode_is_normalised_and_checked_again_when_the_country_changes(register: InMemoryCustomers) -> None:  # noqa: F811
    customer_id = new(register, country="SE", postal_code="11122")
    assert register.customers[customer_id].postal_code == "111 22"
    with pytest.raises(ValidationFailed) as refused:
        service.update_customer(ADMIN, register, customer_id, CustomerPatch(version=1, country=Country.NORWAY), clock)
    assert {detail["field"] for detail in refused.value.details} == {"postal_code"}
