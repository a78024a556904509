"""CASE-6: what a case write adds to the dashboard counters, and the dashboards read back from counters alone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from portal.cases.dashboards import (
    Counter,
    DashboardFilters,
    LeadBand,
    Metric,
    dashboard,
    default_months,
    deltas,
    lead_band,
    month_of,
    months_between,
)
from portal.cases.models import (
    ArticleRow,
    ArticleType,
    Case,
    CaseStatus,
    CaseTimelineEntry,
    CaseType,
    WorkOrder,
    WorkOrderStatus,
    WorkOrderType,
)
from portal.money import Currency

FILED = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 December in Oslo


def case(**fields: object) -> Case:
    values: dict[str, object] = {
        "case_id": "01JD5X0Q8T6W0ZQ3J7R5K2M4NB",
        "number": 1,
        "title": "Lekker",
        "type": CaseType.FAULT,
        "status": CaseStatus.NEW,
        "created_at": FILED,
        "updated_at": FILED,
        "created_by": "ola",
        "created_by_name": "Ola",
        "version": 1,
        "counted": True,  # as every case filed since the counters exist is stored
    }
    return Case.model_validate(values | fields)


def test_months_are_the_portals_months_and_the_default_is_this_one_and_the_two_before() -> None:
    assert month_of(FILED) == "2026-12"
    first, last = default_months(datetime(2026, 1, 15).date())
    assert months_between(first, last) == ["2025-11", "2025-12", "2026-01"]


def test_a_filed_case_counts_once_and_a_type_change_moves_it() -> None:
    filed = case()
    assert [(d.metric, d.dims, d.count) for d in deltas(None, filed, [], [], FILED)] == [(Metric.CASES, ("fault",), 1)]
    retyped = filed.model_copy(update={"type": CaseType.SERVICE, "version": 2})
    moved = {(d.dims, d.count) for d in deltas(filed, retyped, [], [], FILED)}
    assert moved == {(("fault",), -1), (("service",), 1)}


def test_closing_counts_its_lead_time_and_reopening_takes_it_back() -> None:
    closed_at = FILED + timedelta(days=2, hours=3)
    before = case()
    closed = before.model_copy(update={"status": CaseStatus.CLOSED})
    [closing] = deltas(before, closed, [], [], closed_at)
    assert (closing.metric, closing.dims, closing.count) == (Metric.LEAD, (LeadBand.DAYS_1_3.value,), 1)
    assert closing.lead_seconds == (2 * 24 + 3) * 3600
    entry = CaseTimelineEntry(at=closed_at, by_name="Anne", action="status_changed", status=CaseStatus.CLOSED)
    was_closed = closed.model_copy(update={"timeline": [entry]})
    reopened = was_closed.model_copy(update={"status": CaseStatus.IN_PROGRESS})
    [taken_back] = deltas(was_closed, reopened, [], [], closed_at + timedelta(days=1))
    assert (taken_back.count, taken_back.lead_seconds, taken_back.month) == (-1, -closing.lead_seconds, closing.month)


def test_a_case_filed_before_the_counters_is_counted_in_full_at_its_next_change_never_taken_below_zero() -> None:
    closed_at = FILED + timedelta(days=2)
    old = case(counted=False)
    retyped = old.model_copy(update={"type": CaseType.SERVICE, "version": 2})
    assert [(d.metric, d.dims, d.count) for d in deltas(old, retyped, [], [], FILED)] == [
        (Metric.CASES, ("service",), 1)
    ]
    entry = CaseTimelineEntry(at=closed_at, by_name="Anne", action="status_changed", status=CaseStatus.CLOSED)
    closed_long_ago = old.model_copy(update={"status": CaseStatus.CLOSED, "timeline": [entry]})
    reopened = closed_long_ago.model_copy(update={"status": CaseStatus.IN_PROGRESS, "version": 2})
    assert [(d.metric, d.count) for d in deltas(closed_long_ago, reopened, [], [], FILED)] == [(Metric.CASES, 1)]
    closed_now = deltas(old, closed_long_ago, [], [], closed_at)
    assert {(d.metric, d.count, d.lead_seconds) for d in closed_now} == {
        (Metric.CASES, 1, 0),
        (Metric.LEAD, 1, 2 * 24 * 3600),
    }


def test_work_orders_and_priced_rows_count_by_their_splits_merged_per_counter() -> None:
    order = WorkOrder(
        work_order_id="W1",
        case_id="C1",
        number="1-1",
        type=WorkOrderType.REPAIR,
        description="x",
        status=WorkOrderStatus.OPEN,
        created_at=FILED,
        version=1,
    )
    row = ArticleRow(
        row_id="R1",
        work_order_id="W1",
        article_type=ArticleType.PART,
        action_code="SRV",
        currency=Currency.NOK,
        amount_minor=45_000,
        registered_at=FILED,
        registered_by_name="Anne",
    )
    found = deltas(case(), case(), [order], [row, row.model_copy(update={"row_id": "R2"})], FILED)
    assert {(d.metric, d.dims, d.count, d.amount_minor) for d in found} == {
        (Metric.WORK_ORDERS, ("repair",), 1, 0),
        (Metric.ROWS, ("part", "SRV", "NOK"), 2, 90_000),
    }


def test_lead_bands() -> None:
    day = 24 * 3600
    assert [lead_band(s) for s in (0, day - 1, day, 3 * day, 8 * day, 29 * day, 31 * day)] == [
        LeadBand.UNDER_1_DAY,
        LeadBand.UNDER_1_DAY,
        LeadBand.DAYS_1_3,
        LeadBand.DAYS_3_7,
        LeadBand.DAYS_7_14,
        LeadBand.DAYS_14_30,
        LeadBand.OVER_30_DAYS,
    ]


def test_the_dashboards_add_up_counters_and_filter_by_their_splits() -> None:
    months = ["2026-10", "2026-11", "2026-12"]
    counters = [
        Counter("2026-11", Metric.CASES, ("fault",), 3),
        Counter("2026-12", Metric.CASES, ("fault",), 1),
        Counter("2026-12", Metric.CASES, ("service",), 2),
        Counter("2025-01", Metric.CASES, ("service",), 9),  # outside the months asked
        Counter("2026-12", Metric.WORK_ORDERS, ("repair",), 2),
        Counter("2026-12", Metric.LEAD, ("1_3_days",), 2, lead_seconds=2 * 36 * 3600),
        Counter("2026-12", Metric.ROWS, ("work", "SRV", "NOK"), 2, amount_minor=190_000),
        Counter("2026-12", Metric.ROWS, ("part", "-", "SEK"), 1, amount_minor=10_050),
    ]
    board = dashboard(counters, months, DashboardFilters())
    assert [m.total for m in board.cases] == [0, 3, 3]
    assert board.cases_total == 6
    assert (board.lead_times.closed, board.lead_times.average_days) == (2, Decimal("1.5"))
    assert [(a.currency, a.amount_minor) for a in board.article_rows.amounts] == [("NOK", 190_000), ("SEK", 10_050)]
    assert board.action_codes == ["SRV"]
    services = dashboard(counters, months, DashboardFilters(case_type=CaseType.SERVICE, action_code="SRV"))
    assert services.cases_total == 2
    assert (services.article_rows.rows, services.action_codes) == (2, ["SRV"])
