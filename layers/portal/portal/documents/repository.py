"""Documents live in their customer's partition under ULIDs. Every change to one is one transaction: the document
(conditioned on its version), its rows in the search partitions (portal.histories), its trading partner's counts,
the month's counters that statistics read (DOC-4), its history entry, and the side effects it causes (outbox).

The vendor's network directory maps an electronic address (a Peppol participant id) to the customer registered
with it, so a document to a customer of the vendor is delivered into that customer's partition.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from portal import histories
from portal.clock import is_id, iso
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.documents.models import (
    Channel,
    Direction,
    Document,
    DocumentFilters,
    DocumentRow,
    DocumentSettings,
    MonthFigures,
    PartnerStatus,
    TradingPartner,
    ViewingCopy,
)
from portal.errors import BadRequest, Conflict
from portal.notifications.jobs import Job
from portal.notifications.repository import SideEffect
from portal.reports.models import ReportStatus as CopyStatus
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of
from portal.webhooks.models import WebhookDelivery

DOCUMENT, NUMBER, PARTNER, SETTINGS, STATS = "DOC", "DOCNUM", "PARTNER", "DOCSETTINGS", "DOCSTATS"
AMOUNT = "DOCAMT"
PARTICIPANT, TRACKING, COPY = "PARTICIPANT", "TRACK", "COPY"


@dataclass(frozen=True)
class Participant:
    """An electronic address in the vendor's network directory: a customer of the vendor, or a company outside it
    and the channels it receives on (looked up in the Peppol and bank directories on AWS; seeded locally)."""

    customer_id: str | None
    receives: frozenset[Channel]


@dataclass
class DocumentChange:
    """What one business step does to documents, written together or not at all."""

    at: datetime
    actor: str
    action: CustomerHistoryAction
    created: list[Document] = field(default_factory=list)
    moved: list[tuple[Document, Document]] = field(default_factory=list)
    # (copy, count): sent, received, delivered or stopped, on the copy's partner
    partner_counts: list[tuple[Document, str]] = field(default_factory=list)
    counters: list[tuple[Document, str]] = field(default_factory=list)  # (copy, counter name) for the month
    side_effects: list[SideEffect] = field(default_factory=list)
    audit_after: dict[str, Any] = field(default_factory=dict)
    tracking: list[tuple[str, Document]] = field(default_factory=list)  # (hash of a link's token, its document)
    webhook_deliveries: list[WebhookDelivery] = field(default_factory=list)  # sent by their jobs in side_effects


class DocumentRepository(Protocol):
    def get(self, customer_id: str, document_id: str, *, consistent: bool = False) -> Document | None: ...
    def apply(self, change: DocumentChange) -> None: ...
    def search(
        self,
        customer_id: str,
        filters: DocumentFilters,
        dates: tuple[date, date],
        *,
        principal: str,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[DocumentRow], str | None]: ...
    def search_by_amount(
        self,
        customer_id: str,
        amounts: AmountRange,
        dates: tuple[date, date],
        *,
        principal: str,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[DocumentRow], str | None]: ...
    def by_number(self, customer_id: str, number: str) -> list[Document]: ...
    def partners(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[TradingPartner], str | None]: ...
    def stopped_partners(self, customer_id: str) -> list[TradingPartner]: ...
    def settings(self, customer_id: str) -> DocumentSettings: ...
    def save_settings(
        self, customer_id: str, before: DocumentSettings, after: DocumentSettings, *, actor: str, at: datetime
    ) -> None: ...
    def participant(self, endpoint: str) -> Participant | None: ...
    def sent_before(self, document: Document) -> str | None: ...
    def tracked(self, token_hash: str) -> tuple[str, str] | None: ...
    def month_figures(self, customer_ids: Sequence[str], months: Sequence[str]) -> list[MonthFigures]: ...
    def ask_copy(self, copy: ViewingCopy, *, job: Job) -> bool: ...
    def copy(self, customer_id: str, copy_id: str) -> ViewingCopy | None: ...
    def save_copy(self, before: ViewingCopy, after: ViewingCopy) -> None: ...
    def save_logo(
        self, customer_id: str, before: DocumentSettings, after: DocumentSettings, *, actor: str, at: datetime
    ) -> None: ...


class DynamoDocumentRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, customer_id: str, document_id: str, *, consistent: bool = False) -> Document | None:
        if not (is_id(customer_id) and is_id(document_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key(DOCUMENT, document_id), consistent=consistent)
        return model_of(Document, item) if item else None

    def apply(self, change: DocumentChange) -> None:
        from portal.notifications.repository import enqueue
        from portal.webhooks.repository import put_delivery

        transaction = Transaction()
        for document in change.created:
            transaction.put(_document_item(document), condition="attribute_not_exists(PK)")
            transaction.put(_number_guard(document), condition="attribute_not_exists(PK)")
            histories.write(transaction, [], _rows(document))
        for before, after in change.moved:
            # A workflow step stores its task token on the document without moving its version: a change made from
            # a copy read before the token came must not write the token away.
            values: dict[str, Any]
            if before.task_token is None:
                condition, values = "version = :read AND attribute_not_exists(task_token)", {":read": before.version}
            else:
                condition = "version = :read AND task_token = :token"
                values = {":read": before.version, ":token": before.task_token}
            transaction.put(_document_item(after), condition=condition, values=values)
            histories.write(transaction, _rows(before), _rows(after))
        for token_hash, document in change.tracking:
            transaction.put(
                {
                    "PK": key(TRACKING, token_hash),
                    "SK": TRACKING,
                    "type": "tracking_link",
                    "customer_id": document.customer_id,
                    "document_id": document.document_id,
                },
                condition="attribute_not_exists(PK)",
            )
        for document, counter in change.partner_counts:
            _count_partner(transaction, document, counter, change.at)
        for (customer_id, month), counters in _month_counters(change.counters).items():
            expression = ", ".join(f"#{name} :{name}" for name in counters)
            transaction.update(
                customer_pk(customer_id),
                key(STATS, month),
                expression=f"SET customer_id = :customer, #month = :month ADD {expression}",
                names={"#month": "month", **{f"#{name}": name for name in counters}},
                values={":customer": customer_id, ":month": month, **{f":{n}": c for n, c in counters.items()}},
            )
        for document in {copy.customer_id: copy for copy in [*change.created, *(a for _, a in change.moved)]}.values():
            transaction.put(
                audit_item(
                    partition=customer_pk(document.customer_id),
                    actor=change.actor,
                    action=change.action,
                    at=change.at,
                    subject=document.document_id,
                    after={"number": document.content.number, "status": document.status.value, **change.audit_after},
                )
            )
        for delivery in change.webhook_deliveries:
            put_delivery(transaction, delivery)
        enqueue(transaction, change.side_effects, at=change.at)
        self.table.transact(transaction, conflict_message="The document was changed meanwhile; reload and try again")

    def search(
        self,
        customer_id: str,
        filters: DocumentFilters,
        dates: tuple[date, date],
        *,
        principal: str,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[DocumentRow], str | None]:
        """One page of the customer's documents received within `dates`, newest first, from the partition of its
        filters: every item read is a row returned."""
        return histories.page(
            self.table,
            DocumentRow,
            pk=histories.partition(DOCUMENT, customer_id, _facets(filters)),
            dates=dates,
            principal=principal,
            limit=limit,
            cursor=cursor,
        )

    def search_by_amount(
        self,
        customer_id: str,
        amounts: AmountRange,
        dates: tuple[date, date],
        *,
        principal: str,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[DocumentRow], str | None]:
        """One page of the customer's documents in one currency (and direction) whose amount due is within the range,
        received within `dates`: month by month, newest month first, by amount within a month. One Query per month
        between the amounts; only the rows of the first and last month's days outside `dates` are read and dropped.
        The cursor names the month it continues in, with that month's signed cursor."""
        months = _months(dates)
        start, inner = 0, None
        if cursor:
            month, _, inner_cursor = cursor.partition("|")
            if month not in months:
                raise BadRequest("The page cursor is not valid for this search; start again", code="invalid_cursor")
            start, inner = months.index(month), inner_cursor or None
        between = (key(amount_key(amounts.low), ""), key(amount_key(amounts.high), "~"))
        rows: list[DocumentRow] = []
        for index in range(start, len(months)):
            page = self.table.query(
                pk=_amount_pk(customer_id, amounts.currency, months[index], amounts.direction),
                sk_between=between,
                limit=limit - len(rows),
                cursor=inner,
                principal=principal,
            )
            inner = None
            found = (model_of(DocumentRow, item) for item in page.items)
            rows.extend(row for row in found if dates[0] <= row.received_on <= dates[1])
            if page.cursor:
                return rows, f"{months[index]}|{page.cursor}"
            if len(rows) >= limit:
                return rows, f"{months[index + 1]}|" if index + 1 < len(months) else None
        return rows, None

    def by_number(self, customer_id: str, number: str) -> list[Document]:
        """The customer's documents with this number, both directions (a number is the sender's, so a few)."""
        if not is_id(customer_id):
            return []
        items = self.table.query_all(pk=_number_key(customer_id, number), index="GSI2")
        return sorted((model_of(Document, item) for item in items), key=lambda found: found.document_id, reverse=True)

    def partners(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[TradingPartner], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id), sk_prefix=f"{PARTNER}#", limit=limit, cursor=cursor, principal=principal
        )
        return [model_of(TradingPartner, item) for item in page.items], page.cursor

    def stopped_partners(self, customer_id: str) -> list[TradingPartner]:
        """The partners the customer's documents were stopped with, most often first: every one of them, from the
        sparse GSI1 list their first stopped document put them on (a sender has few such partners)."""
        items = self.table.query_all(pk=_stopped_list(customer_id), index="GSI1")
        partners = [model_of(TradingPartner, item) for item in items]
        return sorted(partners, key=lambda partner: (-partner.stopped, partner.name))

    def settings(self, customer_id: str) -> DocumentSettings:
        item = self.table.get(customer_pk(customer_id), SETTINGS, consistent=True) if is_id(customer_id) else None
        return model_of(DocumentSettings, item) if item else DocumentSettings()

    def save_settings(
        self, customer_id: str, before: DocumentSettings, after: DocumentSettings, *, actor: str, at: datetime
    ) -> None:
        """The settings (if still as read), and the customer's electronic address moved in the directory: one
        address belongs to one customer."""
        partition = customer_pk(customer_id)
        transaction = Transaction()
        condition = "attribute_not_exists(PK)" if before.version == 0 else "version = :read"
        transaction.put(
            item_of(after, pk=partition, sk=SETTINGS, kind="document_settings"),
            condition=condition,
            values={":read": before.version} if before.version else None,
        )
        if before.endpoint != after.endpoint:
            if before.endpoint:
                transaction.delete(
                    key(PARTICIPANT, before.endpoint),
                    PARTICIPANT,
                    condition="customer_id = :customer",
                    values={":customer": customer_id},
                )
            if after.endpoint:
                transaction.put(
                    {
                        "PK": key(PARTICIPANT, after.endpoint),
                        "SK": PARTICIPANT,
                        "type": "participant",
                        "customer_id": customer_id,
                        "receives": [Channel.PEPPOL.value],
                    },
                    condition="attribute_not_exists(PK)",
                )
        transaction.put(
            audit_item(
                partition=partition,
                actor=actor,
                action=CustomerHistoryAction.DOCUMENT_SETTINGS_CHANGED,
                at=at,
                before=before.model_dump(mode="json", exclude={"version"}),
                after=after.model_dump(mode="json", exclude={"version"}),
            )
        )
        self.table.transact(
            transaction, conflict_message="The settings changed meanwhile, or the address belongs to another customer"
        )

    def ask_copy(self, copy: ViewingCopy, *, job: Job) -> bool:
        """Queues the viewing copy unless it is there already (made, or on its way): False then. One that failed is
        queued again."""
        from portal.notifications.repository import enqueue

        transaction = Transaction()
        transaction.put(
            _copy_item(copy),
            condition="attribute_not_exists(PK) OR #status = :failed",
            names={"#status": "status"},
            values={":failed": CopyStatus.FAILED.value},
        )
        enqueue(transaction, [job], at=copy.requested_at)
        try:
            self.table.transact(transaction, conflict_message="The viewing copy is already asked for")
        except Conflict:
            return False
        return True

    def copy(self, customer_id: str, copy_id: str) -> ViewingCopy | None:
        item = self.table.get(customer_pk(customer_id), key(COPY, copy_id), consistent=True)
        return model_of(ViewingCopy, item) if item else None

    def save_copy(self, before: ViewingCopy, after: ViewingCopy) -> None:
        self.table.put(
            _copy_item(after),
            condition="version = :read",
            values={":read": before.version},
            conflict_message="The viewing copy changed meanwhile",
        )

    def save_logo(
        self, customer_id: str, before: DocumentSettings, after: DocumentSettings, *, actor: str, at: datetime
    ) -> None:
        partition = customer_pk(customer_id)
        transaction = Transaction()
        condition = "attribute_not_exists(PK)" if before.version == 0 else "version = :read"
        transaction.put(
            item_of(after, pk=partition, sk=SETTINGS, kind="document_settings"),
            condition=condition,
            values={":read": before.version} if before.version else None,
        )
        transaction.put(
            audit_item(
                partition=partition,
                actor=actor,
                action=CustomerHistoryAction.DOCUMENT_LOGO_CHANGED,
                at=at,
                after={"logo": after.logo.sha256 if after.logo else None},
            )
        )
        self.table.transact(transaction, conflict_message="The settings changed meanwhile; reload and try again")

    def month_figures(self, customer_ids: Sequence[str], months: Sequence[str]) -> list[MonthFigures]:
        """The month counters of each customer and month, in one batch read: at most one item per cell."""
        found = self.table.batch_get([(customer_pk(c), key(STATS, month)) for c in customer_ids for month in months])
        return [_figures(item) for item in found]

    def tracked(self, token_hash: str) -> tuple[str, str] | None:
        """The customer and document a Smartmail link was sent for."""
        item = self.table.get(key(TRACKING, token_hash), TRACKING)
        return (str(item["customer_id"]), str(item["document_id"])) if item else None

    def sent_before(self, document: Document) -> str | None:
        """The id of the document sent before with the same sender, kind, recipient and number, if any."""
        guard = _number_guard(document)
        item = self.table.get(guard["PK"], guard["SK"], consistent=True)
        return str(item["document_id"]) if item else None

    def participant(self, endpoint: str) -> Participant | None:
        """Who is registered with this electronic address in the vendor's network directory, if anyone."""
        item = self.table.get(key(PARTICIPANT, endpoint), PARTICIPANT)
        if item is None:
            return None
        customer_id = item.get("customer_id")
        receives = frozenset(Channel(name) for name in item.get("receives") or [])
        return Participant(customer_id=str(customer_id) if customer_id else None, receives=receives)


