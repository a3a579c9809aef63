"""Draw lines of text onto a page image with Pillow (for photos and scanned PDFs)."""

from __future__ import annotations

import os
import textwrap
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_DIRS = [
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.fonts",
    "~/.local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
]
FONT_NAMES = [
    "DejaVuSans.ttf",
    "LiberationSans-Regular.ttf",
    "FreeSans.ttf",
    "Arial.ttf",
    "arial.ttf",
    "NotoSans-Regular.ttf",
    "Helvetica.ttc",
]


@lru_cache(maxsize=1)
def find_truetype_font() -> Path | None:
    """Path of a sans-serif TrueType font found on this system, or None."""
    found: dict[str, Path] = {}
    for folder in FONT_DIRS:
        root = Path(os.path.expanduser(folder))
        if not root.is_dir():
            continue
        for dirpath, _dirs, files in os.walk(root):
            for name in files:
                if name in FONT_NAMES and name not in found:
                    found[name] = Path(dirpath) / name
    return next((found[name] for name in FONT_NAMES if name in found), None)


def load_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A TrueType font of `size` pixels if one is installed, else Pillow's default font."""
    path = find_truetype_font()
    if path is not None:
        try:
            return ImageFont.truetype(str(path), size)
        except OSError:
            pass
    return ImageFont.load_default(size=size)


def render_page(
    lines: list[str], size: tuple[int, int], paper: int = 250, ink: int = 20, margin: float = 0.08
) -> Image.Image:
    """A greyscale page of `size` with `lines` wrapped to the page width, top to bottom."""
    width, height = size
    page = Image.new("L", size, paper)
    draw = ImageDraw.Draw(page)
    font_px = max(10, width // 48)
    font = load_font(font_px)
    left = int(width * margin)
    chars = max(20, int((width - 2 * left) / (font_px * 0.52)))
    y = int(height * margin)
    line_step = int(font_px * 1.35)
    for i, line in enumerate(lines):
        wrapped = textwrap.wrap(line, chars) or [""]
        for part in wrapped:
            if y + line_step > height - int(height * margin) // 2:
                return page
            draw.text((left, y), part, fill=ink, font=font)
            y += line_step
        y += line_step // 2 if i else line_step
    return page
