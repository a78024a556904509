"""A business document as its recipient sees it on paper (DOC-3, DOC-7): an A4 print copy with the sender at the
top, the recipient's postal address where a window envelope (C5/E65, window on the left) shows it, the
document's facts, its lines and its totals, in the recipient's language. Amounts are printed as the document
states them, exact decimals, never recomputed.

`Layout` is the sender's choice of look (accent colour, footer text); the house layout is the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from portal.documents.content import Address, DocumentContent, Party
from portal.languages import Language, wall_clock

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
    "page": {_NB: "Side {page} av {pages}", _SV: "Sida {page} av {pages}", _EN: "Page {page} of {pages}"},
}
_SEPARATORS = {_NB: ("\u00a0", ","), _SV: ("\u00a0", ","), _EN: (",", ".")}
_COUNTRY_LANGUAGES = {"NO": _NB, "SE": _SV}


@dataclass(frozen=True)
class Layout:
    """The sender's look for its documents: an accent colour (headings, rules) and a footer line."""

    accent: tuple[int, int, int] = (31, 78, 121)
    footer: str | None = None


def language_of(party: Party) -> Language:
    """The recipient reads its documents in its country's language; elsewhere in English."""
    return _COUNTRY_LANGUAGES.get(party.address.country or "", _EN)


def decimal_text(value: Decimal | None, language: Language, *, places: int = 2) -> str:
    """An exact amount as the language writes it, e.g. 1 811,88; never through a float."""
    if value is None:
        return ""
    group, point = _SEPARATORS[language]
    exponent = value.as_tuple().exponent
    decimals = -exponent if isinstance(exponent, int) else 0
    quantized = value.quantize(Decimal(1).scaleb(-places)) if decimals <= places else value
    sign, text = ("-", str(-quantized)) if quantized < 0 else ("", str(quantized))
    whole, _, fraction = text.partition(".")
    grouped = f"{int(whole):,}".replace(",", group)
    return f"{sign}{grouped}{point}{fraction}" if fraction else f"{sign}{grouped}"


def _day(value: date | None) -> str:
    return f"{value:%d.%m.%Y}" if value else ""


def print_copy(
    content: DocumentContent, *, sender: Party, recipient: Party, printed_at: datetime, layout: Layout = Layout()
) -> bytes:
    """The document as printed and posted: the address in the envelope window."""
    from fpdf import FPDF, XPos, YPos

    from portal.printouts.pdf import FAMILY, INK, MUTED, font_files

    language = language_of(recipient)
    words = {name: texts[language] for name, texts in TEXTS.items()}
    title = f"{words[content.document_type.value]} {content.number}"
    printed = words["printed"].format(at=f"{wall_clock(printed_at, language):%d.%m.%Y %H:%M}")

    class PrintCopy(FPDF):
        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(FAMILY, "", 8)
            self.set_text_color(*MUTED)
            lines = [layout.footer] if layout.footer else []
            lines.append(f"{printed} · {words['page'].format(page=self.page_no(), pages='{nb}')}")
            self.multi_cell(0, 4, "\n".join(lines), align="C")

    sheet = PrintCopy(format="A4", unit="mm")
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
    # The sender, top left: who the letter is from.
    sheet.set_font(FAMILY, "B", 12)
    sheet.set_text_color(*layout.accent)
    sheet.cell(0, 6, sender.name or "", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    sheet.set_text_color(*INK)
    sheet.set_font(FAMILY, "", 9)
    for line in _address_lines(sender.address) + _numbers(sender, words):
        sheet.cell(0, 4.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    # The recipient, in the envelope's window.
    sheet.set_xy(WINDOW_LEFT_MM, WINDOW_TOP_MM)
    sheet.set_font(FAMILY, "", 11)
    window = [recipient.name or "", *_address_lines(recipient.address)]
    sheet.multi_cell(WINDOW_WIDTH_MM, 5.5, "\n".join(line for line in window if line), new_x=XPos.LMARGIN)
    # The document's facts, to the right of the window.
    facts = [
        (words["number"], content.number),
        (words["issue_date"], _day(content.issue_date)),
        (words["due_date"], _day(content.due_date)),
        (words["buyer_reference"], content.buyer_reference or ""),
        (words["order_reference"], content.order_reference or ""),
    ]
    sheet.set_xy(120, WINDOW_TOP_MM)
    for label, value in ((label, value) for label, value in facts if value):
        sheet.set_x(120)
        sheet.set_font(FAMILY, "B", 9)
        sheet.cell(32, 5.5, label)
        sheet.set_font(FAMILY, "", 9)
        sheet.cell(0, 5.5, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    sheet.set_y(WINDOW_TOP_MM + WINDOW_HEIGHT_MM + 8)
    sheet.set_font(FAMILY, "B", 16)
    sheet.set_text_color(*layout.accent)
    sheet.cell(0, 9, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    sheet.set_text_color(*INK)
    sheet.ln(2)
    _lines(sheet, content, words, language, layout)
    _totals(sheet, content, words, language)
    return bytes(sheet.output())


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
            35, 6.5, f"{decimal_text(value, language)} {currency}", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
