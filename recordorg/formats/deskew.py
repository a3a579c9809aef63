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
    background = small.filter(ImageFilter.MaxFilter(15))
    pixels = np.asarray(small, dtype=np.int16)
    paper = np.asarray(background, dtype=np.int16)
    ink = (pixels < paper * 0.72) & (paper > 80)
    return Image.fromarray((ink * 255).astype(np.uint8), "L")


def _sharpness(mask: Image.Image, angle: float) -> float:
    turned = mask.rotate(angle, Image.Resampling.NEAREST, fillcolor=0)
    rows = np.asarray(turned, dtype=np.float32).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def skew_angle(image: Image.Image, max_angle: float = MAX_ANGLE) -> tuple[float, bool]:
    """Degrees to turn the page counter-clockwise (PIL's rotate) to make its lines level, and
    whether the lines run up the page (a page photographed sideways)."""
    mask = ink_mask(image)
    if not np.asarray(mask).any():
        return 0.0, False
    sideways = _sharpness(mask.transpose(Image.Transpose.ROTATE_90), 0) > _sharpness(mask, 0)
    if sideways:
        mask = mask.transpose(Image.Transpose.ROTATE_90)
    steps = np.arange(-max_angle, max_angle + 0.01, 0.5)
    coarse = max(steps, key=lambda a: _sharpness(mask, float(a)))
    fine = np.arange(coarse - 0.5, coarse + 0.51, 0.1)
    best = max(fine, key=lambda a: _sharpness(mask, float(a)))
    return round(float(best), 2), bool(sideways)