def _copy_item(copy: ViewingCopy) -> Item:
    return item_of(copy, pk=customer_pk(copy.customer_id), sk=key(COPY, copy.copy_id), kind="viewing_copy")


def document_key(customer_id: str, document_id: str) -> dict[str, dict[str, str]]:
    """The document's key as Step Functions' DynamoDB integration writes it."""
    return {"PK": {"S": customer_pk(customer_id)}, "SK": {"S": key(DOCUMENT, document_id)}}


def _document_item(document: Document) -> Item:
    return item_of(
        document,
        pk=customer_pk(document.customer_id),
        sk=key(DOCUMENT, document.document_id),
        kind="document",
        GSI2PK=_number_key(document.customer_id, document.content.number),
        GSI2SK=document.document_id,
    )


def _number_key(customer_id: str, number: str) -> str:
    return key("DOCNO", customer_id, number.strip().lower())


def _number_guard(document: Document) -> Item:
    """A sender numbers each kind of document once: the same number again is the same document sent twice."""
    content = document.content
    return {
        "PK": customer_pk(document.customer_id),
        "SK": key(NUMBER, document.direction.value, content.document_type.value, document.partner_key, content.number),
        "type": "document_number",
        "document_id": document.document_id,
    }


def _facets(document: Document | DocumentFilters) -> dict[str, str | None]:
    if isinstance(document, DocumentFilters):
        return {
            "direction": document.direction.value if document.direction else None,
            "status": document.status.value if document.status else None,
            "channel": document.channel.value if document.channel else None,
            "partner": document.partner,
        }
    return {
        "direction": document.direction.value,
        "status": document.status.value,
        "channel": document.channel.value if document.channel else None,
        "partner": document.partner_key,
    }


