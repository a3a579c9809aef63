"""Write phone-photo-like images of letters (with EXIF) and multi-page scanned TIFFs."""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path

import numpy as np
from PIL import Image, ImageChops

from recordorg.samples.render import render_page

FORMATS = {
    "JPEG": ".jpg",
    "PNG": ".png",
    "TIFF": ".tif",
    "WEBP": ".webp",
    "BMP": ".bmp",
    "HEIC": ".heic",
}
# How to turn an upright picture into stored pixels that a viewer shows upright once it
# applies the EXIF orientation (the inverse of what ImageOps.exif_transpose does).
TO_STORED = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
ALIASES = {"JPG": "JPEG", "TIF": "TIFF", "HEIF": "HEIC"}
TABLE = (96, 84, 72)


def _exif(taken: datetime | None, orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "ExamplePhone Inc."  # Make
    exif[0x0110] = "Example Phone 12"  # Model
    exif[0x0112] = orientation
    if taken is not None:
        stamp = taken.strftime("%Y:%m:%d %H:%M:%S")
        exif[0x0132] = stamp  # DateTime
        ifd = exif.get_ifd(0x8769)
        ifd[0x9003] = stamp  # DateTimeOriginal
        ifd[0x9004] = stamp  # DateTimeDigitized
    return exif


def _photograph(
    lines: list[str], size: tuple[int, int], skew_degrees: float, noise: bool, seed: int
) -> Image.Image:
    """An upright RGB photo of a sheet of paper lying on a table."""
    width, height = size
    page = render_page(lines, (int(width * 0.86), int(height * 0.86)), paper=236, ink=28)
    mask = Image.new("L", page.size, 255)
    if skew_degrees:
        page = page.rotate(skew_degrees, Image.Resampling.BILINEAR, expand=True)
        mask = mask.rotate(skew_degrees, Image.Resampling.BILINEAR, expand=True)
    photo = Image.new("RGB", size, TABLE)
    photo.paste(page, ((width - page.width) // 2, (height - page.height) // 2), mask)
    # Uneven light: brightest near the upper left, computed small and scaled up.
    yy, xx = np.mgrid[0:64, 0:64] / 63.0
    light = 255 * (1.0 - 0.12 * np.hypot(xx - 0.35, yy - 0.3))
    shade = Image.fromarray(light.astype(np.uint8), "L").resize(size, Image.Resampling.BILINEAR)
    photo = ImageChops.multiply(photo, Image.merge("RGB", [shade] * 3))
    if noise:
        rng = np.random.default_rng(seed)
        grain = rng.integers(-5, 6, size=(height, width, 1), dtype=np.int16)
        pixels = np.asarray(photo, dtype=np.int16) + grain
        photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB")
    return photo


def make_letter_photo(
    path: str | Path,
    lines: list[str],
    fmt: str = "JPEG",
    taken: datetime | None = None,
    orientation: int = 1,
    size: tuple[int, int] = (1600, 2000),
    skew_degrees: float = 0.0,
    noise: bool = True,
    seed: int = 0,
) -> Path:
    """Write a photo of a letter; `size` is the upright picture, stored pixels follow EXIF.

    EXIF (Make, Model, Orientation, DateTime and DateTimeOriginal when `taken` is given) is
    written for JPEG, PNG, TIFF, WEBP and HEIC; BMP has no EXIF, so it is stored upright.
    HEIC keeps the orientation as a HEIF transform: pillow_heif decodes it upright and
    reports the tag in ``info["original_orientation"]``.
    """
    fmt = ALIASES.get(fmt.upper(), fmt.upper())
    if fmt not in FORMATS:
        raise ValueError(f"unsupported photo format {fmt!r}")
    if orientation not in range(1, 9):
        raise ValueError("EXIF orientation must be 1 to 8")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    upright = _photograph(lines, size, skew_degrees, noise, seed)
    if fmt == "BMP":
        upright.save(path, "BMP")
        return path
    stored = upright.transpose(TO_STORED[orientation]) if orientation != 1 else upright
    exif = _exif(taken, orientation).tobytes()
    if fmt == "HEIC":
        from pillow_heif import register_heif_opener

        register_heif_opener()
        stored.save(path, "HEIF", exif=exif, quality=80)
    elif fmt == "JPEG":
        stored.save(path, "JPEG", exif=exif, quality=85)
    elif fmt == "WEBP":
        stored.save(path, "WEBP", exif=exif, quality=80)
    elif fmt == "TIFF":
        stored.save(path, "TIFF", exif=exif)  # libtiff compression drops the EXIF IFD
    else:
        stored.save(path, fmt, exif=exif)
    return path


def make_multipage_tiff(
    path: str | Path, pages: list[list[str]], dpi: int = 150, bilevel: bool = True
) -> Path:
    """Write a multi-page scan: one A4 page per list of lines (fax-style Group 4 if bilevel)."""
    if not pages:
        raise ValueError("a multi-page TIFF needs at least one page")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    size = (int(210 / 25.4 * dpi), int(297 / 25.4 * dpi))
    rng = random.Random(len(pages))
    images = []
    for lines in pages:
        page = render_page(lines, size, paper=255, ink=0)
        page = page.rotate(rng.uniform(-0.8, 0.8), fillcolor=255)
        images.append(page.convert("1") if bilevel else page)
    options = {"compression": "group4"} if bilevel else {"compression": "tiff_lzw"}
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:], dpi=(dpi, dpi), **options)
    return path
