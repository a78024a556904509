"""What each printout shows, as its printable page in the web shows it: the deposit receipt and the counting
receipt (DEP-2), and the confirmation of an order of any kind (ORD-4). Pure: a record in, PDF bytes out."""

from __future__ import annotations

from datetime import datetime
from functools import partial

from portal import languages
from portal.cases.models import ArticleRow, Case, WorkOrder
from portal.deposits.models import Deposit, DepositStatus
from portal.invoices.models import Invoice, InvoiceEntry
from portal.languages import Language
from portal.orders import change, supplies
from portal.orders.models import ChangeOrder, ChangeOrderStatus, ServiceOrder, SuppliesOrder
from portal.printouts.models import Audience
from portal.printouts.pdf import Sheet
from portal.printouts.texts import TEXTS, amount, day, denomination, moment, say

Order = SuppliesOrder | ChangeOrder | ServiceOrder


def _sheet(title: str, language: Language, printed_at: datetime) -> Sheet:
    # The page and the page count are the sheet's to fill in: the footer keeps their placeholders.
    footer = f"{say(language, 'printed', at=moment(printed_at, language))} · {TEXTS['page'][language]}"
    return Sheet(title=title, language=language.value, footer=footer, printed_at=printed_at)


def deposit_receipt(deposit: Deposit, customer_name: str, language: Language, printed_at: datetime) -> bytes:
    """The slip as registered: every count with its amount, cheques and fallbacks, the total in the slip's currency,
    foreign currency listed apart and not added."""
    say_ = partial(say, language)
    money = partial(amount, currency=deposit.currency.value, language=language)
    sheet = _sheet(say_("deposit_receipt", bag=deposit.bag_number), language, printed_at)
    facts = [
        (say_("customer"), customer_name),
        (say_("deposit_date"), day(deposit.deposit_date)),
        (say_("bag_number"), deposit.bag_number),
    ]
    facts += _optional(
        (say_("department"), deposit.department_name),
        (say_("responsibility_number"), deposit.responsibility_number),
        (say_("signature"), deposit.signature),
    )
    facts.append((say_("status"), say_(f"deposit.{deposit.status.value}")))
    sheet.facts(facts)
    sheet.paragraph(say_("registered", at=moment(deposit.registered_at, language), by=deposit.registered_by_name))
    if deposit.reversal:
        reversal = deposit.reversal
        sheet.paragraph(
            say_(
                "reversed",
                at=moment(reversal.reversed_at, language),
                by=reversal.reversed_by_name,
                reason=reversal.reason,
            ),
            bold=True,
        )
    if deposit.lines:
        sheet.heading(say_("denominations"))
        sheet.table(
            [say_("denomination"), say_("pieces"), say_("amount")],
            [
                [
                    denomination(line.denomination, deposit.currency, language),
                    str(line.pieces),
                    money(line.amount),
                ]
                for line in deposit.lines
            ],
            widths=[90, 30, 50],
            right=frozenset({1, 2}),
        )
    if deposit.cheques:
        sheet.heading(say_("cheques"))
        sheet.table(
            [say_("cheque_reference"), say_("amount")],
            [
                [cheque.reference or say_("cheque", number=index), money(cheque.amount)]
                for index, cheque in enumerate(deposit.cheques, start=1)
            ],
            widths=[120, 50],
            right=frozenset({1}),
        )
    if deposit.fallbacks:
        sheet.heading(say_("fallbacks"))
        sheet.table(
            [say_("description"), say_("amount")],
            [[fallback.description, money(fallback.amount)] for fallback in deposit.fallbacks],
            widths=[120, 50],
            right=frozenset({1}),
        )
    sheet.paragraph(f"{say_('total', currency=deposit.currency.value)}: {money(deposit.total)}", bold=True)
    if deposit.foreign:
        sheet.heading(say_("foreign"))
        sheet.table(
            [say_("currency"), say_("amount")],
            [[foreign.currency, amount(foreign.amount, foreign.currency, language)] for foreign in deposit.foreign],
            widths=[120, 50],
            right=frozenset({1}),
        )
        sheet.paragraph(say_("foreign_not_added", currency=deposit.currency.value))
    return sheet.done()


