"""Business days for change orders (ORD-2): Norwegian public holidays and bank closing days, Swedish ones for SEK
customers, the delivery date's rules and the deletion deadline."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from portal.business_days import check_delivery_date, deletion_deadline, is_business_day, previous_business_day
from portal.errors import ValidationFailed
from portal.money import Currency

MONDAY_TO_FRIDAY = range(5)


@pytest.mark.parametrize(
    ("day", "currency", "open_"),
    [
        (date(2026, 12, 23), Currency.NOK, True),
        (date(2026, 12, 24), Currency.NOK, False),  # bank closing day, not a public holiday
        (date(2026, 12, 31), Currency.NOK, False),
        (date(2026, 5, 14), Currency.NOK, False),  # Ascension Day
        (date(2026, 5, 17), Currency.NOK, False),  # Constitution Day (a Sunday too)
        (date(2026, 6, 6), Currency.SEK, False),  # Sweden's National Day (a Saturday)
        (date(2026, 6, 19), Currency.SEK, False),  # Midsummer Eve
        (date(2026, 6, 19), Currency.NOK, True),
        (date(2026, 12, 5), Currency.NOK, False),  # a Saturday
    ],
)
def test_business_days_follow_the_customers_country(day: date, currency: Currency, open_: bool) -> None:
    assert is_business_day(day, currency) is open_


def test_a_change_order_can_be_deleted_until_the_end_of_the_last_business_day_before_delivery() -> None:
    # Delivery on Monday 4 January 2027: 1 January is a holiday, 31 December a bank closing day
    assert previous_business_day(date(2027, 1, 4), Currency.NOK) == date(2026, 12, 30)
    deadline = deletion_deadline(date(2027, 1, 4), Currency.NOK)
    assert deadline == datetime(2026, 12, 31, 0, 0, tzinfo=ZoneInfo("Europe/Oslo"))


def test_the_delivery_date_names_every_rule_it_breaks() -> None:
    with pytest.raises(ValidationFailed) as refused:
        check_delivery_date(date(2026, 12, 1), today=date(2026, 12, 3), agreed_weekdays={3}, currency=Currency.NOK)
    assert [detail["reason"] for detail in refused.value.details] == ["not_in_future", "not_agreed_weekday"]
    assert refused.value.details[1]["allowed"] == {"weekdays": [3]}
    with pytest.raises(ValidationFailed) as closed:
        check_delivery_date(
            date(2026, 12, 24), today=date(2026, 12, 3), agreed_weekdays=MONDAY_TO_FRIDAY, currency=Currency.NOK
        )
    assert [detail["reason"] for detail in closed.value.details] == ["not_business_day"]
    check_delivery_date(date(2026, 12, 23), today=date(2026, 12, 3), agreed_weekdays={2}, currency=Currency.NOK)
