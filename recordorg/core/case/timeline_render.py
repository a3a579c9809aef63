"""Writing the timeline without a screen: SVG (hand-built XML), PNG (Pillow), PDF (fpdf2).

``render_timeline(layout, path)`` picks the format from the file's suffix; ``timeline_svg``,
``timeline_png`` and ``timeline_pdf`` return bytes. Unconfirmed entries are drawn pale with a
dashed border, labelled "(unconfirmed)", and the legend says so, in every format.
"""

from __future__ import annotations

import io
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from recordorg.core.case.timeline import TimelineLayout
from recordorg.core.case.timeline_draw import draw_timeline
from recordorg.core.case.timeline_shapes import Scene, Shape
from recordorg.core.case.timeline_text import FONT_FAMILY, font_path
from recordorg.core.errors import UserError

__all__ = ["font_path", "render_timeline", "timeline_pdf", "timeline_png", "timeline_svg"]


def timeline_svg(
    layout: TimelineLayout,
    width: int = 1200,
    title: str = "",
    link: Callable[[int], str | None] | None = None,
    *,
    key: bool = True,
) -> bytes:
    """The timeline as a standalone SVG; link(record_id) may give each item a link target.
    Without `key` the numbered items are left for the page around it to spell out."""
    scene = draw_timeline(layout, width, title, key=key)
    root = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "version": "1.1",
            "width": f"{scene.width:.0f}",
            "height": f"{scene.height:.0f}",
            "viewBox": f"0 0 {scene.width:.0f} {scene.height:.0f}",
            "font-family": FONT_FAMILY,
            "role": "img",
        },
    )
    ET.SubElement(root, "title").text = title or "Treatment history"
    for shape in scene.shapes:
        parent = root
        target = link(shape.record_id) if link and shape.record_id is not None else None
        if target:
            parent = ET.SubElement(root, "a", href=target)
        element = ET.SubElement(parent, *_svg_element(shape))
        if shape.kind == "text":
            element.text = shape.text
        if shape.tooltip:
            ET.SubElement(element, "title").text = shape.tooltip
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def _svg_element(shape: Shape) -> tuple[str, dict[str, str]]:
    paint = {"fill": shape.fill or "none"}
    if shape.stroke:
        paint.update(stroke=shape.stroke, **{"stroke-width": f"{shape.width:g}"})
        if shape.dashed:
            paint["stroke-dasharray"] = "4 3"
    if shape.kind == "rect":
        return "rect", {
            "x": f"{shape.x:.1f}",
            "y": f"{shape.y:.1f}",
            "width": f"{shape.w:.1f}",
            "height": f"{shape.h:.1f}",
            **paint,
        }
    if shape.kind == "line":
        return "line", {
            "x1": f"{shape.x:.1f}",
            "y1": f"{shape.y:.1f}",
            "x2": f"{shape.x2:.1f}",
            "y2": f"{shape.y2:.1f}",
            **paint,
        }
    if shape.kind == "circle":
        return "circle", {
            "cx": f"{shape.x:.1f}",
            "cy": f"{shape.y:.1f}",
            "r": f"{shape.r:g}",
            **paint,
        }
    if shape.kind == "polygon":
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in shape.points)
        return "polygon", {"points": points, **paint}
    anchor = {"start": "start", "middle": "middle", "end": "end"}[shape.anchor]
    attrs = {
        "x": f"{shape.x:.1f}",
        "y": f"{shape.y:.1f}",
        "font-size": f"{shape.size:g}",
        "fill": shape.fill or "#000000",
        "text-anchor": anchor,
    }
    if shape.bold:
        attrs["font-weight"] = "bold"
    return "text", attrs


def timeline_png(
    layout: TimelineLayout, width: int = 1200, title: str = "", scale: float = 2.0
) -> bytes:
    """The timeline as a PNG, drawn at `scale` times the pixel size for sharp print."""
    from PIL import Image, ImageDraw, ImageFont

    scene = draw_timeline(layout, width, title)
    image = Image.new("RGB", (round(scene.width * scale), round(scene.height * scale)), "white")
    draw = ImageDraw.Draw(image)
    fonts: dict[tuple[float, bool], ImageFont.FreeTypeFont] = {}

    def font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
        if (size, bold) not in fonts:
            path = font_path(bold) or font_path()
            px = round(size * scale)
            fonts[(size, bold)] = (
                ImageFont.truetype(path, px) if path else ImageFont.load_default(px)
            )
        return fonts[(size, bold)]

    s = scale
    for shape in scene.shapes:
        line_w = max(1, round(shape.width * s))
        if shape.kind == "rect":
            box = [shape.x * s, shape.y * s, (shape.x + shape.w) * s, (shape.y + shape.h) * s]
            draw.rectangle(box, fill=shape.fill)
            if shape.stroke:
                _png_outline(draw, box, shape.stroke, line_w, shape.dashed)
        elif shape.kind == "line":
            _png_line(
                draw,
                (shape.x * s, shape.y * s),
                (shape.x2 * s, shape.y2 * s),
                shape.stroke or "#000000",
                line_w,
                shape.dashed,
            )
        elif shape.kind == "circle":
            box = [
                (shape.x - shape.r) * s,
                (shape.y - shape.r) * s,
                (shape.x + shape.r) * s,
                (shape.y + shape.r) * s,
            ]
            draw.ellipse(box, fill=shape.fill, outline=shape.stroke, width=line_w)
        elif shape.kind == "polygon":
            draw.polygon([(x * s, y * s) for x, y in shape.points], fill=shape.fill)
        elif shape.kind == "text" and shape.text:
            anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
            draw.text(
                (shape.x * s, shape.y * s),
                shape.text,
                fill=shape.fill or "#000000",
                font=font(shape.size, shape.bold),
                anchor=anchor,
            )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False)
    return out.getvalue()