def row_of(document: Document) -> DocumentRow:
    content = document.content
    return DocumentRow(
        document_id=document.document_id,
        direction=document.direction,
        document_type=content.document_type,
        number=content.number,
        partner_key=document.partner_key,
        partner_name=document.partner_name,
        channel=document.channel,
        status=document.status,
        issue_date=content.issue_date,
        received_on=document.received_on,
        currency=content.currency,
        payable=str(content.totals.payable) if content.totals.payable is not None else None,
        payable_minor=content.payable_minor,
        post_after=document.post_after,
    )


def _rows(document: Document) -> list[Item]:
    """The document's rows in every search partition: by date with each combination of its facets, and by amount
    due (alone and with its direction) in its currency and month."""
    row = row_of(document).model_dump(mode="json")
    by_date = histories.index_items(
        DOCUMENT, document.customer_id, document.document_id, document.received_on, _facets(document), row
    )
    minor, currency = document.content.payable_minor, document.content.currency
    if minor is None or not currency:
        return by_date
    month = document.received_on.isoformat()[:7]
    sort_key = key(amount_key(minor), document.received_on.isoformat(), document.document_id)
    return by_date + [
        {
            "PK": _amount_pk(document.customer_id, currency, month, direction),
            "SK": sort_key,
            "type": "amount_row",
            **row,
        }
        for direction in (None, document.direction)
    ]


