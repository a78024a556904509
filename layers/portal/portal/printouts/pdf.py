"""An A4 sheet in the portal's house style, written with fpdf2: a title, facts as label and value, tables with
amounts right-aligned, paragraphs, and a footer with when it was printed and the page. DejaVu Sans is embedded
(subset), so every Nordic and Sámi letter prints as typed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from pathlib import Path

from fpdf import FPDF, FontFace, XPos, YPos

FONTS = Path(__file__).parent / "fonts"
FAMILY = "DejaVu"
INK = (33, 37, 41)
MUTED = (90, 98, 106)
RULE = (206, 212, 218)


@cache
def font_files() -> tuple[str, str]:
    return str(FONTS / "DejaVuSans.ttf"), str(FONTS / "DejaVuSans-Bold.ttf")


class Sheet(FPDF):
    def __init__(self, *, title: str, language: str, footer: str, printed_at: datetime) -> None:
        super().__init__(format="A4", unit="mm")
        regular, bold = font_files()
        self.add_font(FAMILY, "", regular)
        self.add_font(FAMILY, "B", bold)
        self.footer_text = footer
        self.set_title(title)
        self.set_lang(language)
        self.set_creator("Kundeportal")
        self.set_creation_date(printed_at)
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_page()
        self.set_text_color(*INK)
        self.set_font(FAMILY, "B", 16)
        self.multi_cell(0, 8, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(*MUTED)
        # "{nb}" is fpdf2's placeholder for the page count, filled in when the document is written.
        self.cell(0, 5, self.footer_text.format(page=self.page_no(), pages="{nb}"), align="C")

    def heading(self, text: str) -> None:
        self.ln(3)
        self.set_font(FAMILY, "B", 12)
        self.multi_cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def facts(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Label and value side by side, as the printable pages' fact lists."""
        for label, value in pairs:
            self.set_font(FAMILY, "B", 10)
            self.cell(55, 6, label)
            self.set_font(FAMILY, "", 10)
            self.multi_cell(0, 6, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def paragraph(self, text: str, *, bold: bool = False) -> None:
        self.set_font(FAMILY, "B" if bold else "", 10)
        self.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def table(  # type: ignore[override]  # fpdf2's own table() is a context manager; this one writes a whole table
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        widths: Sequence[int],
        right: frozenset[int] = frozenset(),
    ) -> None:
        """A table whose columns in `right` (amounts, counts) are right-aligned; the header repeats on a new page."""
        self.set_font(FAMILY, "", 10)
        self.set_draw_color(*RULE)
        align = tuple("RIGHT" if column in right else "LEFT" for column in range(len(headers)))
        with super().table(
            col_widths=tuple(widths),
            text_align=align,
            headings_style=FontFace(emphasis="BOLD"),
            line_height=6,
            borders_layout="HORIZONTAL_LINES",
        ) as table:
            table.row(list(headers))
            for values in rows:
                table.row(list(values))
        self.ln(2)

    def done(self) -> bytes:
        return bytes(self.output())
