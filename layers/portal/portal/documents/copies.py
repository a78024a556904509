"""A business document as its recipient sees it on paper (DOC-3, DOC-7): an A4 print copy with the sender at the
top, the recipient's postal address where a window envelope (C5/E65, window on the left) shows it, the
document's facts, its lines and its totals, in the recipient's language. Amounts are printed as the document
states them, exact decimals, never recomputed.

`Layout` is the sender's choice of look (accent colour, footer text); the house layout is the default.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal

from portal import languages
from portal.documents.content import Address, DocumentContent, Party
from portal.languages import Language, decimal_text, wall_clock

if TYPE_CHECKING:
    from fpdf import FPDF

# Where a left-window envelope shows the address, from the sheet's top left corner (SS-EN ISO 269 / DIN 676).
WINDOW_LEFT_MM, WINDOW_TOP_MM, WINDOW_WIDTH_MM, WINDOW_HEIGHT_MM = 20, 50, 90, 40

_NB, _SV, _EN = Language.NB, Language.SV, Language.EN
TEXTS: dict[str, dict[Language, str]] = {
    "invoice": {_NB: "Faktura", _SV: "Faktura", _EN: "Invoice"},
    "credit_note": {_NB: "Kreditnota", _SV: "Kreditnota", _EN: "Credit note"},
    "order": {_NB: "Ordre", _SV: "Order", _EN: "Order"},
    "order_response": {_NB: "Ordrebekreftelse", _SV: "Orderbekräftelse", _EN: "Order response"},
    "number": {_NB: "Nummer", _SV: "Nummer", _EN: "Number"},
    "issue_date": {_NB: "Dato", _SV: "Datum", _EN: "Date"},
    "due_date": {_NB: "Forfallsdato", _SV: "Förfallodatum", _EN: "Due date"},
    "buyer_reference": {_NB: "Deres referanse", _SV: "Er referens", _EN: "Your reference"},
    "order_reference": {_NB: "Bestillingsnummer", _SV: "Ordernummer", _EN: "Order number"},
    "organisation_number": {_NB: "Org.nr.", _SV: "Org.nr", _EN: "Org. no."},
    "vat_number": {_NB: "MVA-nr.", _SV: "Momsreg.nr", _EN: "VAT no."},
    "description": {_NB: "Beskrivelse", _SV: "Beskrivning", _EN: "Description"},
    "quantity": {_NB: "Antall", _SV: "Antal", _EN: "Quantity"},
    "vat": {_NB: "MVA %", _SV: "Moms %", _EN: "VAT %"},
    "net": {_NB: "Beløp", _SV: "Belopp", _EN: "Amount"},
    "tax_exclusive": {_NB: "Sum eks. MVA", _SV: "Summa exkl. moms", _EN: "Total excl. VAT"},
    "tax": {_NB: "MVA", _SV: "Moms", _EN: "VAT"},
    "payable": {_NB: "Å betale", _SV: "Att betala", _EN: "Amount due"},
    "printed": {_NB: "Utskrift {at}", _SV: "Utskrift {at}", _EN: "Printed {at}"},
    "sent_to": {
        _NB: "Sendt på e-post til {recipient} <{email}>",
        _SV: "Skickad med e-post till {recipient} <{email}>",
        _EN: "Sent by e-mail to {recipient} <{email}>",
    },
    "bank_heading": {
        _NB: "Slik vises fakturaen i nettbanken",
        _SV: "Så visas fakturan i internetbanken",
        _EN: "As the online bank shows the invoice",
    },
    "payee": {_NB: "Betales til", _SV: "Betalningsmottagare", _EN: "Pay to"},
    "account": {_NB: "Kontonummer", _SV: "Kontonummer", _EN: "Account"},
    "payment_reference": {_NB: "KID / referanse", _SV: "OCR / referens", _EN: "Payment reference"},
    "specification": {_NB: "Spesifikasjon", _SV: "Specifikation", _EN: "Specification"},
    "page": {_NB: "Side {page} av {pages}", _SV: "Sida {page} av {pages}", _EN: "Page {page} of {pages}"},
}


@dataclass(frozen=True)
class Layout:
    """The sender's look for its documents (set on its document settings): an accent colour for headings and
    rules, a footer line, and its logo (PNG or JPEG)."""

    accent: tuple[int, int, int] = (31, 78, 121)
    footer: str | None = None
    logo: bytes | None = None


def colour(hex_colour: str) -> tuple[int, int, int]:
    """#RRGGBB as red, green and blue."""
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def language_of(party: Party) -> Language:
    """The recipient reads its documents in its country's language; elsewhere in English."""
    return languages.of_country(party.address.country)


