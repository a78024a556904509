"""The portal's languages: what users read it in, and what their e-mails are written in."""

from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo


class Language(StrEnum):
    NB = "nb"
    SV = "sv"
    EN = "en"


# The vendor's customers are Norwegian and Swedish: times are shown on the wall clock of each language's country.
_ZONES = {
    Language.NB: ZoneInfo("Europe/Oslo"),
    Language.SV: ZoneInfo("Europe/Stockholm"),
    Language.EN: ZoneInfo("Europe/Oslo"),
}


def wall_clock(moment: datetime, language: Language) -> datetime:
    """The moment as a reader of the language sees it on the wall (e-mails, PDFs)."""
    return moment.astimezone(_ZONES[language])
