"""Dashboards (CASE-6): cases, work orders, lead times of closed cases and article rows with their prices, computed
from counters written with the cases themselves, never by reading the cases.

Every change of a case that a dashboard counts adds to counters in the same transaction: one counter per scope the
case is filed under (everything, its customer, its object, its contact: the scopes the case search uses), per month
and per what the dashboard splits by (case type, work order type, lead time band, article type × action code ×
currency). A dashboard reads the counters of the scopes a login's view covers for the months asked: a bounded number
of small items, however many cases there are. Pure rules here; the repository writes and reads the counters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from pydantic import BaseModel, Field

from portal.cases.models import ArticleRow, ArticleType, Case, CaseStatus, CaseType, WorkOrder, WorkOrderType
from portal.languages import portal_day
from portal.money import Currency

DEFAULT_MONTHS = 3  # "the last three months" (seed 002): this month and the two before
MAX_MONTHS = 24
NO_ACTION_CODE = "-"
DAY_SECONDS = 24 * 3600


class Metric(StrEnum):
    CASES = "cases"
    WORK_ORDERS = "work_orders"
    LEAD = "lead"
    ROWS = "rows"


class LeadBand(StrEnum):
    """How long a closed case was open, in bands a chart can show side by side."""

    UNDER_1_DAY = "under_1_day"
    DAYS_1_3 = "1_3_days"
    DAYS_3_7 = "3_7_days"
    DAYS_7_14 = "7_14_days"
    DAYS_14_30 = "14_30_days"
    OVER_30_DAYS = "over_30_days"


_BAND_LIMITS = [
    (1, LeadBand.UNDER_1_DAY),
    (3, LeadBand.DAYS_1_3),
    (7, LeadBand.DAYS_3_7),
    (14, LeadBand.DAYS_7_14),
    (30, LeadBand.DAYS_14_30),
]


def lead_band(seconds: int) -> LeadBand:
    for days, band in _BAND_LIMITS:
        if seconds < days * DAY_SECONDS:
            return band
    return LeadBand.OVER_30_DAYS


def month_of(moment: datetime) -> str:
    """The month as the portal counts it (Oslo's calendar), yyyy-mm: months sort as text."""
    return portal_day(moment).strftime("%Y-%m")


# -- what a change adds -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CounterDelta:
    month: str
    metric: Metric
    dims: tuple[str, ...]
    count: int
    amount_minor: int = 0
    lead_seconds: int = 0

    @property
    def key(self) -> tuple[str, Metric, tuple[str, ...]]:
        return self.month, self.metric, self.dims


def deltas(
    before: Case | None, after: Case, work_orders: Iterable[WorkOrder], rows: Iterable[ArticleRow], at: datetime
) -> list[CounterDelta]:
    """What one write of a case adds to its counters: a case filed, its type changed, closed or opened again; new
    work orders; new article rows. Deltas on one counter are merged (a transaction writes an item once)."""
    found: list[CounterDelta] = []
    if before is None or not before.counted:
        # New, or filed before the counters existed (nothing of it counted yet): counted in full, as it is now.
        found.append(CounterDelta(month_of(after.created_at), Metric.CASES, (after.type.value,), 1))
        if after.status is CaseStatus.CLOSED:
            found.append(_closing(after, last_closed_at(after) or at, 1))
    else:
        if before.type is not after.type:
            month = month_of(after.created_at)
            found.append(CounterDelta(month, Metric.CASES, (before.type.value,), -1))
            found.append(CounterDelta(month, Metric.CASES, (after.type.value,), 1))
        was_closed = before.status is CaseStatus.CLOSED
        if after.status is CaseStatus.CLOSED and not was_closed:
            found.append(_closing(after, at, 1))
        elif was_closed and after.status is not CaseStatus.CLOSED:
            closed_at = last_closed_at(before)
            if closed_at is not None:  # the closing it counted is taken back: the case counts when closed again
                found.append(_closing(before, closed_at, -1))
    for work_order in work_orders:
        found.append(CounterDelta(month_of(work_order.created_at), Metric.WORK_ORDERS, (work_order.type.value,), 1))
    for row in rows:
        dims = (row.article_type.value if row.article_type else "none", row.action_code or NO_ACTION_CODE, row.currency)
        found.append(
            CounterDelta(month_of(row.registered_at), Metric.ROWS, dims, 1, amount_minor=row.amount_minor or 0)
        )
    return _merged(found)


def _closing(case: Case, closed_at: datetime, sign: int) -> CounterDelta:
    seconds = max(0, int((closed_at - case.created_at).total_seconds()))
    band = lead_band(seconds)
    return CounterDelta(month_of(closed_at), Metric.LEAD, (band.value,), sign, lead_seconds=sign * seconds)


def last_closed_at(case: Case) -> datetime | None:
    closings = [
        entry.at for entry in case.timeline if entry.action == "status_changed" and entry.status is CaseStatus.CLOSED
    ]
    return max(closings) if closings else None


def _merged(found: list[CounterDelta]) -> list[CounterDelta]:
    merged: dict[tuple[str, Metric, tuple[str, ...]], CounterDelta] = {}
    for delta in found:
        seen = merged.get(delta.key)
        merged[delta.key] = (
            delta
            if seen is None
            else replace(
                seen,
                count=seen.count + delta.count,
                amount_minor=seen.amount_minor + delta.amount_minor,
                lead_seconds=seen.lead_seconds + delta.lead_seconds,
            )
        )
    return [delta for delta in merged.values() if delta.count or delta.amount_minor or delta.lead_seconds]


# -- what a dashboard shows -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counter:
    """A counter as read back: one scope's figures for one month and one split."""

    month: str
    metric: Metric
    dims: tuple[str, ...]
    count: int
    amount_minor: int = 0
    lead_seconds: int = 0


class DashboardFilters(BaseModel):
    case_type: CaseType | None = None
    work_order_type: WorkOrderType | None = None
    article_type: ArticleType | None = None
    action_code: str | None = None


class MonthCounts(BaseModel):
    month: str
    counts: dict[str, int] = Field(description="By case type or work order type")
    total: int


class Amount(BaseModel):
    currency: Currency
    amount_minor: int = Field(description="Excluding VAT, in minor units")


class LeadTimeMonth(BaseModel):
    month: str
    closed: int
    average_days: Decimal | None = Field(default=None, description="One decimal; none when nothing closed")


class LeadTimes(BaseModel):
    closed: int
    average_days: Decimal | None = None
    bands: dict[LeadBand, int]
    by_month: list[LeadTimeMonth]


class RowGroup(BaseModel):
    key: str = Field(description="The month, the article type or the action code")
    rows: int
    amounts: list[Amount]


class ArticleRowFigures(BaseModel):
    rows: int
    amounts: list[Amount]
    by_month: list[RowGroup]
    by_article_type: list[RowGroup]
    by_action_code: list[RowGroup]


class CaseDashboard(BaseModel):
    months: list[str]
    cases: list[MonthCounts]
    cases_total: int
    work_orders: list[MonthCounts]
    work_orders_total: int
    lead_times: LeadTimes
    article_rows: ArticleRowFigures
    action_codes: list[str] = Field(description="The action codes the rows of these months were registered with")


def months_between(first: date, last: date) -> list[str]:
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def default_months(today: date) -> tuple[date, date]:
    """This month and the two before it."""
    year, month = today.year, today.month - (DEFAULT_MONTHS - 1)
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, 1), today