def _png_line(
    draw, a: tuple[float, float], b: tuple[float, float], colour: str, width: int, dashed: bool
) -> None:
    if not dashed:
        draw.line([a, b], fill=colour, width=width)
        return
    length = max(1.0, ((b[0] - a[0]) ** 2 + (b[1] - a[1]) ** 2) ** 0.5)
    dash = 8.0
    steps = int(length // dash)
    for n in range(0, steps, 2):
        t0, t1 = n * dash / length, min(1.0, (n + 1) * dash / length)
        draw.line(
            [
                (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0),
                (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1),
            ],
            fill=colour,
            width=width,
        )


def _png_outline(draw, box: list[float], colour: str, width: int, dashed: bool) -> None:
    x0, y0, x1, y1 = box
    for a, b in (
        ((x0, y0), (x1, y0)),
        ((x1, y0), (x1, y1)),
        ((x1, y1), (x0, y1)),
        ((x0, y1), (x0, y0)),
    ):
        _png_line(draw, a, b, colour, width, dashed)


def timeline_pdf(layout: TimelineLayout, width: int = 1200, title: str = "") -> bytes:
    """The timeline as a one-page PDF the size of the drawing (1 px = 0.75 pt)."""
    from fpdf import FPDF

    scene = draw_timeline(layout, width, title)
    k = 0.75  # points a pixel
    pdf = FPDF(unit="pt", format=(scene.width * k, scene.height * k))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.set_title(title or "Treatment history")
    pdf.set_creator("recordorg")
    pdf.add_page()
    draw_scene_on_pdf(pdf, scene, 0, 0, k, _pdf_fonts(pdf))
    return bytes(pdf.output())


def draw_scene_on_pdf(pdf, scene: Scene, left: float, top: float, k: float, family: str) -> None:
    """Draw a scene as vectors and text on an fpdf2 page, its pixel (0, 0) at (left, top) in
    the document's unit and k units a pixel; `family` is a font the document has."""
    with pdf.local_context():
        for shape in scene.shapes:
            _pdf_shape(pdf, shape, k, family, left, top)


def _pdf_fonts(pdf) -> str:
    regular, bold = font_path(), font_path(True)
    if regular is None:
        return "Helvetica"
    pdf.add_font("TimelineSans", "", regular)
    pdf.add_font("TimelineSans", "B", bold or regular)
    return "TimelineSans"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _pdf_shape(pdf, shape: Shape, k: float, family: str, ox: float = 0, oy: float = 0) -> None:
    if shape.fill:
        pdf.set_fill_color(*_rgb(shape.fill))
    if shape.stroke:
        pdf.set_draw_color(*_rgb(shape.stroke))
        pdf.set_line_width(shape.width * k)
        pdf.set_dash_pattern(dash=3, gap=2) if shape.dashed else pdf.set_dash_pattern()
    style = ("F" if shape.fill else "") + ("D" if shape.stroke else "")
    x, y = ox + shape.x * k, oy + shape.y * k
    if shape.kind == "rect" and style:
        pdf.rect(x, y, shape.w * k, shape.h * k, style=style)
    elif shape.kind == "line" and shape.stroke:
        pdf.line(x, y, ox + shape.x2 * k, oy + shape.y2 * k)
    elif shape.kind == "circle" and style:
        r = shape.r * k
        pdf.ellipse(x - r, y - r, 2 * r, 2 * r, style=style)
    elif shape.kind == "polygon" and shape.fill:
        pdf.polygon([(ox + px * k, oy + py * k) for px, py in shape.points], style="F")
    elif shape.kind == "text" and shape.text:
        pdf.set_font(family, "B" if shape.bold else "", shape.size * k * pdf.k)
        encoding = getattr(pdf, "core_fonts_encoding", None) or "latin-1"
        text = (
            shape.text
            if family != "Helvetica"
            else shape.text.encode(encoding, "replace").decode(encoding)
        )
        pdf.set_text_color(*_rgb(shape.fill or "#000000"))
        if shape.anchor != "start":
            w = pdf.get_string_width(text)
            x -= w / 2 if shape.anchor == "middle" else w
        pdf.text(x, y, text)
    pdf.set_dash_pattern()


WRITERS = {".svg": timeline_svg, ".png": timeline_png, ".pdf": timeline_pdf}


def render_timeline(layout: TimelineLayout, path: Path, width: int = 1200, title: str = "") -> Path:
    """Write the timeline to path as SVG, PNG or PDF, chosen by the file's suffix."""
    path = Path(path)
    writer = WRITERS.get(path.suffix.lower())
    if writer is None:
        raise UserError(f'A timeline can be written as .svg, .png or .pdf, not "{path.name}".')
    data = writer(layout, width, title)
    temp = path.with_name(path.name + ".part")
    temp.write_bytes(data)
    os.replace(temp, path)
    return path
