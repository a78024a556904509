"""Cases in DynamoDB: a case's partition holds the case, its work orders and their article rows; the search reads
history partitions per scope (AUTH-4) and word partitions for free text. See docs/data-model.md."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from portal import access, histories
from portal.cases import dashboards
from portal.cases.models import (
    ArticleRow,
    Case,
    CaseSettings,
    CaseSummary,
    StoredCaseSettings,
    WorkOrder,
)
from portal.clock import is_id
from portal.customers import search
from portal.customers import service as customers_service
from portal.customers.repository import CustomerRepository, customer_pk
from portal.history import FieldChange, before_and_after
from portal.languages import portal_day
from portal.notifications.repository import SideEffect, enqueue
from portal.printouts.models import Printout
from portal.printouts.repository import printout_item
from portal.specifications.models import ClosedWork
from portal.specifications.repository import closed_work_item
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of

CASE_HISTORY = "CASE"
# A case is found by the first words of its title, number, reference and work-site address: enough to find it by
# what people call it, and few enough that its word rows and history rows fit the transaction that files it.
MAX_INDEXED_WORDS = 8
_SUMMARY_FIELDS = set(CaseSummary.model_fields)


def case_pk(case_id: str) -> str:
    return key("CASE", case_id)


def work_order_sk(work_order_id: str) -> str:
    return key("WORKORDER", work_order_id)


def row_sk(work_order_id: str, row_id: str) -> str:
    return key("ROW", work_order_id, row_id)


def word_partition(scope: str, word: str) -> str:
    return key("CASEWORD", scope, search.bucket(word))


def case_words(case: Case) -> list[str]:
    return search.words(str(case.number), case.title, case.reference_name, case.work_site_address)[:MAX_INDEXED_WORDS]


def current_facts(case: Case, customers: CustomerRepository) -> access.CaseFacts:
    """The case's facts with its customer's as they are now (who is assigned to it decides what staff may do)."""
    facts = facts_of(case)
    if case.customer_id is None:
        return facts
    return facts.model_copy(update={"customer": customers_service.facts_of(customers, case.customer_id)})


def facts_of(case: Case) -> access.CaseFacts:
    customer = access.CustomerFacts(customer_id=case.customer_id) if case.customer_id else None
    return access.CaseFacts(customer=customer, object_id=case.object_id, contact_id=case.contact_id)


@dataclass
class CaseWrite:
    """One change of a case, written as one transaction: the case (new, or replacing the version read), its work
    orders and rows, its search rows, its audit entry and its side effects."""

    case: Case
    action: str
    actor: str
    at: datetime
    before: Case | None = None
    changes: list[FieldChange] = field(default_factory=list)
    work_orders: list[tuple[WorkOrder, int | None]] = field(default_factory=list)  # with the version read
    rows: list[ArticleRow] = field(default_factory=list)
    side_effects: list[SideEffect] = field(default_factory=list)
    subject: str | None = None
    closed_work: ClosedWork | None = None  # a closed work order of a customer's case, for its specifications
    protocol: Printout | None = None  # and its service protocol, queued (its job is among the side effects)


@dataclass(frozen=True)
class WordHit:
    case_id: str
    words: list[str]
    customer_id: str | None
    object_id: str | None
    created_on: str


class CaseRepository(Protocol):
    def next_number(self) -> int: ...
    def settings(self) -> StoredCaseSettings: ...
    def save_settings(self, settings: StoredCaseSettings, *, read_version: int, actor: str, at: datetime) -> None: ...
    def get(self, case_id: str, *, consistent: bool = False) -> Case | None: ...
    def get_many(self, case_ids: Sequence[str]) -> dict[str, Case]: ...
    def counters(self, scopes: Sequence[str], months: Sequence[str]) -> list[dashboards.Counter]: ...
    def with_work(self, case_id: str) -> tuple[Case, list[WorkOrder], list[ArticleRow]] | None: ...
    def apply(self, change: CaseWrite) -> None: ...
    def summaries(
        self, partitions: Sequence[str], *, dates: tuple[date | None, date | None], after: str | None, page_size: int
    ) -> Iterator[tuple[str, CaseSummary]]: ...
    def word_hits(
        self, partitions: Sequence[str], *, term: str, after: str | None, page_size: int
    ) -> Iterator[tuple[str, WordHit]]: ...


class DynamoCaseRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def next_number(self) -> int:
        """The next case number, from an atomic counter (a number whose case fails to be written is skipped)."""
        counter = self.table.update("CASESEQ", "CASESEQ", expression="ADD last_number :one", values={":one": 1})
        return int(counter["last_number"])

    def settings(self) -> StoredCaseSettings:
        item = self.table.get("SETTINGS", "CASES")
        return model_of(StoredCaseSettings, item) if item else StoredCaseSettings()

    def save_settings(self, settings: StoredCaseSettings, *, read_version: int, actor: str, at: datetime) -> None:
        item = item_of(settings, pk="SETTINGS", sk="CASES", kind="case_settings")
        audit = audit_item(
            partition="SETTINGS#CASES",
            actor=actor,
            action="case_settings_changed",
            at=at,
            after=CaseSettings.model_validate(settings.model_dump()).model_dump(mode="json"),
        )
        transaction = Transaction()
        if read_version == 0:
            transaction.put(item, condition="attribute_not_exists(PK)")
        else:
            transaction.put(item, condition="version = :read", values={":read": read_version})
        transaction.put(audit)
        self.table.transact(transaction, conflict_message="The case settings were changed meanwhile; reload them")

    def get(self, case_id: str, *, consistent: bool = False) -> Case | None:
        if not is_id(case_id):
            return None
        item = self.table.get(case_pk(case_id), "CASE", consistent=consistent)
        return model_of(Case, item) if item else None

    def get_many(self, case_ids: Sequence[str]) -> dict[str, Case]:
        found = self.table.batch_get([(case_pk(case_id), "CASE") for case_id in dict.fromkeys(case_ids)])
        return {case.case_id: case for case in (model_of(Case, item) for item in found)}

    def with_work(self, case_id: str) -> tuple[Case, list[WorkOrder], list[ArticleRow]] | None:
        """The case, its work orders and their rows: one query of the case's partition."""
        if not is_id(case_id):
            return None
        items = self.table.query_all(pk=case_pk(case_id))
        case = next((model_of(Case, item) for item in items if item["SK"] == "CASE"), None)
        if case is None:
            return None
        work_orders = [model_of(WorkOrder, item) for item in items if item["SK"].startswith("WORKORDER#")]
        rows = [model_of(ArticleRow, item) for item in items if item["SK"].startswith("ROW#")]
        return case, work_orders, rows

    def apply(self, change: CaseWrite) -> None:
        case = change.case
        transaction = Transaction()
        if change.before is None:
            transaction.put(_case_item(case), condition="attribute_not_exists(PK)")
            histories.write(transaction, [], [*_history_rows(case), *_word_rows(case)])
        elif change.before.version == case.version:  # its work changed, not the case: it must still be as read
            if change.before.counted:
                transaction.check(
                    case_pk(case.case_id), "CASE", condition="version = :read", values={":read": case.version}
                )
            else:  # counted from now on, by this change's deltas
                transaction.put(_case_item(case), condition="version = :read", values={":read": case.version})
        else:  # what a case is found by never changes after it is filed: only the rows showing its state move
            transaction.put(_case_item(case), condition="version = :read", values={":read": change.before.version})
            histories.write(transaction, _history_rows(change.before), _history_rows(case))
        for work_order, read_version in change.work_orders:
            item = item_of(
                work_order, pk=case_pk(case.case_id), sk=work_order_sk(work_order.work_order_id), kind="work_order"
            )
            if read_version is None:
                transaction.put(item, condition="attribute_not_exists(PK)")
            else:
                transaction.put(item, condition="version = :read", values={":read": read_version})
        for row in change.rows:
            transaction.put(
                item_of(row, pk=case_pk(case.case_id), sk=row_sk(row.work_order_id, row.row_id), kind="article_row"),
                condition="attribute_not_exists(PK)",
            )
        if change.closed_work is not None and case.customer_id:
            transaction.put(
                closed_work_item(case.customer_id, change.closed_work), condition="attribute_not_exists(PK)"
            )
        if change.protocol is not None:
            transaction.put(printout_item(change.protocol), condition="attribute_not_exists(PK)")
        new_work = [work_order for work_order, read_version in change.work_orders if read_version is None]
        for delta in dashboards.deltas(change.before, case, new_work, change.rows, change.at):
            for scope in facts_of(case).scopes:
                _count(transaction, counter_partition(scope, case.case_id), delta)
        before, after = before_and_after(change.changes)
        transaction.put(
            audit_item(
                partition=customer_pk(case.customer_id) if case.customer_id else case_pk(case.case_id),
                actor=change.actor,
                action=change.action,
                at=change.at,
                subject=change.subject or case.case_id,
                before=before or None,
                after=after or {"number": case.number, "title": case.title},
            )
        )
        enqueue(transaction, change.side_effects, at=change.at)
        self.table.transact(transaction, conflict_message="The case was changed meanwhile; reload it and try again")

    def summaries(
        self, partitions: Sequence[str], *, dates: tuple[date | None, date | None], after: str | None, page_size: int
    ) -> Iterator[tuple[str, CaseSummary]]:
        """The rows of the partitions, newest first, merged and each case once, strictly below `after`."""
        low = key(dates[0].isoformat(), "") if dates[0] else "0"  # every date sorts above "0"
        high = key(dates[1].isoformat(), "~") if dates[1] else "~"
        if after is not None:
            high = min(high, after)
        for sort_key, item in _merged(self.table, partitions, (low, high), ascending=False, page_size=page_size):
            if sort_key != after:
                yield sort_key, model_of(CaseSummary, item)

    def counters(self, scopes: Sequence[str], months: Sequence[str]) -> list[dashboards.Counter]:
        """The dashboard counters of the scopes for the months (CASE-6): one query per scope."""
        found: list[dashboards.Counter] = []
        partitions = [partition for scope in scopes for partition in counter_partitions(scope)]
        for partition in partitions:
            for item in self.table.query_all(pk=partition, sk_between=(months[0], months[-1] + "~")):
                found.append(
                    dashboards.Counter(
                        month=item["month"],
                        metric=dashboards.Metric(item["metric"]),
                        dims=tuple(item["dims"]),
                        count=int(item["count"]),
                        amount_minor=int(item.get("amount_minor", 0)),
                        lead_seconds=int(item.get("lead_seconds", 0)),
                    )
                )
        return found

    def has_cases(self, customer_id: str) -> bool:
        """Whether any case was ever filed on the customer (deleting it is refused then): one item read at most."""
        partition = history_partition(access.customer_scope(customer_id), status=None, type_=None)
        return bool(self.table.query(pk=partition, limit=1, principal="-").items)

    def word_hits(
        self, partitions: Sequence[str], *, term: str, after: str | None, page_size: int
    ) -> Iterator[tuple[str, WordHit]]:
        """The word rows starting with `term` in the partitions, by word, each (word, case) once, above `after`."""
        low = max(term, after) if after else term
        for sort_key, item in _merged(
            self.table, partitions, (low, term + "\uffff"), ascending=True, page_size=page_size
        ):
            if sort_key != after:
                yield (
                    sort_key,
                    WordHit(
                        case_id=item["case_id"],
                        words=list(item["words"]),
                        customer_id=item.get("customer_id"),
                        object_id=item.get("object_id"),
                        created_on=item["created_on"],
                    ),
                )


