"""Documents and e-invoicing (DOC-1, DOC-2, DOC-5): a customer sends a UBL document; the vendor keeps the file
unchanged, checks it against the rules when either party ordered the filter, and delivers it on the recipient's
channel — within the vendor's network when the recipient is a customer too, on Peppol, to the online bank, or by
e-mail. A stopped invoice is not delivered: both parties see why, and the other party is told.

Receiving is quick and done in the request (reading the XML is what refuses a hostile or broken file with 422);
checking and delivery run from a queue (`process`), so no request waits for the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from portal import access, histories
from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import Customer, CustomerHistoryAction
from portal.customers.repository import CustomerRepository
from portal.documents import content as ubl
from portal.documents import rules, xml
from portal.documents.content import DocumentContent, DocumentType, Party
from portal.documents.models import (
    MULTICHANNEL_ORDER,
    BrokenRule,
    Channel,
    Counterpart,
    Direction,
    Document,
    DocumentFilters,
    DocumentRow,
    DocumentSettings,
    DocumentSettingsInput,
    DocumentStatus,
    DocumentView,
    FileVersion,
    SendOptions,
    Step,
    StepKind,
    TradingPartner,
    checksum,
    object_key,
)
from portal.documents.repository import DocumentChange, DocumentRepository, Participant, counter_for
from portal.errors import Conflict, NotFound, ValidationFailed, field_problem
from portal.history import require_version
from portal.languages import Language
from portal.notifications import email
from portal.notifications.email import EmailMessage
from portal.notifications.jobs import Job
from portal.observability import logger

_ZONES = {"NO": ZoneInfo("Europe/Oslo"), "SE": ZoneInfo("Europe/Stockholm")}
_LANGUAGES = {"NO": Language.NB, "SE": Language.SV}
_FILTERED = {DocumentType.INVOICE, DocumentType.CREDIT_NOTE}


class DocumentFiles(Protocol):
    def put(self, key: str, content: bytes, content_type: str) -> None: ...
    def read(self, key: str) -> bytes: ...


class Network(Protocol):
    """Where documents leave the vendor for recipients outside it: a Peppol access point, the banks' e-invoice
    exchange. (Within the vendor's network a document is delivered into the recipient's partition instead.)"""

    def hand_over(self, channel: Channel, document: Document, content: bytes) -> None: ...


@dataclass
class DocumentService:
    customers: CustomerRepository
    documents: DocumentRepository
    files: DocumentFiles
    network: Network
    portal_url: str
    clock: Clock = field(default=now)

    # -- sending (DOC-1) ---------------------------------------------------------------------------------------------

    def send(self, principal: Principal, customer_id: str, content: bytes, options: SendOptions) -> DocumentView:
        """Receives a document the customer sends: kept unchanged in S3, its fields read, queued for checking and
        delivery. A file that is not a readable UBL document, or is sent in another company's name, is refused."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_send_documents(principal, customers.facts(customer))
        read = ubl.read(xml.parse(content))
        sender, recipient = _parties(read)
        self._require_sender(customer, sender)
        at = self.clock()
        document_id = new_id()
        stored = _file_version(customer_id, document_id, 1, content, at=at, actor=principal.username)
        document = Document(
            document_id=document_id,
            customer_id=customer_id,
            direction=Direction.OUTGOING,
            content=read,
            partner_key=_partner_key(recipient),
            partner_name=recipient.name or _partner_key(recipient),
            channel=options.channel,
            channel_chosen=options.channel is not None,
            timeline=[Step(kind=StepKind.RECEIVED, at=at, actor=principal.username)],
            files=[stored],
            received_at=at,
            received_on=_day(at, customer),
        )
        earlier = self.documents.sent_before(document)
        if earlier:
            raise Conflict(
                f"{read.document_type.value.replace('_', ' ').capitalize()} {read.number} to this recipient was sent "
                "before; a correction is sent from the document's page",
                code="duplicate_document",
                details=[{"document_id": earlier}],
            )
        self.files.put(stored.key, content, "application/xml")
        self.documents.apply(
            DocumentChange(
                at=at,
                actor=principal.username,
                action=CustomerHistoryAction.DOCUMENT_RECEIVED,
                created=[document],
                partner_counts=[(document, "sent")],
                counters=[(document, "outgoing")],
                side_effects=[Job(queue="documents", body={"customer_id": customer_id, "document_id": document_id})],
            )
        )
        return self._view(document)

    def process(self, customer_id: str, document_id: str) -> Document | None:
        """The worker: checks a received document when the filter applies, then delivers it or stops it. A message
        delivered twice finds the document already moved on and leaves it."""
        document = self.documents.get(customer_id, document_id, consistent=True)
        if document is None or document.status is not DocumentStatus.RECEIVED:
            return document
        content = self.files.read(document.current_file.key)
        recipient = _parties(document.content)[1]
        participant = self.documents.participant(recipient.endpoint) if recipient.endpoint else None
        recipient_id = participant.customer_id if participant else None
        if recipient_id == customer_id:
            recipient_id = None  # a customer sending to itself is delivered as to anyone else
        broken = self._broken_rules(document, content, recipient_id)
        if broken:
            return self._stop(document, broken, recipient_id)
        return self._deliver(document, content, recipient_id, participant)

    # -- reading (DOC-1, DOC-2) --------------------------------------------------------------------------------------

    def document(self, principal: Principal, customer_id: str, document_id: str) -> DocumentView:
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        found = self.documents.get(customer_id, document_id)
        if found is None:
            raise NotFound("No such document")
        return self._view(found)

    def search(
        self,
        principal: Principal,
        customer_id: str,
        filters: DocumentFilters,
        *,
        date_from: date | None,
        date_to: date | None,
        number: str | None,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[DocumentRow], str | None]:
        """The customer's documents: by number (exactly, any date), or received within ≤ 92 days and narrowed by
        direction, status, channel and partner in any combination."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        if number:
            from portal.documents.repository import row_of

            return [row_of(found) for found in self.documents.by_number(customer_id, number)], None
        dates = histories.date_range(
            date_from, date_to, today=_day(self.clock(), customer), longest=histories.SEARCH_DAYS
        )
        return self.documents.search(
            customer_id, filters, dates, principal=principal.username, limit=limit, cursor=cursor
        )

    def partners(
        self, principal: Principal, customer_id: str, *, limit: int, cursor: str | None
    ) -> tuple[list[TradingPartner], str | None]:
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        return self.documents.partners(customer_id, principal=principal.username, limit=limit, cursor=cursor)

    def settings(self, principal: Principal, customer_id: str) -> DocumentSettings:
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        return self.documents.settings(customer_id)

    def change_settings(self, principal: Principal, customer_id: str, data: DocumentSettingsInput) -> DocumentSettings:
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_document_settings(principal, customers.facts(customer))
        before = self.documents.settings(customer_id)
        require_version(before.version, data.version, "document settings")
        after = DocumentSettings(
            filter_scope=data.filter_scope,
            smartmail_days=data.smartmail_days,
            endpoint=data.endpoint,
            version=before.version + 1,
        )
        self.documents.save_settings(customer_id, before, after, actor=principal.username, at=self.clock())
        return after

    # -- steps -------------------------------------------------------------------------------------------------------

    def _broken_rules(self, document: Document, content: bytes, recipient_id: str | None) -> list[dict[str, str]]:
        """The rules the document breaks, when the sender ordered the filter for what it sends or the recipient for
        what it receives (invoices and credit notes only)."""
        if document.content.document_type not in _FILTERED:
            return []
        filtered = self.documents.settings(document.customer_id).filters(Direction.OUTGOING) or (
            recipient_id is not None and self.documents.settings(recipient_id).filters(Direction.INCOMING)
        )
        if not filtered:
            return []
        found = rules.check(xml.parse(content))
        return [
            {"rule": violation.rule.id, "where": violation.where}
            for violation in found
            if violation.rule.severity == "fatal"
        ]

    def _stop(self, document: Document, broken: list[dict[str, str]], recipient_id: str | None) -> Document:
        at = self.clock()
        listed = ", ".join(dict.fromkeys(rule["rule"] for rule in broken))
        step = Step(kind=StepKind.STOPPED, at=at, detail=listed)
        after = _moved(document, status=DocumentStatus.STOPPED, broken_rules=broken, timeline=[step])
        change = DocumentChange(
            at=at,
            actor="filter",
            action=CustomerHistoryAction.DOCUMENT_STOPPED,
            partner_counts=[(after, "stopped")],
            counters=[(after, "stopped")],
            audit_after={"rules": listed},
        )
        if recipient_id is not None:
            incoming = self._incoming_copy(after, recipient_id, status=DocumentStatus.STOPPED, steps=[step])
            after = after.model_copy(update={"counterpart": _counterpart(incoming)})
            change.created.append(incoming)
            change.partner_counts.append((incoming, "stopped"))
        change.moved.append((document, after))
        change.side_effects.extend(self._stop_notices(after, recipient_id))
        self.documents.apply(change)
        logger.info("document stopped", extra={"document_id": document.document_id, "rules": listed})
        return after

    def _deliver(
        self, document: Document, content: bytes, recipient_id: str | None, participant: Participant | None
    ) -> Document:
        at = self.clock()
        recipient = _parties(document.content)[1]
        channel = _channel(document, recipient, recipient_id, participant)
        if channel is None:
            step = Step(kind=StepKind.UNDELIVERABLE, at=at, channel=document.channel, detail=_undeliverable(document))
            after = _moved(document, status=DocumentStatus.UNDELIVERABLE, timeline=[step])
            self.documents.apply(
                DocumentChange(
                    at=at,
                    actor="delivery",
                    action=CustomerHistoryAction.DOCUMENT_UNDELIVERABLE,
                    moved=[(document, after)],
                )
            )
            return after
        change = DocumentChange(
            at=at,
            actor="delivery",
            action=CustomerHistoryAction.DOCUMENT_DELIVERED,
            counters=[(document, counter_for(channel))],
        )
        sent = Step(kind=StepKind.SENT, at=at, channel=channel)
        if channel is Channel.PEPPOL and recipient_id is not None:
            incoming = self._incoming_copy(document, recipient_id, status=DocumentStatus.DELIVERED, steps=[])
            change.created.append(incoming)
            change.partner_counts.append((incoming, "received"))
            change.counters.extend([(incoming, "incoming"), (incoming, counter_for(channel))])
            delivered = Step(kind=StepKind.DELIVERED, at=at, channel=channel)
            after = _moved(
                document,
                status=DocumentStatus.DELIVERED,
                channel=channel,
                counterpart=_counterpart(incoming),
                timeline=[sent, delivered],
            )
        elif channel is Channel.EMAIL:
            change.action = CustomerHistoryAction.DOCUMENT_SENT
            change.side_effects.append(self._by_email(document, recipient))
            after = _moved(document, status=DocumentStatus.SENT, channel=channel, timeline=[sent])
        else:
            # Handed to the access point or the banks' exchange, which acknowledges receipt before this returns.
            self.network.hand_over(channel, document, content)
            delivered = Step(kind=StepKind.DELIVERED, at=at, channel=channel)
            after = _moved(document, status=DocumentStatus.DELIVERED, channel=channel, timeline=[sent, delivered])
        change.moved.append((document, after))
        if after.status is DocumentStatus.DELIVERED:
            change.partner_counts.append((after, "delivered"))
        self.documents.apply(change)
        return after

    def _incoming_copy(
        self, document: Document, recipient_id: str, *, status: DocumentStatus, steps: list[Step]
    ) -> Document:
        recipient = self.customers.get(recipient_id)
        at = self.clock()
        sender = _parties(document.content)[0]
        timeline = [Step(kind=StepKind.RECEIVED, at=at, channel=Channel.PEPPOL), *steps]
        if status is DocumentStatus.DELIVERED:
            timeline.append(Step(kind=StepKind.DELIVERED, at=at, channel=Channel.PEPPOL))
        return Document(
            document_id=new_id(),
            customer_id=recipient_id,
            direction=Direction.INCOMING,
            content=document.content,
            partner_key=_partner_key(sender),
            partner_name=sender.name or _partner_key(sender),
            channel=Channel.PEPPOL,
            status=status,
            timeline=timeline,
            broken_rules=document.broken_rules if status is DocumentStatus.STOPPED else [],
            files=document.files[-1:],
            counterpart=Counterpart(customer_id=document.customer_id, document_id=document.document_id),
            received_at=at,
            received_on=_day(at, recipient),
        )

    def _stop_notices(self, document: Document, recipient_id: str | None) -> list[EmailMessage]:
        """The other party is told: the recipient (a customer of the vendor, or the e-mail in the invoice)."""
        recipient = _parties(document.content)[1]
        sender = _parties(document.content)[0]
        customer = self.customers.get(recipient_id) if recipient_id else None
        address = (customer.email if customer else None) or recipient.email
        if not address:
            return []
        language = _LANGUAGES.get(
            (customer.country.value if customer else recipient.address.country) or "", Language.EN
        )
        link = f"{self.portal_url}/#/documents/{recipient_id}" if recipient_id else self.portal_url
        return [
            email.document_stopped(
                to=[address],
                document_type=document.content.document_type.value,
                number=document.content.number,
                sender=sender.name or document.partner_name,
                recipient=recipient.name or document.partner_name,
                reasons=[_reason(rule["rule"], language) for rule in document.broken_rules],
                link=link,
                language=language,
            )
        ]

    def _by_email(self, document: Document, recipient: Party) -> EmailMessage:
        assert recipient.email
        language = _LANGUAGES.get(recipient.address.country or "", Language.EN)
        totals = document.content.totals
        amount = f"{totals.payable} {document.content.currency or ''}".strip() if totals.payable is not None else None
        return email.document_by_email(
            to=recipient.email,
            document_type=document.content.document_type.value,
            number=document.content.number,
            sender=_parties(document.content)[0].name or "",
            amount=amount,
            link=f"{self.portal_url}/#/documents/{document.customer_id}/{document.document_id}",
            language=language,
        )

    # -- keeping -----------------------------------------------------------------------------------------------------

    def _require_sender(self, customer: Customer, sender: Party) -> None:
        """A customer sends in its own name: the sending party's organisation number (or electronic address) must
        be the customer's."""
        own = _digits(customer.organisation_number)
        if not own:
            return
        named = {_digits(sender.organisation_number), _digits(sender.vat_number), _digits(sender.endpoint)}
        if not any(own in digits for digits in named if digits):
            raise ValidationFailed(
                "The document is sent in another company's name: its sender is not this customer",
                code="not_the_sender",
                details=[field_problem("file", "not_the_sender", "The sending party's organisation number differs")],
            )

    @staticmethod
    def _view(document: Document) -> DocumentView:
        reasons = [
            BrokenRule(
                rule=broken["rule"],
                where=broken["where"],
                reads=list(rules.RULES[broken["rule"]].reads) if broken["rule"] in rules.RULES else [],
                messages={language: _reason(broken["rule"], language) for language in Language},
            )
            for broken in document.broken_rules
        ]
        return DocumentView(**document.model_dump(), reasons=reasons)


