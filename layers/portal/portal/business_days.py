"""Business days (ORD-2): which days the cash centre delivers on, and until when a change order may be deleted.

A business day is a weekday that is not a public holiday (the `holidays` package) nor a day the banks close:
in Norway 24 and 31 December; customers counting in SEK follow Sweden, where the banks also close on Midsummer
Eve, Christmas Eve and New Year's Eve.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from portal.errors import ValidationFailed, field_problem
from portal.money import Currency

if TYPE_CHECKING:
    import holidays

_NORWAY = ("NO", ZoneInfo("Europe/Oslo"))
_SWEDEN = ("SE", ZoneInfo("Europe/Stockholm"))
_BANKS_CLOSED = {(12, 24), (12, 31)}  # Christmas Eve and New Year's Eve, in both countries
_LOOK_BACK = 31  # no run of closed days is longer than this


def _calendar(currency: Currency) -> tuple[str, ZoneInfo]:
    return _SWEDEN if currency is Currency.SEK else _NORWAY


@cache
def _public_holidays(country: str, year: int) -> holidays.HolidayBase:
    # Imported here: the package is large, and most callers (the day it is in a country) never need its calendars.
    import holidays

    return holidays.country_holidays(country, years=year)


def _midsummer_eve(year: int) -> date:
    """The Friday between 19 and 25 June."""
    june_19 = date(year, 6, 19)
    return june_19 + timedelta(days=(4 - june_19.weekday()) % 7)


def is_business_day(day: date, currency: Currency) -> bool:
    country, _ = _calendar(currency)
    if day.weekday() >= 5 or day in _public_holidays(country, day.year):
        return False
    if (day.month, day.day) in _BANKS_CLOSED:
        return False
    return not (country == "SE" and day == _midsummer_eve(day.year))


def previous_business_day(day: date, currency: Currency) -> date:
    for back in range(1, _LOOK_BACK + 1):
        candidate = day - timedelta(days=back)
        if is_business_day(candidate, currency):
            return candidate
    raise AssertionError(f"No business day in the {_LOOK_BACK} days before {day}")


def local_date(moment: datetime, currency: Currency) -> date:
    """The day it is at `moment` in the customer's country (whose calendar the currency decides)."""
    _, zone = _calendar(currency)
    return moment.astimezone(zone).date()


def deletion_deadline(delivery: date, currency: Currency) -> datetime:
    """When a change order can no longer be deleted: the end of the last business day before its delivery, in the
    customer's country's time."""
    _, zone = _calendar(currency)
    last_day = previous_business_day(delivery, currency)
    return datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=zone)


def check_delivery_date(delivery: date, *, today: date, agreed_weekdays: Collection[int], currency: Currency) -> None:
    """A change order's delivery date: in the future, on one of the customer's agreed weekdays (0 = Monday), and a
    business day. Every rule it breaks is named at once."""
    problems = []
    if delivery <= today:
        problems.append(field_problem("delivery_date", "not_in_future", "The delivery date must be after today"))
    if delivery.weekday() not in agreed_weekdays:
        problems.append(
            field_problem(
                "delivery_date",
                "not_agreed_weekday",
                "The cash centre delivers to this customer on other weekdays",
                weekdays=sorted(agreed_weekdays),
            )
        )
    elif not is_business_day(delivery, currency):
        problems.append(field_problem("delivery_date", "not_business_day", "The banks are closed that day"))
    if problems:
        raise ValidationFailed("The delivery date cannot be used", code="invalid_delivery_date", details=problems)