def _merged(
    table: Table, partitions: Sequence[str], between: tuple[str, str], *, ascending: bool, page_size: int
) -> Iterator[tuple[str, Item]]:
    """The items of several partitions in one sort-key order, a page of each read at a time; an item filed in two of
    them (a case under its customer and its object) comes once, since its sort key is the same in both."""
    import heapq

    def each(pk: str) -> Iterator[tuple[str, Item]]:
        for page in table.each(pk=pk, sk_between=between, ascending=ascending, page_size=page_size):
            yield from ((item["SK"], item) for item in page)

    previous: str | None = None
    for sort_key, item in heapq.merge(
        *(each(pk) for pk in dict.fromkeys(partitions)), key=lambda pair: pair[0], reverse=not ascending
    ):
        if sort_key != previous:
            previous = sort_key
            yield sort_key, item


def filed_on(case: Case) -> date:
    return portal_day(case.created_at)


def _case_item(case: Case) -> Item:
    """Every write of a case adds its deltas to the dashboard counters, so the case stored is counted."""
    return item_of(case, pk=case_pk(case.case_id), sk="CASE", kind="case", counted=True)


def _history_rows(case: Case) -> list[Item]:
    """One row per scope and subset of its status and type, showing the case as the search lists it."""
    summary = case.model_dump(mode="json", include=_SUMMARY_FIELDS)
    facets = {"status": case.status.value, "type": case.type.value}
    return [
        row
        for scope in facts_of(case).scopes
        for row in histories.index_items(CASE_HISTORY, scope, case.case_id, filed_on(case), facets, summary)
    ]