@dataclass(frozen=True)
class AmountRange:
    """Amounts due from `low` to `high` (minor units, both included) in one currency, and optionally one direction."""

    currency: str
    low: int
    high: int
    direction: Direction | None = None


# Minor units shifted so that negative amounts (a credit note's) sort below positive ones in a string sort key.
_AMOUNT_OFFSET = 10**17


def amount_key(minor: int) -> str:
    return f"{minor + _AMOUNT_OFFSET:018d}"


def _amount_pk(customer_id: str, currency: str, month: str, direction: Direction | None) -> str:
    return key(AMOUNT, customer_id, currency, month, *([f"direction={direction.value}"] if direction else []))


def _months(dates: tuple[date, date]) -> list[str]:
    """The months the dates touch, newest first."""
    months, month = [], dates[1].replace(day=1)
    while month >= dates[0].replace(day=1):
        months.append(month.isoformat()[:7])
        month = (month - timedelta(days=1)).replace(day=1)
    return months


def _count_partner(transaction: Transaction, document: Document, counter: str, at: datetime) -> None:
    """The partner's entry made or brought up to date, its count moved on: one write, no read. Its status is what
    the document showed of it: a customer of the vendor, reached on Peppol, or (until shown otherwise) neither."""
    party = document.content.buyer if _partner_is_buyer(document) else document.content.seller
    known = {
        "#name": ("name", document.partner_name),
        "#org": ("organisation_number", party.organisation_number),
        "#vat": ("vat_number", party.vat_number),
        "#email": ("email", party.email),
        "#country": ("country", party.address.country),
    }
    present = {alias: pair for alias, pair in known.items() if pair[1]}
    sets = "".join(f", {alias} = :{pair[0]}" for alias, pair in present.items())
    if document.counterpart is not None:
        status, assign = PartnerStatus.CONNECTED, "#status = :status"
    elif document.channel is Channel.PEPPOL:
        status, assign = PartnerStatus.PEPPOL, "#status = :status"
    else:
        status, assign = PartnerStatus.OFF_NETWORK, "#status = if_not_exists(#status, :status)"
    # A partner with a stopped document joins the customer's list of those (DOC-5), a sparse index of GSI1.
    listed: dict[str, str] = {}
    if counter == "stopped":
        sets += ", GSI1PK = :stopped_list, GSI1SK = :key"
        listed[":stopped_list"] = _stopped_list(document.customer_id)
    transaction.update(
        customer_pk(document.customer_id),
        key(PARTNER, document.partner_key),
        expression=f"SET partner_key = :key, #type = :type, last_document_at = :at, {assign}{sets} ADD #counter :one",
        names={
            "#type": "type",
            "#status": "status",
            "#counter": counter,
            **{alias: pair[0] for alias, pair in present.items()},
        },
        values={
            ":key": document.partner_key,
            ":type": "trading_partner",
            ":at": iso(at),
            ":status": status.value,
            ":one": 1,
            **{f":{pair[0]}": pair[1] for pair in present.values()},
            **listed,
        },
    )


