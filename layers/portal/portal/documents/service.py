"""Documents and e-invoicing (DOC-1, DOC-2, DOC-5): a customer sends a UBL document; the vendor keeps the file
unchanged, checks it against the rules when either party ordered the filter, and delivers it on the recipient's
channel — within the vendor's network when the recipient is a customer too, on Peppol, to the online bank, or by
e-mail. A stopped invoice is not delivered: both parties see why, and the other party is told.

Receiving is quick and done in the request (reading the XML is what refuses a hostile or broken file with 422);
checking and delivery run from a queue (`process`), so no request waits for the network.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Protocol

from portal import access, histories, languages
from portal.access import Principal
from portal.auth.tokens import new_token, token_digest
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import Customer, CustomerHistoryAction
from portal.customers.repository import CustomerRepository
from portal.documents import content as ubl
from portal.documents import copies, corrections, rules, xml
from portal.documents.content import DocumentContent, DocumentType, Party
from portal.documents.corrections import BY_TERM, CorrectionInput
from portal.documents.models import (
    MAX_STATISTICS_MONTHS,
    MULTICHANNEL_ORDER,
    BrokenRule,
    Channel,
    CopyChannel,
    CopyStatus,
    CorrectionCheck,
    Counterpart,
    Direction,
    Document,
    DocumentFilters,
    DocumentRow,
    DocumentSettings,
    DocumentSettingsInput,
    DocumentStatistics,
    DocumentStatus,
    DocumentView,
    FileLink,
    FileVersion,
    Logo,
    OpenedDocument,
    PrintJob,
    Rejection,
    RejectionInput,
    SendOptions,
    StatisticsCustomer,
    Step,
    StepKind,
    StepNote,
    TradingPartner,
    ViewingCopy,
    ViewingCopyView,
    checksum,
    object_key,
)
from portal.documents.repository import (
    AmountRange,
    DocumentChange,
    DocumentRepository,
    Participant,
    counter_for,
    document_key,
)
from portal.errors import Conflict, NotFound, ValidationFailed, field_problem
from portal.history import require_version
from portal.languages import Language
from portal.notifications import email
from portal.notifications.email import EmailMessage
from portal.notifications.jobs import Job, WorkflowStart
from portal.observability import logger
from portal.webhooks.models import WebhookDelivery
from portal.webhooks.service import DocumentStep
from portal.workflows import Workflows

_FILTERED = {DocumentType.INVOICE, DocumentType.CREDIT_NOTE}
LINK_SECONDS = 300
_COPY_ID = re.compile(r"^[0-9a-f]{32}$")


class DocumentFiles(Protocol):
    def put(self, key: str, content: bytes, content_type: str) -> None: ...
    def read(self, key: str) -> bytes: ...
    def link(self, key: str, *, file_name: str, seconds: int) -> str: ...


class PostalChannel(Protocol):
    """The print service: prints a print copy and posts it to the address in its window."""

    def hand_over(self, document: Document, pdf: bytes) -> None: ...


class PrintQueues(Protocol):
    def dead_letters(self) -> list[tuple[str, str, datetime]]: ...
    def redrive(self) -> int: ...


class Network(Protocol):
    """Where documents leave the vendor for recipients outside it: a Peppol access point, the banks' e-invoice
    exchange. (Within the vendor's network a document is delivered into the recipient's partition instead.)"""

    def hand_over(self, channel: Channel, document: Document, content: bytes) -> None: ...


class WebhookTelling(Protocol):
    """The customer's webhooks, told of its documents' steps (DOC-3)."""

    def deliveries_for(self, steps: list[DocumentStep], at: datetime) -> list[tuple[WebhookDelivery, Job]]: ...


@dataclass
class DocumentService:
    customers: CustomerRepository
    documents: DocumentRepository
    files: DocumentFiles
    network: Network
    postal: PostalChannel
    print_queues: PrintQueues
    workflows: Workflows
    portal_url: str
    webhooks: WebhookTelling | None = None
    clock: Clock = field(default=now)
    # A Smartmail "day" and how long a print may take: whole days on AWS; tests shorten them to see the timeouts.
    smartmail_day_seconds: int = 24 * 3600
    print_timeout_seconds: int = 7 * 24 * 3600

    def _apply(self, change: DocumentChange) -> None:
        """Every change of documents goes here: with it, in its transaction, the webhook deliveries that tell the
        customers whose documents reached a step their webhooks asked for."""
        if self.webhooks is not None:
            status_before = {before.document_id: before.status for before, _ in change.moved}
            stepped = [
                _step_of(document)
                for document in [*change.created, *(after for _, after in change.moved)]
                if status_before.get(document.document_id) is not document.status
            ]
            for delivery, job in self.webhooks.deliveries_for(stepped, change.at):
                change.webhook_deliveries.append(delivery)
                change.side_effects.append(job)
        self.documents.apply(change)

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
        self._apply(
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
        # The filter checks invoices and credit notes, when the sender or the recipient ordered it.
        filtered = document.content.document_type in _FILTERED
        filtered_by = self._filtered_by(document, recipient_id) if filtered else None
        broken = _fatal(rules.check(xml.parse(content))) if filtered_by is not None else []
        if broken and filtered_by is not None:
            return self._stop(document, content, broken, recipient_id, filtered_by)
        return self._deliver(document, content, recipient_id, participant, checked=filtered_by is not None)

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
        amounts: AmountSearch | None = None,
    ) -> tuple[list[DocumentRow], str | None]:
        """The customer's documents: by number (exactly, any date); or received within ≤ 92 days and narrowed by
        direction, status, channel and partner in any combination; or, within those days, by the amount due in one
        currency (and direction; other filters then narrow the page read)."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        if number:
            from portal.documents.repository import row_of

            return [row_of(found) for found in self.documents.by_number(customer_id, number)], None
        dates = histories.date_range(
            date_from, date_to, today=_day(self.clock(), customer), longest=histories.SEARCH_DAYS, reports=False
        )
        if amounts is None:
            return self.documents.search(
                customer_id, filters, dates, principal=principal.username, limit=limit, cursor=cursor
            )
        rows, next_cursor = self.documents.search_by_amount(
            customer_id,
            amounts.range(filters.direction),
            dates,
            principal=principal.username,
            limit=limit,
            cursor=cursor,
        )
        return [row for row in rows if filters.admits(row)], next_cursor

    def partners(
        self, principal: Principal, customer_id: str, *, limit: int, cursor: str | None, stopped: bool = False
    ) -> tuple[list[TradingPartner], str | None]:
        """The customer's trading partners; or (DOC-5) those its documents were stopped with, most often first."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        if stopped:
            return self.documents.stopped_partners(customer_id), None
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
        if data.endpoint and data.endpoint != before.endpoint and self.documents.participant(data.endpoint):
            raise Conflict(
                "This electronic address is registered in the network already",
                code="address_taken",
                details=[field_problem("endpoint", "address_taken", "Registered in the network already")],
            )
        after = DocumentSettings(
            filter_scope=data.filter_scope,
            smartmail_days=data.smartmail_days,
            endpoint=data.endpoint,
            accent_colour=data.accent_colour.upper(),
            footer_text=data.footer_text or None,
            logo=before.logo,
            version=before.version + 1,
        )
        self.documents.save_settings(customer_id, before, after, actor=principal.username, at=self.clock())
        return after

    # -- correcting (DOC-6) ------------------------------------------------------------------------------------------

    def check_correction(
        self, principal: Principal, customer_id: str, document_id: str, data: CorrectionInput
    ) -> CorrectionCheck:
        """The rules the document would still break with these values: the check, run before anything is sent."""
        document = self._to_correct(principal, customer_id, document_id, data.version)
        corrected = self._corrected(document, data)
        broken = _fatal(rules.check(xml.parse(corrected)))
        return CorrectionCheck(passes=not broken, reasons=[_reason_of(rule) for rule in broken])

    def correct(self, principal: Principal, customer_id: str, document_id: str, data: CorrectionInput) -> DocumentView:
        """Writes the corrected XML as the document's next version and sends it again: checked and delivered from
        the queue as a new document would be. The original and every earlier version stay."""
        document = self._to_correct(principal, customer_id, document_id, data.version)
        corrected = self._corrected(document, data)
        at = self.clock()
        version = _file_version(
            customer_id,
            document_id,
            document.current_file.number + 1,
            corrected,
            at=at,
            actor=principal.username,
            corrected=sorted(data.values),
        )
        self.files.put(version.key, corrected, "application/xml")
        step = Step(kind=StepKind.CORRECTED, at=at, actor=principal.username, fields=sorted(data.values))
        after = _moved(
            document,
            status=DocumentStatus.RECEIVED,
            content=ubl.read(xml.parse(corrected)),
            files=[*document.files, version],
            broken_rules=[],
            stopped_by=None,
            rejection=None,
            timeline=[step],
        )
        self._apply(
            DocumentChange(
                at=at,
                actor=principal.username,
                action=CustomerHistoryAction.DOCUMENT_CORRECTED,
                moved=[(document, after)],
                side_effects=[Job(queue="documents", body={"customer_id": customer_id, "document_id": document_id})],
                audit_after={"corrected": ", ".join(sorted(data.values)), "file_version": version.number},
            )
        )
        return self._view(after)

    def _to_correct(self, principal: Principal, customer_id: str, document_id: str, version: int) -> Document:
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_send_documents(principal, customers.facts(customer))
        document = self.documents.get(customer_id, document_id, consistent=True)
        if document is None:
            raise NotFound("No such document")
        require_version(document.version, version, "document")
        if document.direction is not Direction.OUTGOING or document.status not in (
            DocumentStatus.STOPPED,
            DocumentStatus.NOT_ACCEPTED,
        ):
            raise Conflict(
                "Only a stopped document, or one its recipient did not accept, is corrected",
                code="not_correctable",
                details=[{"status": document.status.value}],
            )
        return document

    def _corrected(self, document: Document, data: CorrectionInput) -> bytes:
        content = self.files.read(document.current_file.key)
        return corrections.apply(content, document.content.document_type, data.values, _correctable(document))

    # -- refusing (DOC-6) --------------------------------------------------------------------------------------------

    def reject(self, principal: Principal, customer_id: str, document_id: str, data: RejectionInput) -> DocumentView:
        """The recipient does not accept a delivered document (a missing reference, say): its copy and the sender's
        are marked so, and the sender is told, to correct the terms named and send it again."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_send_documents(principal, customers.facts(customer))
        incoming = self.documents.get(customer_id, document_id, consistent=True)
        if incoming is None:
            raise NotFound("No such document")
        require_version(incoming.version, data.version, "document")
        refusable = incoming.direction is Direction.INCOMING and incoming.status in (
            DocumentStatus.DELIVERED,
            DocumentStatus.OPENED,
        )
        if not refusable or incoming.counterpart is None:
            raise Conflict(
                "Only a document delivered to this customer from a customer of the network can be refused",
                code="not_refusable",
                details=[{"status": incoming.status.value}],
            )
        kind = incoming.content.document_type
        unknown = sorted(
            set(data.terms) - {BY_TERM[t].term for t in data.terms if t in BY_TERM and kind in BY_TERM[t].kinds}
        )
        if unknown:
            raise ValidationFailed(
                "These terms cannot be corrected in the portal: " + ", ".join(unknown),
                code="not_correctable",
                details=[field_problem("terms", "not_correctable", "Not a term a correction sets", terms=unknown)],
            )
        sent = self.documents.get(incoming.counterpart.customer_id, incoming.counterpart.document_id, consistent=True)
        if sent is None:
            raise NotFound("No such document")
        at = self.clock()
        rejection = Rejection(reason=data.reason, terms=sorted(set(data.terms)), at=at, by=principal.username)
        step = Step(kind=StepKind.NOT_ACCEPTED, at=at, actor=principal.username, detail=data.reason)
        status = DocumentStatus.NOT_ACCEPTED
        refused = _moved(incoming, status=status, rejection=rejection, timeline=[step])
        told = _moved(sent, status=status, rejection=rejection, timeline=[step.model_copy(update={"actor": None})])
        self._apply(
            DocumentChange(
                at=at,
                actor=principal.username,
                action=CustomerHistoryAction.DOCUMENT_NOT_ACCEPTED,
                moved=[(incoming, refused), (sent, told)],
                side_effects=[*self._refusal_notices(told, customer)],
                audit_after={"reason": data.reason, "terms": ", ".join(rejection.terms)},
            )
        )
        return self._view(refused)

    def _refusal_notices(self, sent: Document, recipient: Customer) -> list[EmailMessage]:
        sender = self.customers.get(sent.customer_id)
        if sender is None or not sender.email:
            return []
        language = languages.of_country(sender.country.value)
        assert sent.rejection is not None
        return [
            email.document_not_accepted(
                to=[sender.email],
                document_type=sent.content.document_type.value,
                number=sent.content.number,
                recipient=recipient.name,
                reason=sent.rejection.reason,
                link=f"{self.portal_url}/#/documents/{sent.customer_id}/{sent.document_id}",
                language=language,
            )
        ]

    # -- files -------------------------------------------------------------------------------------------------------

    def file_link(self, principal: Principal, customer_id: str, document_id: str, file_number: str) -> FileLink:
        """A version of the document's XML, as sent or corrected, through a link valid for a few minutes."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        document = self.documents.get(customer_id, document_id)
        number = int(file_number) if file_number.isascii() and file_number.isdigit() and len(file_number) < 4 else 0
        if document is None or not any(file.number == number for file in document.files):
            raise NotFound("No such file")
        return self._link(document, number)

    # -- viewing copies (DOC-3) -------------------------------------------------------------------------------------

    def ask_viewing_copy(
        self, principal: Principal, customer_id: str, document_id: str, channel: CopyChannel
    ) -> ViewingCopyView:
        """Queues the document's look on a channel, unless it was made (or asked for) before: one copy per version
        of the file, channel and version of the sender's layout."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        document = self.documents.get(customer_id, document_id)
        if document is None:
            raise NotFound("No such document")
        sender_id = _sender_of(document)
        layout_version = self.documents.settings(sender_id).version if sender_id else 0
        named = f"{document_id}|{document.current_file.number}|{channel}|{layout_version}"
        asked = ViewingCopy(
            copy_id=hashlib.sha256(named.encode()).hexdigest()[:32],
            customer_id=customer_id,
            document_id=document_id,
            channel=channel,
            file_number=document.current_file.number,
            requested_at=self.clock(),
        )
        job = Job(queue="copies", body={"customer_id": customer_id, "copy_id": asked.copy_id})
        if self.documents.ask_copy(asked, job=job):
            return self._copy_view(asked)
        return self._copy_view(self.documents.copy(customer_id, asked.copy_id) or asked)

    def viewing_copy(self, principal: Principal, customer_id: str, document_id: str, copy_id: str) -> ViewingCopyView:
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        found = self.documents.copy(customer_id, copy_id) if _COPY_ID.match(copy_id) else None
        if found is None or found.document_id != document_id:
            raise NotFound("No such viewing copy")
        return self._copy_view(found)

    def render_viewing_copy(self, customer_id: str, copy_id: str) -> ViewingCopy | None:
        """The worker: renders the copy and stores it. A failure is recorded on the copy and raised, so the queue
        retries it and finally keeps it in its dead-letter queue."""
        copy = self.documents.copy(customer_id, copy_id)
        if copy is None or copy.status is CopyStatus.READY:
            return copy
        running = copy.model_copy(update={"status": CopyStatus.RUNNING, "error": None, "version": copy.version + 1})
        self.documents.save_copy(copy, running)
        try:
            document = self.documents.get(customer_id, copy.document_id, consistent=True)
            if document is None:
                raise NotFound("No such document")
            sender, recipient = _parties(document.content)
            pdf = copies.viewing_copy(
                document.content,
                copy.channel,
                sender=sender,
                recipient=recipient,
                printed_at=self.clock(),
                layout=self._layout(_sender_of(document)),
            )
            self.files.put(running.object_key, pdf, "application/pdf")
        except Exception as error:
            failed = running.model_copy(
                update={
                    "status": CopyStatus.FAILED,
                    "error": f"{type(error).__name__}: {error}"[:500],
                    "version": running.version + 1,
                }
            )
            self.documents.save_copy(running, failed)
            logger.warning("viewing copy failed", extra={"copy_id": copy_id})
            raise
        ready = running.model_copy(
            update={
                "status": CopyStatus.READY,
                "size": len(pdf),
                "finished_at": self.clock(),
                "version": running.version + 1,
            }
        )
        self.documents.save_copy(running, ready)
        return ready

    def change_logo(self, principal: Principal, customer_id: str, content: bytes) -> DocumentSettings:
        """The logo on the customer's viewing copies: a PNG or JPEG of at most 200 kB and 4 000 × 4 000 pixels,
        checked by decoding it before it is kept."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_document_settings(principal, customers.facts(customer))
        content_type = _image_type(content)
        before = self.documents.settings(customer_id)
        digest = hashlib.sha256(content).hexdigest()
        logo = Logo(key=f"customers/{customer_id}/layout/logo-{digest[:16]}", content_type=content_type, sha256=digest)
        self.files.put(logo.key, content, content_type)
        after = before.model_copy(update={"logo": logo, "version": before.version + 1})
        self.documents.save_logo(customer_id, before, after, actor=principal.username, at=self.clock())
        return after

    def _layout(self, sender_id: str | None) -> copies.Layout:
        """The sender's look, when the sender is a customer of the vendor; the house look otherwise."""
        if sender_id is None:
            return copies.Layout()
        settings = self.documents.settings(sender_id)
        logo = self.files.read(settings.logo.key) if settings.logo else None
        return copies.Layout(accent=copies.colour(settings.accent_colour), footer=settings.footer_text, logo=logo)

    def _copy_view(self, copy: ViewingCopy) -> ViewingCopyView:
        if copy.status is not CopyStatus.READY:
            return ViewingCopyView(**copy.model_dump())
        name = f"{copy.channel}-copy-{copy.document_id}.pdf"
        return ViewingCopyView(
            **copy.model_dump(),
            download_url=self.files.link(copy.object_key, file_name=name, seconds=LINK_SECONDS),
            download_expires_at=self.clock() + timedelta(seconds=LINK_SECONDS),
        )

    # -- group statistics (DOC-4) -----------------------------------------------------------------------------------

    def statistics(
        self, principal: Principal, customer_id: str, *, first: str | None, last: str | None
    ) -> DocumentStatistics:
        """Channels, volumes and stopped documents per month, for the customer and each subsidiary whose documents
        the reader reads (a group's users see its subsidiaries; ORG-1). Read from the counters each step keeps:
        at most one item per customer and month, never the documents."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_view_documents(principal, customers.facts(customer))
        months = _months(first, last, today=_day(self.clock(), customer))
        children = [
            child
            for child in customers.subsidiaries_of(principal, self.customers, customer_id)
            if access.reads_documents(principal, access.CustomerFacts(customer_id=child.customer_id))
        ]
        shown = [StatisticsCustomer(customer_id=customer_id, name=customer.name)] + [
            StatisticsCustomer(customer_id=child.customer_id, name=child.name) for child in children
        ]
        figures = self.documents.month_figures([shown_customer.customer_id for shown_customer in shown], months)
        order = {c.customer_id: index for index, c in enumerate(shown)}
        figures.sort(key=lambda figure: (figure.month, order[figure.customer_id]))
        return DocumentStatistics(customers=shown, months=months, figures=figures)

    # -- steps -------------------------------------------------------------------------------------------------------

    def _filtered_by(self, document: Document, recipient_id: str | None) -> Direction | None:
        """Whose filter checks the document, if any: the sender's, for what it sends, else the recipient's for what
        it receives."""
        if self.documents.settings(document.customer_id).filters(Direction.OUTGOING):
            return Direction.OUTGOING
        if recipient_id is not None and self.documents.settings(recipient_id).filters(Direction.INCOMING):
            return Direction.INCOMING
        return None

    def _stop(
        self,
        document: Document,
        content: bytes,
        broken: list[dict[str, str]],
        recipient_id: str | None,
        filtered_by: Direction,
    ) -> Document:
        at = self.clock()
        listed = ", ".join(dict.fromkeys(rule["rule"] for rule in broken))
        step = Step(kind=StepKind.STOPPED, at=at, detail=listed)
        after = _moved(
            document,
            status=DocumentStatus.STOPPED,
            broken_rules=broken,
            stopped_by=filtered_by,
            timeline=[step],
        )
        change = DocumentChange(
            at=at,
            actor="filter",
            action=CustomerHistoryAction.DOCUMENT_STOPPED,
            partner_counts=[(after, "stopped")],
            counters=[(after, "stopped")],
            audit_after={"rules": listed},
        )
        if recipient_id is not None:
            incoming = self._pass_on(after, content, recipient_id, DocumentStatus.STOPPED, [step], change)
            after = after.model_copy(update={"counterpart": _counterpart(incoming)})
            change.partner_counts.append((incoming, "stopped"))
        change.moved.append((document, after))
        change.side_effects.extend(self._stop_notices(after, recipient_id))
        self._apply(change)
        logger.info("document stopped", extra={"document_id": document.document_id, "rules": listed})
        return after

    def _deliver(
        self,
        document: Document,
        content: bytes,
        recipient_id: str | None,
        participant: Participant | None,
        *,
        checked: bool = False,
    ) -> Document:
        """Sends the document on its channel; a document the filter checked and passed shows that first."""
        at = self.clock()
        if checked:
            document = document.model_copy(
                update={"timeline": [*document.timeline, Step(kind=StepKind.VALIDATED, at=at)]}
            )
        recipient = _parties(document.content)[1]
        channel = _channel(document, recipient, recipient_id, participant)
        if channel is None:
            note = StepNote.CHANNEL_UNAVAILABLE if document.channel_chosen else StepNote.NO_CHANNEL
            step = Step(kind=StepKind.UNDELIVERABLE, at=at, channel=document.channel, note=note)
            after = _moved(document, status=DocumentStatus.UNDELIVERABLE, timeline=[step])
            self._apply(
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
            delivered = Step(kind=StepKind.DELIVERED, at=at, channel=channel, note=StepNote.IN_NETWORK)
            incoming = self._pass_on(document, content, recipient_id, DocumentStatus.DELIVERED, [delivered], change)
            change.partner_counts.append((incoming, "received"))
            change.counters.extend([(incoming, "incoming"), (incoming, counter_for(channel))])
            after = _moved(
                document,
                status=DocumentStatus.DELIVERED,
                channel=channel,
                counterpart=_counterpart(incoming),
                timeline=[sent, delivered],
            )
        elif channel is Channel.EMAIL:
            after = self._smartmail(document, recipient, sent, change)
        else:
            # Handed to the access point or the banks' exchange, which acknowledges receipt before this returns.
            self.network.hand_over(channel, document, content)
            delivered = Step(kind=StepKind.DELIVERED, at=at, channel=channel)
            after = _moved(document, status=DocumentStatus.DELIVERED, channel=channel, timeline=[sent, delivered])
        change.moved.append((document, after))
        if after.status is DocumentStatus.DELIVERED:
            change.partner_counts.append((after, "delivered"))
        self._apply(change)
        return after

    def _pass_on(
        self,
        document: Document,
        content: bytes,
        recipient_id: str,
        status: DocumentStatus,
        steps: list[Step],
        change: DocumentChange,
    ) -> Document:
        """The recipient's copy of the document, in the recipient's partition with the file under its own prefix:
        made the first time, brought up to date when a corrected version follows a stopped or refused one."""
        at = self.clock()
        earlier = (
            self.documents.get(recipient_id, document.counterpart.document_id, consistent=True)
            if document.counterpart
            else None
        )
        document_id = earlier.document_id if earlier else new_id()
        number = earlier.current_file.number + 1 if earlier else 1
        kept = _file_version(recipient_id, document_id, number, content, at=at, actor="network")
        self.files.put(kept.key, content, "application/xml")
        broken = document.broken_rules if status is DocumentStatus.STOPPED else []
        stopped_by = document.stopped_by if status is DocumentStatus.STOPPED else None
        if earlier is not None:
            after = _moved(
                earlier,
                status=status,
                content=document.content,
                files=[*earlier.files, kept],
                broken_rules=broken,
                stopped_by=stopped_by,
                rejection=None,
                timeline=steps,
            )
            change.moved.append((earlier, after))
            return after
        recipient = self.customers.get(recipient_id)
        sender = _parties(document.content)[0]
        created = Document(
            document_id=document_id,
            customer_id=recipient_id,
            direction=Direction.INCOMING,
            content=document.content,
            partner_key=_partner_key(sender),
            partner_name=sender.name or _partner_key(sender),
            channel=Channel.PEPPOL,
            status=status,
            timeline=[Step(kind=StepKind.RECEIVED, at=at, channel=Channel.PEPPOL), *steps],
            broken_rules=broken,
            stopped_by=stopped_by,
            files=[kept],
            counterpart=_counterpart(document),
            received_at=at,
            received_on=_day(at, recipient),
        )
        change.created.append(created)
        return created

    def _stop_notices(self, document: Document, recipient_id: str | None) -> list[EmailMessage]:
        """The other party is told: the recipient (a customer of the vendor, or the e-mail in the invoice)."""
        recipient = _parties(document.content)[1]
        sender = _parties(document.content)[0]
        customer = self.customers.get(recipient_id) if recipient_id else None
        address = (customer.email if customer else None) or recipient.email
        if not address:
            return []
        language = languages.of_country(customer.country.value if customer else recipient.address.country)
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

    def _smartmail(self, document: Document, recipient: Party, sent: Step, change: DocumentChange) -> Document:
        """Smartmail (DOC-7): the e-mail with a link only its recipient has, and the workflow that waits for the
        link to be opened and has the document printed and posted if it is not opened within the customer's days."""
        days = self.documents.settings(document.customer_id).smartmail_days
        token = new_token()
        after = _moved(
            document,
            status=DocumentStatus.SENT,
            channel=Channel.EMAIL,
            post_after=sent.at + timedelta(seconds=days * self.smartmail_day_seconds),
            timeline=[sent],
        )
        change.action = CustomerHistoryAction.DOCUMENT_SENT
        change.tracking.append((token_digest(token), after))
        change.side_effects.append(self._by_email(after, recipient, token))
        change.side_effects.append(
            WorkflowStart(
                state_machine="smartmail",
                # One execution per version sent: a corrected version sent again waits anew.
                name=f"{document.document_id}-{document.current_file.number}",
                input={
                    "key": document_key(document.customer_id, document.document_id),
                    "customer_id": document.customer_id,
                    "document_id": document.document_id,
                    "open_timeout_seconds": days * self.smartmail_day_seconds,
                    "print_timeout_seconds": self.print_timeout_seconds,
                },
            )
        )
        return after

    def _by_email(self, document: Document, recipient: Party, token: str) -> EmailMessage:
        assert recipient.email
        language = copies.language_of(recipient)
        totals = document.content.totals
        amount = (
            f"{languages.decimal_text(totals.payable, language)} {document.content.currency or ''}".strip()
            if totals.payable is not None
            else None
        )
        return email.document_by_email(
            to=recipient.email,
            document_type=document.content.document_type.value,
            number=document.content.number,
            sender=_parties(document.content)[0].name or "",
            amount=amount,
            link=f"{self.portal_url}/#/open/{token}",
            language=language,
        )

    # -- Smartmail (DOC-7) -------------------------------------------------------------------------------------------

    def open_by_link(self, token: str) -> OpenedDocument:
        """The recipient followed the e-mail's link: the document is opened (the workflow stops waiting and nothing
        is posted), and shown. The link is the only key: an unknown one answers as a document that does not exist."""
        found = self.documents.tracked(token_digest(token)) if 20 <= len(token) <= 100 else None
        document = self.documents.get(*found, consistent=True) if found else None
        if document is None:
            raise NotFound("This link does not lead to a document")
        if document.status is DocumentStatus.SENT:
            document = self._opened(document)
        sender, recipient = _parties(document.content)
        return OpenedDocument(
            sender=sender.name or document.partner_name,
            recipient=recipient.name or "",
            content=document.content,
            opened_at=next((step.at for step in document.timeline if step.kind is StepKind.OPENED), None),
            file=self._link(document, document.current_file.number),
        )

    def _opened(self, document: Document) -> Document:
        at = self.clock()
        for _ in range(2):
            after = _moved(
                document, status=DocumentStatus.OPENED, task_token=None, timeline=[_step(StepKind.OPENED, at)]
            )
            try:
                self._apply(
                    DocumentChange(
                        at=at,
                        actor="recipient",
                        action=CustomerHistoryAction.DOCUMENT_OPENED,
                        moved=[(document, after)],
                        counters=[(after, "opened")],
                    )
                )
            except Conflict:
                # The workflow stored its token meanwhile, or the link was opened twice at once: read it again.
                reread = self.documents.get(document.customer_id, document.document_id, consistent=True)
                if reread is None or reread.status is not DocumentStatus.SENT:
                    return reread or document
                document = reread
                continue
            if document.task_token:
                self._resume(document.task_token, {"opened_at": at.isoformat()})
            return after
        raise Conflict("The document is being changed; open the link again", code="conflict")

    def print_and_post(self, customer_id: str, document_id: str, task_token: str) -> Document | None:
        """The postal channel's worker: the unopened document's print copy to the print service, recorded as
        printed and posted, and the workflow resumed. A document opened meanwhile is not printed. A failure is
        raised, so the queue retries it and finally keeps it in its dead-letter queue for staff to redrive."""
        document = self.documents.get(customer_id, document_id, consistent=True)
        if document is None:
            self._resume(task_token, {"skipped": "gone"})
            return None
        if document.status is not DocumentStatus.SENT:
            self._resume(task_token, {"skipped": document.status.value})
            return document
        at = self.clock()
        sender, recipient = _parties(document.content)
        if not recipient.address.postable:
            raise ValueError("The recipient has no postal address to print on the envelope")
        pdf = copies.print_copy(document.content, sender=sender, recipient=recipient, printed_at=at)
        self.postal.hand_over(document, pdf)
        after = _moved(
            document,
            status=DocumentStatus.POSTED,
            task_token=None,
            timeline=[_step(StepKind.PRINTED, at, Channel.POST), _step(StepKind.POSTED, at, Channel.POST)],
        )
        self._apply(
            DocumentChange(
                at=at,
                actor="print service",
                action=CustomerHistoryAction.DOCUMENT_POSTED,
                moved=[(document, after)],
                counters=[(after, counter_for(Channel.POST))],
            )
        )
        self._resume(task_token, {"posted_at": at.isoformat()})
        return after

    def failed_print_jobs(self, principal: Principal) -> list[PrintJob]:
        """The print jobs that failed every retry, oldest first: staff see what waits for them to redrive."""
        access.require_handle_print_jobs(principal)
        jobs = []
        for customer_id, document_id, failed_at in self.print_queues.dead_letters():
            document = self.documents.get(customer_id, document_id)
            jobs.append(
                PrintJob(
                    customer_id=customer_id,
                    document_id=document_id,
                    number=document.content.number if document else None,
                    recipient=document.partner_name if document else None,
                    failed_at=failed_at,
                )
            )
        return jobs

    def redrive_print_jobs(self, principal: Principal) -> int:
        """Every dead-lettered print job back on the print queue, to be printed again."""
        access.require_handle_print_jobs(principal)
        moved = self.print_queues.redrive()
        logger.info("print jobs redriven", extra={"count": moved, "by": principal.username})
        return moved

    def _resume(self, task_token: str, output: dict[str, str]) -> None:
        try:
            self.workflows.resume(task_token, output)
        except Conflict:
            logger.info("workflow no longer waiting")  # it timed out meanwhile; the document says what happened

    def _link(self, document: Document, number: int) -> FileLink:
        kept = next(file for file in document.files if file.number == number)
        kind = document.content.document_type.value.replace("_", "-")
        name = f"{kind}-{_safe(document.content.number)}-v{number}.xml"
        return FileLink(
            url=self.files.link(kept.key, file_name=name, seconds=LINK_SECONDS),
            expires_at=self.clock() + timedelta(seconds=LINK_SECONDS),
            file_name=name,
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
        reasons = [_reason_of(broken) for broken in document.broken_rules]
        return DocumentView(**document.model_dump(), reasons=reasons, correctable=_correctable(document))


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
    customer_id: str,
    document_id: str,
    number: int,
    content: bytes,
    *,
    at: datetime,
    actor: str,
    corrected: list[str] | None = None,
) -> FileVersion:
    key = object_key(customer_id, document_id, number)
    return FileVersion(
        number=number,
        key=key,
        sha256=checksum(content),
        size=len(content),
        at=at,
        actor=actor,
        corrected=corrected or [],
    )


