"""Finding how far a page of text is tilted, from how sharply its lines of ink line up."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter

WORK_SIZE = 900  # the page is measured on a copy this many pixels on its longest side
MAX_ANGLE = 15.0


def ink_mask(image: Image.Image) -> Image.Image:
    """White where a pixel is clearly darker than the paper around it (text), else black.

    Comparing with the local background ignores a dark table around a photographed page and
    uneven light."""
    small = image.convert("L")
    small.thumbnail((WORK_SIZE, WORK_SIZE))
    # the paper's own lightness nearby (computed at half size: PIL's big rank filters are slow)
    background = small.reduce(2).filter(ImageFilter.MaxFilter(7)).resize(small.size)
    # paper: where the background is light all around (not the edge of a table or a shadow)
    around = background.reduce(4).filter(ImageFilter.MinFilter(9)).resize(small.size)
    pixels = np.asarray(small, dtype=np.int16)
    paper = np.asarray(background, dtype=np.int16)
    ink = (pixels < paper * 0.72) & (np.asarray(around) > 140)
    return Image.fromarray((ink * 255).astype(np.uint8), "L")


def _sharpness(mask: Image.Image, angle: float) -> float:
    """How much the row sums vary (relative to their mean): high when lines of text are level."""
    turned = mask.rotate(angle, Image.Resampling.NEAREST, fillcolor=0) if angle else mask
    rows = np.asarray(turned, dtype=np.float32).sum(axis=1)
    mean = float(rows.mean())
    return float(rows.var()) / (mean * mean) if mean > 0 else 0.0


def _best(mask: Image.Image, angles: np.ndarray) -> tuple[float, float]:
    scored = [(_sharpness(mask, float(a)), float(a)) for a in angles]
    sharpness, angle = max(scored)
    return angle, sharpness


def skew_angle(image: Image.Image, max_angle: float = MAX_ANGLE) -> tuple[float, bool]:
    """Degrees to turn the page counter-clockwise (PIL's rotate) to make its lines level, and
    whether the lines run up the page (a page photographed sideways)."""
    mask = ink_mask(image)
    if not np.asarray(mask).any():
        return 0.0, False
    coarse = np.arange(-max_angle, max_angle + 0.01, 0.5)
    small = mask.reduce(2)
    small_side = small.transpose(Image.Transpose.ROTATE_90)
    level, level_sharpness = _best(small, coarse)
    side, side_sharpness = _best(small_side, coarse)
    sideways = side_sharpness > level_sharpness
    if sideways:
        mask, level = mask.transpose(Image.Transpose.ROTATE_90), side
    angle, _ = _best(mask, np.arange(level - 0.5, level + 0.51, 0.1))
    return round(angle, 2), bool(sideways)