def _stopped_list(customer_id: str) -> str:
    return key("STOPPEDPARTNERS", customer_id)


def _partner_is_buyer(document: Document) -> bool:
    """The partner is the party that is not the customer: the buyer of what the customer sells, and so on."""
    from portal.documents.content import DocumentType

    customer_sells = document.content.document_type is not DocumentType.ORDER
    return customer_sells == (document.direction is Direction.OUTGOING)


def _month_counters(counted: Iterable[tuple[Document, str]]) -> dict[tuple[str, str], dict[str, int]]:
    months: dict[tuple[str, str], dict[str, int]] = {}
    for document, name in counted:
        month = document.received_on.isoformat()[:7]
        counters = months.setdefault((document.customer_id, month), {})
        counters[name] = counters.get(name, 0) + 1
    return months


def _figures(item: Item) -> MonthFigures:
    channels = {
        Channel(name.removeprefix("channel_")): int(count)
        for name, count in item.items()
        if name.startswith("channel_") and name.removeprefix("channel_") in {c.value for c in Channel}
    }
    return MonthFigures(
        customer_id=str(item["customer_id"]),
        month=str(item["month"]),
        outgoing=int(item.get("outgoing", 0)),
        incoming=int(item.get("incoming", 0)),
        stopped=int(item.get("stopped", 0)),
        opened=int(item.get("opened", 0)),
        channels=channels,
    )


def counter_for(channel: Channel) -> str:
    return f"channel_{channel.value}"