def _fatal(found: list[rules.Violation]) -> list[dict[str, str]]:
    return [
        {"rule": violation.rule.id, "where": violation.where}
        for violation in found
        if violation.rule.severity == "fatal"
    ]


def _reason_of(broken: dict[str, str]) -> BrokenRule:
    rule = rules.RULES.get(broken["rule"])
    return BrokenRule(
        rule=broken["rule"],
        where=broken["where"],
        reads=list(rule.reads) if rule else [],
        messages={language: _reason(broken["rule"], language) for language in Language},
    )


def _correctable(document: Document) -> list[str]:
    """The fields a correction may set: those the broken rules read, or the terms the recipient named."""
    if document.direction is not Direction.OUTGOING:
        return []
    if document.status is DocumentStatus.STOPPED:
        terms = {
            term for broken in document.broken_rules if (rule := rules.RULES.get(broken["rule"])) for term in rule.reads
        }
    elif document.status is DocumentStatus.NOT_ACCEPTED and document.rejection:
        terms = set(document.rejection.terms)
    else:
        return []
    return corrections.correctable_fields(document.content.document_type, terms)


def _safe(text: str) -> str:
    return "".join(character if character.isalnum() or character in "-_." else "-" for character in text)[:60]


def _months(first: str | None, last: str | None, *, today: date) -> list[str]:
    """The months from `first` to `last` (by default the last twelve), at most two years."""
    end = last or today.isoformat()[:7]
    start = first or _month_add(end, -11)
    if start > end:
        raise ValidationFailed(
            "The first month is after the last",
            code="invalid_date_range",
            details=[field_problem("from", "invalid_date_range", "The first month is after the last")],
        )
    months = [start]
    while months[-1] < end:
        months.append(_month_add(months[-1], 1))
    if len(months) > MAX_STATISTICS_MONTHS:
        message = f"Statistics cover at most {MAX_STATISTICS_MONTHS} months; these are {len(months)}"
        raise ValidationFailed(
            message,
            code="date_range_too_long",
            details=[field_problem("from", "date_range_too_long", message, max_months=MAX_STATISTICS_MONTHS)],
        )
    return months