def _word_rows(case: Case) -> list[Item]:
    """One row per scope and word it is found by (its number, title, reference and address never change)."""
    created_on = filed_on(case)
    scopes = facts_of(case).scopes
    words = case_words(case)
    word_row: dict[str, Any] = {
        "type": "case_word",
        "case_id": case.case_id,
        "words": words,
        "created_on": created_on.isoformat(),
    }
    if case.customer_id:
        word_row["customer_id"] = case.customer_id
    if case.object_id:
        word_row["object_id"] = case.object_id
    return [
        {"PK": word_partition(scope, word), "SK": key(word, case.case_id), **word_row}
        for scope in scopes
        for word in words
    ]


# The staff's `all` scope is counted by every case write of every customer: its counters are spread over this many
# partitions (by case), so writes of different customers' cases seldom meet on one item.
ALL_CASES_SHARDS = 8


def counter_partitions(scope: str) -> list[str]:
    """The partitions a scope's dashboard counters are kept in (and read from)."""
    if scope == access.ALL_CASES:
        return [key("DASH", scope, str(shard)) for shard in range(ALL_CASES_SHARDS)]
    return [key("DASH", scope)]


def counter_partition(scope: str, case_id: str) -> str:
    """The partition a case's changes are counted in, for one of its scopes."""
    partitions = counter_partitions(scope)
    return partitions[zlib.crc32(case_id.encode()) % len(partitions)]


def _count(transaction: Transaction, partition: str, delta: dashboards.CounterDelta) -> None:
    """Adds a change to one counter of a month (CASE-6); the counter is made by its first change."""
    dims = "#".join(dim.replace("#", "%23") for dim in delta.dims)
    transaction.update(
        partition,
        f"{delta.month}#{delta.metric.value}#{dims}",
        expression="ADD #count :count, amount_minor :amount, lead_seconds :lead "
        "SET #type = :kind, #month = :month, metric = :metric, dims = :dims",
        values={
            ":count": delta.count,
            ":amount": delta.amount_minor,
            ":lead": delta.lead_seconds,
            ":kind": "dashboard_counter",
            ":month": delta.month,
            ":metric": delta.metric.value,
            ":dims": list(delta.dims),
        },
        names={"#count": "count", "#type": "type", "#month": "month"},
    )


def history_partition(scope: str, *, status: str | None, type_: str | None) -> str:
    return histories.partition(CASE_HISTORY, scope, {"status": status, "type": type_})
