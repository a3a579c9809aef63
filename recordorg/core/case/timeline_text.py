"""How wide the timeline's words are: measured with the font the writers draw them in."""

from __future__ import annotations

from functools import cache

from recordorg.core.platform_paths import find_unicode_font

FONT_FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif"
WIDE = 0.62  # an em share no common sans-serif letter run exceeds, without a font file


@cache
def font_path(bold: bool = False) -> str | None:
    """A TrueType font with wide Unicode cover on this computer (its bold face with `bold`,
    None when it has none), searched in the platform's font folders; None when there is none."""
    found = find_unicode_font()
    if found is None:
        return None
    return found[1] if bold else found[0]


@cache
def _font(size: float, bold: bool):
    path = font_path(bold) or font_path()
    if path is None:
        return None
    from PIL import ImageFont

    return ImageFont.truetype(path, size)


@cache
def _advances(bold: bool) -> dict[str, float]:
    return {}


def text_width(text: str, size: float = 11, bold: bool = False) -> float:
    """A text's width in pixels at `size` pixels: the sum of its letters' advances in DejaVu
    Sans (as PNG and PDF draw it, kerning left out, so never narrower; SVG's Helvetica or
    Arial fallbacks are narrower)."""
    font = _font(100, bold)
    if font is None:
        return len(text) * size * WIDE
    advances = _advances(bold)
    try:
        return sum(map(advances.__getitem__, text)) * size / 100
    except KeyError:
        for letter in set(text) - advances.keys():
            advances[letter] = float(font.getlength(letter))
        return sum(map(advances.__getitem__, text)) * size / 100


def fit(text: str, room: float, size: float = 11, bold: bool = False) -> str:
    """The text cut (with an ellipsis) to fit in `room` pixels, or "" when nothing fits."""
    if text_width(text, size, bold) <= room:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + "…", size, bold) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…" if low >= 3 else ""