def _month_add(month: str, count: int) -> str:
    year, number = int(month[:4]), int(month[5:7]) - 1 + count
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def _sender_of(document: Document) -> str | None:
    """The customer that sent the document, when it is one: this customer for what it sends."""
    if document.direction is Direction.OUTGOING:
        return document.customer_id
    return document.counterpart.customer_id if document.counterpart else None


def _image_type(content: bytes) -> str:
    """PNG or JPEG, told by decoding it (Pillow refuses decompression bombs), within 4 000 × 4 000 pixels."""
    from PIL import Image, UnidentifiedImageError

    refusal = ValidationFailed(
        "The logo must be a PNG or JPEG image of at most 4000 × 4000 pixels",
        code="invalid_logo",
        details=[field_problem("content_base64", "invalid_logo", "Not a PNG or JPEG of at most 4000 × 4000 pixels")],
    )
    try:
        with Image.open(io.BytesIO(content)) as image:
            kind, size = image.format, image.size
            image.verify()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise refusal from None
    if kind not in {"PNG", "JPEG"} or max(size) > 4000:
        raise refusal
    return "image/png" if kind == "PNG" else "image/jpeg"


def _step(kind: StepKind, at: datetime, channel: Channel | None = None) -> Step:
    return Step(kind=kind, at=at, channel=channel)


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
    """The day it is for the customer, in its country."""
    return languages.local_day(moment, languages.of_country(customer.country.value if customer else "NO"))


