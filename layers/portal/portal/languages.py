"""The portal's languages: what users read it in, and what their e-mails are written in."""

from datetime import date, datetime
from decimal import Decimal
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


def time_zone(language: Language) -> ZoneInfo:
    """The zone of the language's country (calendar invitations name it)."""
    return _ZONES[language]


def wall_clock(moment: datetime, language: Language) -> datetime:
    """The moment as a reader of the language sees it on the wall (e-mails, PDFs)."""
    return moment.astimezone(time_zone(language))


_COUNTRY_LANGUAGES = {"NO": Language.NB, "SE": Language.SV}


def of_country(country: str | None) -> Language:
    """The language a company in the country (ISO 3166-1 alpha-2) reads: Norwegian, Swedish, else English."""
    return _COUNTRY_LANGUAGES.get(country or "", Language.EN)


def local_day(moment: datetime, language: Language) -> date:
    """The day it is at `moment` for a reader of the language (Oslo's day for English readers)."""
    return wall_clock(moment, language).date()


def portal_day(moment: datetime) -> date:
    """The day it is at `moment` as the portal counts days (in Oslo): what date filters, periods and last days name."""
    return local_day(moment, Language.NB)


# Digit grouping and decimal point: a no-break space and a comma in Norwegian and Swedish, as English writes them else.
_SEPARATORS = {Language.NB: ("\u00a0", ","), Language.SV: ("\u00a0", ","), Language.EN: (",", ".")}


def decimal_text(value: Decimal | None, language: Language, *, places: int = 2) -> str:
    """An exact amount as the language writes it, e.g. 1 811,88; never through a float."""
    if value is None:
        return ""
    group, point = _SEPARATORS[language]
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) else 0
    quantized = value.quantize(Decimal(1).scaleb(-places)) if decimals <= places else value
    sign, text = ("-", str(-quantized)) if quantized < 0 else ("", str(quantized))
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", group)
    return f"{sign}{grouped}{point}{fraction}" if fraction else f"{sign}{grouped}"