def counting_receipt(deposit: Deposit, customer_name: str, language: Language, printed_at: datetime) -> bytes:
    """What the cash centre counted against what the slip declared, per note and coin, and the difference."""
    counting = deposit.counting
    if counting is None or deposit.status is not DepositStatus.COUNTED:
        raise ValueError("Only a counted deposit has a counting receipt")
    say_ = partial(say, language)
    money = partial(amount, currency=deposit.currency.value, language=language)
    sheet = _sheet(say_("counting_receipt", bag=deposit.bag_number), language, printed_at)
    facts = [
        (say_("customer"), customer_name),
        (say_("deposit_date"), day(deposit.deposit_date)),
        (say_("bag_number"), deposit.bag_number),
    ]
    facts += _optional((say_("department"), deposit.department_name))
    sheet.facts(facts)
    sheet.paragraph(say_("counted", at=moment(counting.counted_at, language), by=counting.counted_by_name))
    rows = [
        [
            denomination(line.denomination, deposit.currency, language),
            money(line.declared),
            money(line.counted),
            money(line.difference),
        ]
        for line in counting.lines
    ]
    declared_cheques = sum(cheque.amount for cheque in deposit.cheques)
    declared_fallbacks = sum(fallback.amount for fallback in deposit.fallbacks)
    for label, declared, counted in (
        (say_("cheques"), declared_cheques, counting.cheques),
        (say_("fallbacks"), declared_fallbacks, counting.fallbacks),
    ):
        if declared or counted:
            rows.append([label, money(declared), money(counted), money(counted - declared)])
    rows.append(
        [
            say_("total", currency=deposit.currency.value),
            money(deposit.total),
            money(counting.total),
            money(counting.difference),
        ]
    )
    sheet.table(
        [say_("denomination"), say_("declared"), say_("counted_amount"), say_("difference")],
        rows,
        widths=[55, 38, 38, 39],
        right=frozenset({1, 2, 3}),
    )
    if counting.difference:
        sheet.paragraph(say_("difference_explained", amount=money(counting.difference)), bold=True)
    else:
        sheet.paragraph(say_("no_difference"))
    return sheet.done()


def order_confirmation(
    order: Order, customer_name: str, audience: Audience, language: Language, printed_at: datetime
) -> bytes:
    """What was ordered, by whom and when, and where the order stands; an order's own-use notes only for the
    customer's own users."""
    say_ = partial(say, language)
    sheet = _sheet(say_("order_confirmation", number=order.number), language, printed_at)
    facts = [
        (say_("customer"), customer_name),
        (say_("kind"), say_(f"kind.{order.kind}")),
        (say_("status"), say_(f"status.{order.status.value}")),
    ]
    if isinstance(order, ServiceOrder):
        facts.append((say_("progress"), say_(f"progress.{order.progress.value}")))
    sheet.facts(facts)
    sheet.paragraph(say_("placed", at=moment(order.placed_at, language), by=order.placed_by_name))
    if isinstance(order, SuppliesOrder):
        _supplies(sheet, order, language)
    elif isinstance(order, ChangeOrder):
        _change(sheet, order, language)
    else:
        _service(sheet, order, language)
    notes = None if isinstance(order, ServiceOrder) or audience == "vendor" else order.notes
    if notes:
        sheet.heading(say_("notes"))
        sheet.paragraph(notes)
    return sheet.done()


def _supplies(sheet: Sheet, order: SuppliesOrder, language: Language) -> None:
    say_ = partial(say, language)
    sheet.table(
        [say_("article_number"), say_("product"), say_("quantity"), say_("unit")],
        [[line.article_number, line.name, str(line.quantity), line.unit or ""] for line in order.lines],
        widths=[35, 85, 25, 25],
        right=frozenset({2}),
    )
    address = order.delivery_address
    sheet.heading(say_("delivery_address"))
    sheet.paragraph(f"{address.recipient}\n{address.address}\n{address.postal_code} {address.city}\n{address.country}")
    if order.delivered_at:
        sheet.paragraph(say_("delivered", at=moment(order.delivered_at, language)))
    else:
        sheet.paragraph(say_("expected_by", date=day(supplies.expected_by(order).date())))


def _change(sheet: Sheet, order: ChangeOrder, language: Language) -> None:
    say_ = partial(say, language)
    money = partial(amount, currency=order.currency.value, language=language)
    sheet.facts([(say_("delivery_date"), day(order.delivery_date))])
    sheet.heading(say_("denominations"))
    sheet.table(
        [say_("denomination"), say_("pieces"), say_("amount")],
        [
            [denomination(line.denomination, order.currency, language), str(line.pieces), money(line.amount)]
            for line in order.lines
        ],
        widths=[90, 30, 50],
        right=frozenset({1, 2}),
    )
    sheet.paragraph(f"{say_('total', currency=order.currency.value)}: {money(order.total)}", bold=True)
    if order.status is ChangeOrderStatus.DELETED and order.deleted_at:
        sheet.paragraph(say_("deleted", at=moment(order.deleted_at, language), by=order.deleted_by_name or ""))
    else:
        sheet.paragraph(say_("deletable_until", date=day(change.deletable_through(order))))