def _digits(text: str | None) -> str:
    return "".join(character for character in text or "" if character.isdigit())


def _reason(rule_id: str, language: Language) -> str:
    rule = rules.RULES.get(rule_id)
    return rule.messages[language] if rule else rule_id


def _step_of(document: Document) -> DocumentStep:
    return DocumentStep(
        customer_id=document.customer_id,
        document_id=document.document_id,
        number=document.content.number,
        kind=document.content.document_type.value,
        direction=document.direction.value,
        status=document.status.value,
        channel=document.channel.value if document.channel else None,
        partner_name=document.partner_name,
    )


@dataclass(frozen=True)
class AmountSearch:
    """A search by the amount due: from and to (either may be open), exact decimals in one currency."""

    currency: str
    amount_from: Decimal | None = None
    amount_to: Decimal | None = None

    def range(self, direction: Direction | None) -> AmountRange:
        low = ubl.minor_units(self.amount_from) if self.amount_from is not None else -_OPEN_AMOUNT
        high = ubl.minor_units(self.amount_to) if self.amount_to is not None else _OPEN_AMOUNT
        if low > high:
            message = "The lowest amount is above the highest"
            raise ValidationFailed(
                message,
                code="invalid_amount_range",
                details=[field_problem("amount_from", "invalid_amount_range", message)],
            )
        return AmountRange(currency=self.currency, low=low, high=high, direction=direction)


# Beyond any amount a document states (10^15 minor units), so an open end of a range reads to the partition's end.
_OPEN_AMOUNT = 10**15