def _day(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


CopyChannel = Literal["post", "email", "bank"]


def viewing_copy(
    content: DocumentContent,
    channel: CopyChannel,
    *,
    sender: Party,
    recipient: Party,
    printed_at: datetime,
    layout: Layout = Layout(),
) -> bytes:
    """The document as its recipient sees it on a channel, in the sender's layout (DOC-3): on paper (`post`, the
    address in the envelope window), as the PDF of an e-mail (`email`), or in the online bank (`bank`: what the
    bank shows to pay it, then the specification)."""
    from fpdf import XPos, YPos

    from portal.printouts.pdf import FAMILY, INK

    language = language_of(recipient)
    words = {name: texts[language] for name, texts in TEXTS.items()}
    title = f"{words[content.document_type.value]} {content.number}"
    sheet = _sheet(title, language, printed_at, layout, words)
    _letterhead(sheet, sender, layout, words)
    if channel == "post":
        # The recipient where the envelope's window shows it; the facts to its right.
        sheet.set_xy(WINDOW_LEFT_MM, WINDOW_TOP_MM)
        sheet.set_font(FAMILY, "", 11)
        window = [recipient.name or "", *_address_lines(recipient.address)]
        sheet.multi_cell(WINDOW_WIDTH_MM, 5.5, "\n".join(line for line in window if line), new_x=XPos.LMARGIN)
        _facts(sheet, content, words, left=120, top=WINDOW_TOP_MM)
        sheet.set_y(WINDOW_TOP_MM + WINDOW_HEIGHT_MM + 8)
    elif channel == "email":
        sheet.ln(6)
        sheet.set_font(FAMILY, "", 9)
        sent_to = words["sent_to"].format(recipient=recipient.name or "", email=recipient.email or "")
        sheet.multi_cell(0, 5, sent_to, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        top = sheet.get_y() + 3
        _facts(sheet, content, words, left=20, top=top)
        sheet.ln(4)
    else:
        sheet.ln(6)
        _bank_view(sheet, content, sender, words, language, layout)
        sheet.ln(4)
    sheet.set_font(FAMILY, "B", 16)
    sheet.set_text_color(*layout.accent)
    heading = words["specification"] if channel == "bank" else title
    sheet.cell(0, 9, heading, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    sheet.set_text_color(*INK)
    sheet.ln(2)
    _lines(sheet, content, words, language, layout)
    _totals(sheet, content, words, language)
    return bytes(sheet.output())


def print_copy(
    content: DocumentContent, *, sender: Party, recipient: Party, printed_at: datetime, layout: Layout = Layout()
) -> bytes:
    """The document as printed and posted (Smartmail's postal channel, DOC-7)."""
    return viewing_copy(content, "post", sender=sender, recipient=recipient, printed_at=printed_at, layout=layout)


def _sheet(title: str, language: Language, printed_at: datetime, layout: Layout, words: dict[str, str]) -> FPDF:
    from fpdf import FPDF

    from portal.printouts.pdf import FAMILY, INK, MUTED, font_files

    printed = words["printed"].format(at=f"{wall_clock(printed_at, language):%d.%m.%Y %H:%M}")

    class Copy(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(FAMILY, "", 8)
            self.set_text_color(*MUTED)
            lines = [layout.footer] if layout.footer else []
            lines.append(f"{printed} · {words['page'].format(page=self.page_no(), pages='{nb}')}")
            self.multi_cell(0, 4, "\n".join(lines), align="C")

    sheet = Copy(format="A4", unit="mm")
    regular, bold = font_files()
    sheet.add_font(FAMILY, "", regular)
    sheet.add_font(FAMILY, "B", bold)
    sheet.set_title(title)
    sheet.set_lang(language.value)
    sheet.set_creator("Kundeportal")
    sheet.set_creation_date(printed_at)
    sheet.set_margins(20, 15, 20)
    sheet.set_auto_page_break(auto=True, margin=22)
    sheet.add_page()
    sheet.set_text_color(*INK)
    return sheet


def _letterhead(sheet: FPDF, sender: Party, layout: Layout, words: dict[str, str]) -> None:
    """The sender, top left (its logo top right): who the document is from."""
    from fpdf import XPos, YPos

    from portal.printouts.pdf import FAMILY, INK

    if layout.logo:
        # At most 50 × 20 mm, its proportions kept.
        sheet.image(io.BytesIO(layout.logo), x=140, y=12, w=50, h=20, keep_aspect_ratio=True)
    sheet.set_font(FAMILY, "B", 12)
    sheet.set_text_color(*layout.accent)
    sheet.cell(110, 6, sender.name or "", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    sheet.set_text_color(*INK)
    sheet.set_font(FAMILY, "", 9)
    for line in _address_lines(sender.address) + _numbers(sender, words):
        sheet.cell(110, 4.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _facts(sheet: FPDF, content: DocumentContent, words: dict[str, str], *, left: float, top: float) -> None:
    from fpdf import XPos, YPos

    from portal.printouts.pdf import FAMILY

    facts = [
        (words["number"], content.number),
        (words["issue_date"], _day(content.issue_date)),
        (words["due_date"], _day(content.due_date)),
        (words["buyer_reference"], content.buyer_reference or ""),
        (words["order_reference"], content.order_reference or ""),
    ]
    sheet.set_xy(left, top)
    for label, value in ((label, value) for label, value in facts if value):
        sheet.set_x(left)
        sheet.set_font(FAMILY, "B", 9)
        sheet.cell(36, 5.5, label)
        sheet.set_font(FAMILY, "", 9)
        sheet.cell(0, 5.5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _bank_view(
    sheet: FPDF, content: DocumentContent, sender: Party, words: dict[str, str], language: Language, layout: Layout
) -> None:
    """What an online bank shows of an e-invoice: whom to pay, how much, by when, to which account, with which
    reference — in a framed box, as the bank's payment view."""
    from fpdf import XPos, YPos

    from portal.printouts.pdf import FAMILY, RULE

    amount = content.totals.payable
    rows = [
        (words["payee"], sender.name or ""),
        (
            words["payable"],
            f"{decimal_text(amount, language)} {content.currency or ''}" if amount is not None else "",
        ),
        (words["due_date"], _day(content.due_date)),
        (words["account"], content.payee_account or ""),
        (words["payment_reference"], content.payment_reference or content.number),
    ]
    sheet.set_font(FAMILY, "B", 11)
    sheet.set_text_color(*layout.accent)
    sheet.cell(0, 7, words["bank_heading"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    top = sheet.get_y()
    sheet.set_text_color(33, 37, 41)
    for label, value in rows:
        sheet.set_x(25)
        sheet.set_font(FAMILY, "B", 10)
        sheet.cell(50, 7, label)
        sheet.set_font(FAMILY, "", 10)
        sheet.cell(0, 7, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    sheet.set_draw_color(*RULE)
    sheet.rect(20, top - 1, 170, sheet.get_y() - top + 2)


def _address_lines(address: Address) -> list[str]:
    place = " ".join(part for part in (address.postal_code, address.city) if part)
    return [*address.lines, *([place] if place else [])]


def _numbers(party: Party, words: dict[str, str]) -> list[str]:
    found = [(words["organisation_number"], party.organisation_number), (words["vat_number"], party.vat_number)]
    return [f"{label} {value}" for label, value in found if value]


def _lines(sheet: FPDF, content: DocumentContent, words: dict[str, str], language: Language, layout: Layout) -> None:
    from fpdf import FontFace

    from portal.printouts.pdf import FAMILY, RULE

    sheet.set_font(FAMILY, "", 9)
    sheet.set_draw_color(*RULE)
    headers = [words["description"], words["quantity"], words["vat"], words["net"]]
    with sheet.table(
        col_widths=(95, 25, 20, 30),
        text_align=("LEFT", "RIGHT", "RIGHT", "RIGHT"),
        headings_style=FontFace(emphasis="BOLD", color=layout.accent),
        line_height=5.5,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        table.row(headers)
        for line in content.lines:
            quantity = decimal_text(line.quantity, language, places=4).rstrip("0").rstrip(",.") if line.quantity else ""
            table.row(
                [
                    line.name or "",
                    f"{quantity} {line.unit or ''}".strip(),
                    decimal_text(line.vat_percent, language, places=2) if line.vat_percent is not None else "",
                    decimal_text(line.net_amount, language),
                ]
            )


def _totals(sheet: FPDF, content: DocumentContent, words: dict[str, str], language: Language) -> None:
    from fpdf import XPos, YPos

    from portal.printouts.pdf import FAMILY

    sheet.ln(3)
    currency = content.currency or ""
    totals = content.totals
    rows = [
        (words["tax_exclusive"], totals.tax_exclusive, False),
        (words["tax"], totals.tax, False),
        (words["payable"], totals.payable, True),
    ]
    for label, value, strong in rows:
        if value is None:
            continue
        sheet.set_x(110)
        sheet.set_font(FAMILY, "B" if strong else "", 11 if strong else 10)
        sheet.cell(45, 6.5, label)
        sheet.cell(
            35,
            6.5,
            f"{decimal_text(value, language)} {currency}",
            align="R",
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