def _service(sheet: Sheet, order: ServiceOrder, language: Language) -> None:
    say_ = partial(say, language)
    facts = [
        (say_("department"), order.department_name),
        (say_("contract"), order.contract_name),
        (say_("product_group"), order.product_group),
    ]
    facts += _optional((say_("customer_reference"), order.customer_reference))
    sheet.facts(facts)
    sheet.heading(say_("description"))
    sheet.paragraph(order.description)
    sheet.heading(say_("timeline"))
    sheet.table(
        [say_("when"), say_("who"), say_("what")],
        [
            [
                moment(entry.at, language),
                entry.by_name,
                say_(f"action.{entry.action}") + (f": {entry.note}" if entry.note else ""),
            ]
            for entry in order.timeline
        ],
        widths=[35, 50, 85],
    )


def service_protocol(
    case: Case,
    work_order: WorkOrder,
    rows: list[ArticleRow],
    customer_name: str,
    language: Language,
    printed_at: datetime,
) -> bytes:
    """A closed work order as its customer keeps it (seed 003): what was to be done, what was found and done, by
    whom and when, and the article rows with their amounts."""
    say_ = partial(say, language)
    sheet = _sheet(say_("service_protocol", number=work_order.number), language, printed_at)
    facts = [(say_("customer"), customer_name), (say_("case"), f"{case.number}: {case.title}")]
    facts += _optional(
        (say_("object"), case.object_name),
        (say_("work_site"), case.work_site_address),
        (say_("technician"), work_order.technician_name),
    )
    facts.append((say_("work_order_type"), say_(f"work_order.{work_order.type.value}")))
    if work_order.closed_at:
        facts.append((say_("closed_on"), moment(work_order.closed_at, language)))
    sheet.facts(facts)
    sheet.heading(say_("work_to_do"))
    sheet.paragraph(work_order.description)
    if work_order.findings:
        sheet.heading(say_("findings"))
        sheet.paragraph(work_order.findings)
    if rows:
        sheet.heading(say_("article_rows"))
        sheet.table(
            [
                say_("article"),
                say_("action_code"),
                say_("quantity"),
                say_("unit_price"),
                say_("vat"),
                say_("amount_excl"),
            ],
            [
                [
                    f"{row.article} ({say_(f'article.{row.article_type.value}')})"
                    if row.article_type
                    else row.article or "",
                    row.action_code or "",
                    languages.decimal_text(row.quantity, language) if row.quantity is not None else "",
                    _money_or_blank(row.unit_price_minor, row.currency.value, language),
                    f"{languages.decimal_text(row.vat_rate, language, places=0)} %" if row.vat_rate is not None else "",
                    _money_or_blank(row.amount_minor, row.currency.value, language),
                ]
                for row in rows
            ],
            widths=[55, 20, 18, 27, 15, 35],
            right=frozenset({2, 3, 4, 5}),
        )
        shown_amounts = all(row.amount_minor is not None and row.vat_minor is not None for row in rows)
        for currency in sorted({row.currency for row in rows}) if shown_amounts else []:
            net = sum(row.amount_minor or 0 for row in rows if row.currency is currency)
            vat = sum(row.vat_minor or 0 for row in rows if row.currency is currency)
            sheet.paragraph(
                say_(
                    "total_incl",
                    currency=currency.value,
                    amount=amount(net, currency.value, language),
                    vat=amount(vat, currency.value, language),
                    total=amount(net + vat, currency.value, language),
                ),
                bold=True,
            )
    return sheet.done()


def invoice(
    invoice: Invoice, entries: list[InvoiceEntry], customer_name: str, language: Language, printed_at: datetime
) -> bytes:
    """An invoice as it stands (seed 004's columns): its dates, payer, total and what is outstanding, with the
    payments and credit notes registered on it."""
    say_ = partial(say, language)
    money = partial(amount, currency=invoice.currency.value, language=language)
    sheet = _sheet(say_("invoice_title", number=invoice.number), language, printed_at)
    sheet.facts(
        [
            (say_("customer"), customer_name),
            (say_("payer"), invoice.payer),
            (say_("invoice_date"), day(invoice.invoice_date)),
            (say_("due_date"), day(invoice.due_date)),
            (say_("invoice_total"), money(invoice.total_minor)),
            (say_("outstanding"), money(invoice.outstanding_minor)),
            (say_("status"), say_(f"invoice.{invoice.status.value}")),
        ]
    )
    if entries:
        sheet.heading(say_("invoice_entries"))
        sheet.table(
            [say_("entry_date"), say_("description"), say_("reference"), say_("amount")],
            [
                [day(entry.on), say_(f"entry.{entry.kind}"), entry.reference or "", money(entry.amount_minor)]
                for entry in entries
            ],
            widths=[30, 50, 60, 30],
            right=frozenset({3}),
        )
    return sheet.done()


def _money_or_blank(minor: int | None, currency: str, language: Language) -> str:
    return amount(minor, currency, language) if minor is not None else ""


def _optional(*pairs: tuple[str, str | None]) -> list[tuple[str, str]]:
    return [(label, value) for label, value in pairs if value]