def dashboard(counters: Iterable[Counter], months: list[str], filters: DashboardFilters) -> CaseDashboard:
    """The four dashboards from the counters of the view's scopes (disjoint scopes: each case is counted once)."""
    cases: dict[str, dict[str, int]] = {month: defaultdict(int) for month in months}
    orders: dict[str, dict[str, int]] = {month: defaultdict(int) for month in months}
    lead_count: dict[str, int] = defaultdict(int)
    lead_seconds: dict[str, int] = defaultdict(int)
    bands: dict[LeadBand, int] = dict.fromkeys(LeadBand, 0)
    row_groups: dict[str, dict[str, _RowTotals]] = {"month": {}, "article_type": {}, "action_code": {}}
    action_codes: set[str] = set()
    for counter in counters:
        if counter.month not in cases:
            continue
        match counter.metric:
            case Metric.CASES if filters.case_type is None or counter.dims[0] == filters.case_type.value:
                cases[counter.month][counter.dims[0]] += counter.count
            case Metric.WORK_ORDERS if filters.work_order_type is None or counter.dims[0] == filters.work_order_type:
                orders[counter.month][counter.dims[0]] += counter.count
            case Metric.LEAD:
                lead_count[counter.month] += counter.count
                lead_seconds[counter.month] += counter.lead_seconds
                bands[LeadBand(counter.dims[0])] += counter.count
            case Metric.ROWS:
                article_type, action_code, currency = counter.dims
                if action_code != NO_ACTION_CODE:
                    action_codes.add(action_code)
                if filters.article_type is not None and article_type != filters.article_type.value:
                    continue
                if filters.action_code is not None and action_code != filters.action_code:
                    continue
                for group, key in (
                    ("month", counter.month),
                    ("article_type", article_type),
                    ("action_code", action_code),
                ):
                    row_groups[group].setdefault(key, _RowTotals()).add(counter.count, currency, counter.amount_minor)
    closed = sum(lead_count.values())
    all_rows = _RowTotals()
    for totals in row_groups["month"].values():
        all_rows.merge(totals)
    return CaseDashboard(
        months=months,
        cases=[_month_counts(month, counts) for month, counts in cases.items()],
        cases_total=sum(sum(counts.values()) for counts in cases.values()),
        work_orders=[_month_counts(month, counts) for month, counts in orders.items()],
        work_orders_total=sum(sum(counts.values()) for counts in orders.values()),
        lead_times=LeadTimes(
            closed=closed,
            average_days=_average_days(sum(lead_seconds.values()), closed),
            bands=bands,
            by_month=[
                LeadTimeMonth(
                    month=month,
                    closed=lead_count[month],
                    average_days=_average_days(lead_seconds[month], lead_count[month]),
                )
                for month in months
            ],
        ),
        article_rows=ArticleRowFigures(
            rows=all_rows.rows,
            amounts=all_rows.amounts(),
            by_month=[row_groups["month"].get(month, _RowTotals()).group(month) for month in months],
            by_article_type=[totals.group(key) for key, totals in sorted(row_groups["article_type"].items())],
            by_action_code=[totals.group(key) for key, totals in sorted(row_groups["action_code"].items())],
        ),
        action_codes=sorted(action_codes),
    )


class _RowTotals:
    def __init__(self) -> None:
        self.rows = 0
        self.by_currency: dict[str, int] = defaultdict(int)

    def add(self, rows: int, currency: str, amount_minor: int) -> None:
        self.rows += rows
        self.by_currency[currency] += amount_minor

    def merge(self, other: _RowTotals) -> None:
        self.rows += other.rows
        for currency, amount in other.by_currency.items():
            self.by_currency[currency] += amount

    def amounts(self) -> list[Amount]:
        return [
            Amount(currency=Currency(currency), amount_minor=amount)
            for currency, amount in sorted(self.by_currency.items())
        ]

    def group(self, key: str) -> RowGroup:
        return RowGroup(key=key, rows=self.rows, amounts=self.amounts())


def _month_counts(month: str, counts: dict[str, int]) -> MonthCounts:
    kept = {name: count for name, count in sorted(counts.items()) if count}
    return MonthCounts(month=month, counts=kept, total=sum(kept.values()))


def _average_days(seconds: int, closed: int) -> Decimal | None:
    if closed <= 0:
        return None
    return (Decimal(seconds) / Decimal(closed) / Decimal(DAY_SECONDS)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
