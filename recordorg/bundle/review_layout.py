"""An A4 page maker for REVIEW.PDF (fpdf2): text, tables, in Helvetica when every text fits
its Windows-1252 letters (the PDF viewer has the font: nothing to parse, subset or embed),
else in a Unicode font of this computer."""

from __future__ import annotations

from collections.abc import Iterable

from fpdf import FPDF, FontFace

from recordorg.core.case.timeline_render import font_path

MARGIN = 15
HEAD = FontFace(emphasis="BOLD", fill_color=(232, 237, 246))


CORE_ENCODING = "windows-1252"


def fits_core_font(texts: Iterable[str]) -> bool:
    """True if Helvetica (with the Windows-1252 letters) can draw all these texts."""
    try:
        for text in texts:
            text.encode(CORE_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


class Pages(FPDF):
    """An A4 document; with `unicode`, in a Unicode font when the computer has one."""

    def __init__(self, title: str = "", unicode: bool = True) -> None:
        super().__init__(unit="mm", format="A4")
        self.core_fonts_encoding = CORE_ENCODING
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=18)
        self.set_creator("recordorg")
        self.set_title(title or "Case review")
        regular, bold = (font_path(), font_path(True)) if unicode else (None, None)
        if regular:
            self.add_font("Sans", "", regular)
            self.add_font("Sans", "B", bold or regular)
            self.family = "Sans"
        else:
            self.family = "Helvetica"
        self.set_font(self.family, size=10)

    def t(self, text: object) -> str:
        """Text the current font can draw (Helvetica knows only Windows-1252)."""
        text = str(text or "")
        if self.family == "Helvetica":
            return text.encode(CORE_ENCODING, "replace").decode(CORE_ENCODING)
        return text

    def heading(self, text: str, size: float = 16) -> None:
        self.set_font(self.family, "B", size)
        self.multi_cell(0, size * 0.5, self.t(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_font(self.family, "", 10)

    def para(
        self,
        text: str,
        size: float = 10,
        colour: tuple[int, int, int] = (0, 0, 0),
        bold: bool = False,
    ) -> None:
        self.set_text_color(*colour)
        self.set_font(self.family, "B" if bold else "", size)
        self.multi_cell(0, size * 0.48, self.t(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.set_font(self.family, "", 10)

    def table_of(
        self,
        headings: list[str],
        rows: list[list[str]],
        widths: tuple[float, ...] | None = None,
        shade: list[bool] | None = None,
        size: float = 8.5,
    ) -> None:
        self.set_font(self.family, "", size)
        with self.table(
            col_widths=widths,
            headings_style=HEAD,
            line_height=size * 0.5,
            padding=1.2,
            text_align="LEFT",
        ) as table:
            row = table.row()
            for heading in headings:
                row.cell(self.t(heading))
            for n, values in enumerate(rows):
                style = FontFace(fill_color=(255, 248, 225)) if shade and shade[n] else None
                row = table.row(style=style)
                for value in values:
                    row.cell(self.t(value))
        self.set_font(self.family, "", 10)
        self.ln(3)

    def pages_for_rows(self, rows: int, height: float) -> int:
        """How many pages quick_rows needs for `rows` rows (and its heading row) from here."""
        per_page = int((self.page_break_trigger - self.t_margin) // height)
        first = int((self.page_break_trigger - self.get_y()) // height) - 1
        if rows <= first:
            return 1
        return 1 + -(-(rows - first) // per_page)

    def quick_rows(
        self,
        headings: list[str],
        rows: list[list[str]],
        widths: tuple[float, ...],
        height: float = 5.1,
        size: float = 8.5,
    ) -> None:
        """A table of one-line rows, text cut to fit, drawn as lines and text: fast for
        hundreds of rows (fpdf2's table() and cell() measure and lay out every cell)."""
        self.set_font(self.family, "B", size)
        self.set_fill_color(232, 237, 246)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)
        self._quick_row(headings, widths, height, fill=True)
        self.set_font(self.family, "", size)
        for values in rows:
            if self.get_y() + height > self.page_break_trigger:
                self.add_page(same=True)
            self._quick_row(values, widths, height)
        self.set_font(self.family, "", 10)
        self.ln(3)

    def _quick_row(
        self, values: list[str], widths: tuple[float, ...], height: float, fill: bool = False
    ) -> None:
        x, y = self.l_margin, self.get_y()
        self.rect(x, y, sum(widths), height, style="DF" if fill else "D")
        baseline = y + height / 2 + self.font_size * 0.35
        for value, width in zip(values, widths, strict=True):
            if x > self.l_margin:
                self.line(x, y, x, y + height)
            self.text(x + 1, baseline, self.fit(self.t(value), width - 2))
            x += width
        self.set_y(y + height)

    def fit(self, text: str, width: float) -> str:
        """The text, shortened with an ellipsis if it is wider than `width`."""
        if self.get_string_width(text) <= width:
            return text
        ellipsis = "…"
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.get_string_width(text[:middle] + ellipsis) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + ellipsis

    def output_bytes(self) -> bytes:
        return bytes(self.output())
