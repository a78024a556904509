"""Printouts (DEP-2, ORD-4): "Download PDF" on a receipt or an order confirmation asks for the document as a PDF;
the worker makes it from a queue into S3 under the customer's prefix, and the page fetches it through a link valid
for a few minutes. Asking again for the same version finds the file made before."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from portal import access
from portal.access import Principal
from portal.cases.models import ArticleRow, Case, WorkOrder, WorkOrderStatus, shown_row
from portal.cases.repository import CaseRepository
from portal.cases.repository import facts_of as case_facts
from portal.clock import Clock, is_id, now
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.deposits.models import Deposit, DepositStatus
from portal.deposits.repository import DepositRepository
from portal.deposits.scope import customer_for_deposits
from portal.errors import Conflict, NotFound
from portal.invoices.models import Invoice
from portal.invoices.repository import InvoiceRepository
from portal.notifications.jobs import Job
from portal.observability import logger
from portal.orders.repository import OrderRepository
from portal.orders.scope import customer_for_orders
from portal.printouts.models import (
    Audience,
    Printout,
    PrintoutDocument,
    PrintoutRequest,
    PrintoutStatus,
    PrintoutView,
    printout_id,
    protocol_printout_id,
)
from portal.printouts.repository import PrintoutRepository

RETENTION_DAYS = 30
LINK_SECONDS = 300
_PRINTOUT_ID = re.compile(r"^[0-9a-f]{32}$")
_RECEIPTS = {PrintoutDocument.DEPOSIT_RECEIPT, PrintoutDocument.COUNTING_RECEIPT}


class Superseded(Exception):
    """What a printout prints has a newer version than the one it was asked for."""


class PrintoutFiles(Protocol):
    def put(self, key: str, content: bytes, content_type: str) -> None: ...
    def link(self, key: str, *, file_name: str, seconds: int) -> str: ...


@dataclass
class PrintoutService:
    customers: CustomerRepository
    deposits: DepositRepository
    orders: OrderRepository
    printouts: PrintoutRepository
    files: PrintoutFiles
    cases: CaseRepository | None = None
    invoices: InvoiceRepository | None = None
    clock: Clock = field(default=now)

    def request(self, principal: Principal, customer_id: str, data: PrintoutRequest) -> PrintoutView:
        """Queues the PDF of what the reader sees now, unless it was made (or asked for) already."""
        self._require_view(principal, customer_id, data.document, data.case_id)
        version = self._subject_version(customer_id, data.document, data.subject_id, data.case_id)
        # The customer's own notes are on the customer's copy only: one printout per audience.
        audience: Audience = "customer" if access.reads_customer_notes(principal) else "vendor"
        at = self.clock()
        if data.document is PrintoutDocument.SERVICE_PROTOCOL and self.cases is not None:
            columns_version = self.cases.settings().version
            made_id = protocol_printout_id(data.subject_id, version, columns_version, data.language, audience)
        else:
            made_id = printout_id(data.document, data.subject_id, version, data.language, audience)
        asked = Printout(
            printout_id=made_id,
            customer_id=customer_id,
            document=data.document,
            subject_id=data.subject_id,
            subject_version=version,
            case_id=data.case_id if data.document is PrintoutDocument.SERVICE_PROTOCOL else None,
            language=data.language,
            audience=audience,
            requested_at=at,
            expires_at=at + timedelta(days=RETENTION_DAYS),
        )
        job = Job(queue="printouts", body={"customer_id": customer_id, "printout_id": asked.printout_id})
        if self.printouts.create(asked, job=job):
            return self._view(asked)
        return self._view(self.printouts.get(customer_id, asked.printout_id) or asked)

    def printout(self, principal: Principal, customer_id: str, printout_id: str) -> PrintoutView:
        """Where the printout stands; once ready, with its link."""
        found = self.printouts.get(customer_id, printout_id) if self._may_be(customer_id, printout_id) else None
        if found is None:
            customers.get_customer(principal, self.customers, customer_id)
        else:
            self._require_view(principal, customer_id, found.document, found.case_id)
        if found is None or found.expires_at <= self.clock():
            raise NotFound("No such printout")
        return self._view(found)

    def generate(self, customer_id: str, printout_id: str) -> Printout | None:
        """The worker: renders the PDF and stores it. A failure is recorded on the printout and raised, so the queue
        retries it, and after the last try keeps the message in its dead-letter queue."""
        printout = self.printouts.get(customer_id, printout_id)
        if printout is None or printout.status is PrintoutStatus.READY:
            return printout  # a queue may deliver a message twice; a finished printout stays finished
        running = self._moved(printout, status=PrintoutStatus.RUNNING, error=None)
        try:
            content = self._render(running)
            self.files.put(running.object_key, content, "application/pdf")
        except Superseded as outdated:  # what it prints changed since it was asked for: asking again makes the new
            return self._moved(running, status=PrintoutStatus.FAILED, error=str(outdated))
        except Exception as error:
            self._moved(running, status=PrintoutStatus.FAILED, error=f"{type(error).__name__}: {error}"[:500])
            logger.warning("printout failed", extra={"printout_id": printout_id})
            raise
        return self._moved(running, status=PrintoutStatus.READY, size=len(content), finished_at=self.clock())

    # -- the documents -----------------------------------------------------------------------------------------------

    def _require_view(
        self, principal: Principal, customer_id: str, document: PrintoutDocument, case_id: str | None
    ) -> None:
        """A printout is read by whoever may read what it prints: the customer's deposits, its orders, or the case
        of the work order (AUTH-4)."""
        if document is PrintoutDocument.SERVICE_PROTOCOL:
            self._case_of(customer_id, case_id, principal)
        elif document is PrintoutDocument.INVOICE:
            customer = self.customers.get(customer_id)
            access.require_read_invoices(principal, customers.facts(customer) if customer else None)
        elif document in _RECEIPTS:
            customer_for_deposits(principal, self.customers, customer_id)
        else:
            customer_for_orders(principal, self.customers, customer_id)

    def _subject_version(
        self, customer_id: str, document: PrintoutDocument, subject_id: str, case_id: str | None
    ) -> int:
        if document is PrintoutDocument.SERVICE_PROTOCOL:
            return self._closed_work_order(customer_id, case_id, subject_id)[1].version
        if document is PrintoutDocument.INVOICE:
            return self._invoice(customer_id, subject_id).version
        if document in _RECEIPTS:
            deposit = self._deposit(customer_id, subject_id)
            if document is PrintoutDocument.COUNTING_RECEIPT and deposit.status is not DepositStatus.COUNTED:
                raise Conflict(
                    "The bag is not counted yet; its counting receipt comes once it is",
                    code="not_counted",
                    details=[{"status": deposit.status.value}],
                )
            return deposit.version
        order = self.orders.any_order(customer_id, subject_id)
        if order is None:
            raise NotFound("No such order")
        return order.version

    def _case_of(
        self, customer_id: str, case_id: str | None, principal: Principal | None = None
    ) -> tuple[Case, list[WorkOrder], list[ArticleRow]]:
        """The case of a service protocol: one of this customer's, and one the reader may see."""
        found = self.cases.with_work(case_id) if self.cases is not None and case_id else None
        if found is not None and found[0].customer_id != customer_id:
            found = None
        if principal is not None:
            facts = (
                case_facts(found[0]).model_copy(update={"customer": customers.facts_of(self.customers, customer_id)})
                if found
                else None
            )
            access.require_view_case(principal, facts)
        if found is None:
            raise NotFound("No such case")
        return found

    def _closed_work_order(
        self, customer_id: str, case_id: str | None, work_order_id: str
    ) -> tuple[Case, WorkOrder, list[ArticleRow]]:
        case, work_orders, rows = self._case_of(customer_id, case_id)
        work_order = next((each for each in work_orders if each.work_order_id == work_order_id), None)
        if work_order is None:
            raise NotFound("No such work order")
        if work_order.status is not WorkOrderStatus.CLOSED:
            raise Conflict("A work order's service protocol comes once it is closed", code="work_order_open")
        return case, work_order, [row for row in rows if row.work_order_id == work_order_id]

    def _deposit(self, customer_id: str, deposit_id: str) -> Deposit:
        found = self.deposits.get(customer_id, deposit_id)
        if found is None:
            raise NotFound("No such deposit")
        return found

    def _render(self, printout: Printout) -> bytes:
        # Only the worker renders: fpdf2 (with Pillow and fontTools) is loaded here, not by the API's handlers.
        from portal.printouts import documents

        customer = self.customers.get(printout.customer_id)
        if customer is None:
            raise NotFound("No such customer")
        at, language = self.clock(), printout.language
        if printout.document is PrintoutDocument.SERVICE_PROTOCOL:
            case, work_order, rows = self._closed_work_order(
                printout.customer_id, printout.case_id, printout.subject_id
            )
            if printout.audience == "customer" and self.cases is not None:  # the columns the vendor lets it see
                columns = self.cases.settings().article_columns
                rows = [shown_row(row, columns) for row in rows]
            return documents.service_protocol(case, work_order, rows, customer.name, language, at)
        if printout.document is PrintoutDocument.INVOICE:
            invoice = self._invoice(printout.customer_id, printout.subject_id)
            if invoice.version != printout.subject_version:  # a payment came in between: never file it as the old
                raise Superseded("The invoice changed since the printout was asked for; ask for it again")
            assert self.invoices is not None
            return documents.invoice(invoice, self.invoices.entries(invoice), customer.name, language, at)
        if printout.document is PrintoutDocument.ORDER_CONFIRMATION:
            order = self.orders.any_order(printout.customer_id, printout.subject_id)
            if order is None:
                raise NotFound("No such order")
            return documents.order_confirmation(order, customer.name, printout.audience, language, at)
        deposit = self._deposit(printout.customer_id, printout.subject_id)
        if printout.document is PrintoutDocument.COUNTING_RECEIPT:
            return documents.counting_receipt(deposit, customer.name, language, at)
        return documents.deposit_receipt(deposit, customer.name, language, at)

    def _invoice(self, customer_id: str, invoice_id: str) -> Invoice:
        invoice = self.invoices.get(customer_id, invoice_id) if self.invoices is not None else None
        if invoice is None:
            raise NotFound("No such invoice")
        return invoice

    # -- keeping -----------------------------------------------------------------------------------------------------

    def _view(self, printout: Printout) -> PrintoutView:
        if printout.status is not PrintoutStatus.READY:
            return PrintoutView(**printout.model_dump())
        url = self.files.link(printout.object_key, file_name=printout.file_name, seconds=LINK_SECONDS)
        return PrintoutView(
            **printout.model_dump(),
            download_url=url,
            download_expires_at=self.clock() + timedelta(seconds=LINK_SECONDS),
        )

    def _moved(self, before: Printout, **changes: object) -> Printout:
        after = before.model_copy(update={**changes, "version": before.version + 1})
        self.printouts.save(before, after)
        return after

    @staticmethod
    def _may_be(customer_id: str, printout_id: str) -> bool:
        """Ids that cannot be ids are not looked up: they answer as unknown ones do."""
        return is_id(customer_id) and bool(_PRINTOUT_ID.match(printout_id))