def _channel(
    document: Document, recipient: Party, recipient_id: str | None, participant: Participant | None
) -> Channel | None:
    """The sender's choice if the recipient can receive on it; else the first channel it can (multichannel)."""
    receives = participant.receives if participant else frozenset()
    reachable = {
        Channel.PEPPOL: recipient_id is not None or Channel.PEPPOL in receives,
        Channel.BANK: Channel.BANK in receives,
        Channel.EMAIL: bool(recipient.email),
        # Paper goes with the print service of Smartmail (DOC-7), not yet connected: nothing is posted until it is.
        Channel.POST: False,
    }
    candidates = [document.channel] if document.channel_chosen and document.channel else list(MULTICHANNEL_ORDER)
    return next((channel for channel in candidates if reachable[channel]), None)


def _file_version(
    customer_id: str, document_id: str, number: int, content: bytes, *, at: datetime, actor: str
) -> FileVersion:
    key = object_key(customer_id, document_id, number)
    return FileVersion(number=number, key=key, sha256=checksum(content), size=len(content), at=at, actor=actor)


def _parties(content: DocumentContent) -> tuple[Party, Party]:
    """(sender, recipient): an order goes from its buyer to its seller; everything else the other way."""
    if content.document_type is DocumentType.ORDER:
        return content.buyer, content.seller
    return content.seller, content.buyer


def _partner_key(party: Party) -> str:
    if party.key:
        return party.key
    return f"name:{' '.join((party.name or 'unknown').lower().split())}"[:200]


def _counterpart(document: Document) -> Counterpart:
    return Counterpart(customer_id=document.customer_id, document_id=document.document_id)


def _moved(document: Document, *, timeline: list[Step], **changes: object) -> Document:
    return document.model_copy(
        update={**changes, "timeline": [*document.timeline, *timeline], "version": document.version + 1}
    )


def _day(moment: datetime, customer: Customer | None) -> date:
    zone = _ZONES.get(customer.country.value if customer else "NO", _ZONES["NO"])
    return moment.astimezone(zone).date()


def _digits(text: str | None) -> str:
    return "".join(character for character in text or "" if character.isdigit())


def _reason(rule_id: str, language: Language) -> str:
    rule = rules.RULES.get(rule_id)
    return rule.messages[language] if rule else rule_id


def _undeliverable(document: Document) -> str:
    if document.channel_chosen and document.channel:
        return f"The recipient cannot receive on {document.channel.value}"
    return "No channel reaches the recipient: no electronic address, bank agreement, e-mail or postal address"
