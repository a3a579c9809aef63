"""Stamping a line of text at the foot of a PDF page without re-writing its content.

The page's own content is wrapped in q/Q (so its graphics state cannot leak into the stamp)
and one small content stream is appended; the page keeps its drawing untouched, whatever its
crop box or rotation. Much cheaper than merging a stamp page into every page.
"""

from __future__ import annotations

from fpdf.fonts import CORE_FONTS_CHARWIDTHS
from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

FONT_NAME = "/RoStampFont"
SIZE = 7.5
WIDTHS = CORE_FONTS_CHARWIDTHS["helvetica"]


def stamp_font(writer: PdfWriter) -> IndirectObject:
    """The Helvetica font object every stamp uses (add it once per writer)."""
    return writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )


def _width(text: str) -> float:
    return sum(WIDTHS.get(ch, 556) for ch in text) * SIZE / 1000


def _escape(text: str) -> str:
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _matrix(page: PageObject) -> tuple[tuple[float, ...], float, float]:
    """The matrix from upright (as displayed) coordinates to the page's own, and the
    displayed width and height."""
    box = page.cropbox
    x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    w, h = x1 - x0, y1 - y0
    rotate = int(page.get("/Rotate", 0) or 0) % 360
    if rotate == 90:
        return (0, 1, -1, 0, x1, y0), h, w
    if rotate == 180:
        return (-1, 0, 0, -1, x1, y1), w, h
    if rotate == 270:
        return (0, -1, 1, 0, x0, y1), h, w
    return (1, 0, 0, 1, x0, y0), w, h


def stamp_page(writer: PdfWriter, page: PageObject, text: str, font: IndirectObject) -> None:
    """Write `text` at the bottom right of the page as displayed, on a white band."""
    matrix, width, _height = _matrix(page)
    text_w = _width(text)
    x = max(4.0, width - text_w - 14)
    y = 5.0
    ops = (
        "q " + " ".join(f"{v:g}" for v in matrix) + " cm "
        f"1 g {x - 3:.2f} {y - 2:.2f} {text_w + 6:.2f} {SIZE + 3:.2f} re f "
        f"0.25 g BT {FONT_NAME} {SIZE} Tf {x:.2f} {y:.2f} Td ({_escape(text)}) Tj ET Q"
    )
    resources = page.get("/Resources")
    resources = (
        DictionaryObject(resources.get_object()) if resources is not None else DictionaryObject()
    )
    fonts = resources.get("/Font")
    fonts = DictionaryObject(fonts.get_object()) if fonts is not None else DictionaryObject()
    fonts[NameObject(FONT_NAME)] = font
    resources[NameObject("/Font")] = fonts
    page[NameObject("/Resources")] = resources
    before, after = DecodedStreamObject(), DecodedStreamObject()
    before.set_data(b"q\n")
    after.set_data(b"\nQ\n" + ops.encode("latin-1"))
    contents = page.get("/Contents")
    parts = ArrayObject([writer._add_object(before)])
    if contents is not None:
        existing = contents.get_object()
        if isinstance(existing, ArrayObject):
            parts.extend(existing)
        else:
            parts.append(
                contents if isinstance(contents, IndirectObject) else writer._add_object(existing)
            )
    parts.append(writer._add_object(after))
    page[NameObject("/Contents")] = parts
