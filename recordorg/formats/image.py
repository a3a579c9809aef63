"""Read a picture (JPEG, PNG, TIFF, WebP, BMP, GIF, HEIC, AVIF): size, dates, thumbnail."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import numpy as np
import pillow_heif
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from recordorg.formats.budget import MAX_PIXELS, check_decoded_size, too_many_pixels
from recordorg.formats.calendar_day import plausible_day
from recordorg.formats.extracted import Extracted, FoundDate, PageText, UnreadableFile

THUMBNAIL_SIZE = 256
DRAFT_SIZE = (512, 512)

Image.MAX_IMAGE_PIXELS = MAX_PIXELS
pillow_heif.register_heif_opener()

MIME_BY_FORMAT = {
    "JPEG": "image/jpeg",
    "MPO": "image/jpeg",
    "PNG": "image/png",
    "TIFF": "image/tiff",
    "WEBP": "image/webp",
    "BMP": "image/bmp",
    "DIB": "image/bmp",
    "GIF": "image/gif",
    "HEIF": "image/heic",
    "AVIF": "image/avif",
}
_EXIF_DATE = re.compile(r"^\s*(\d{4})[:\-](\d{2})[:\-](\d{2})")
_PIXELS_IN_MESSAGE = re.compile(r"\((\d+) pixels\)")


def parse_exif_date(value: object) -> str | None:
    """Turn an EXIF date ("2023:04:05 10:15:00") into "2023-04-05"; None if it is nonsense."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    match = _EXIF_DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return plausible_day(year, month, day)


def _exif_dates(exif: Image.Exif) -> list[FoundDate]:
    found: list[FoundDate] = []
    candidates = (
        (exif.get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal), "DateTimeOriginal"),
        (exif.get(ExifTags.Base.DateTime), "DateTime"),
    )
    for raw, detail in candidates:
        iso = parse_exif_date(raw)
        if iso is not None and all(d.value != iso for d in found):
            found.append(FoundDate(iso, "exif", detail=detail))
    return found


def _displayable(im: Image.Image) -> Image.Image:
    """Convert any Pillow mode to L, RGB or RGBA for a thumbnail."""
    if im.mode in ("L", "RGB", "RGBA"):
        return im
    if im.mode in ("LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        return im.convert("RGBA")
    if im.mode.startswith("I") or im.mode == "F":
        values = np.asarray(im, dtype=np.float32)
        low, high = float(values.min()), float(values.max())
        scaled = (values - low) * (255.0 / (high - low) if high > low else 0.0)
        return Image.fromarray(scaled.clip(0, 255).astype(np.uint8), "L")
    return im.convert("RGB")


def _thumbnail(im: Image.Image) -> bytes:
    shown = _displayable(ImageOps.exif_transpose(im))
    shown.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
    out = io.BytesIO()
    shown.save(out, "PNG")
    return out.getvalue()


def _bytes_per_pixel(mode: str) -> int:
    """Pillow keeps one byte a pixel for 1-bit and 8-bit greyscale or palette pictures, two
    for 16-bit greyscale, four for everything else (RGB included)."""
    if mode in ("1", "L", "P"):
        return 1
    return 2 if mode.startswith("I;16") else 4


def _check_pages(im: Image.Image, count: int) -> None:
    """Pillow checks only the first frame's size; check every page of a TIFF."""
    for index in range(count):
        im.seek(index)
        if im.width * im.height > MAX_PIXELS:
            raise too_many_pixels(im.width * im.height)
    im.seek(0)


def _read(im: Image.Image) -> Extracted:
    fmt = im.format or ""
    frames = getattr(im, "n_frames", 1)
    exif = im.getexif()
    orientation = exif.get(ExifTags.Base.Orientation, 1)
    width, height = im.size
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    pages = frames if fmt == "TIFF" else 1
    if fmt == "TIFF" and frames > 1:
        _check_pages(im, frames)
    if fmt in ("JPEG", "MPO"):
        im.draft("RGB", DRAFT_SIZE)
    check_decoded_size(im.width * im.height * _bytes_per_pixel(im.mode), "picture")
    im.load()  # decodes everything: a cut file fails here
    return Extracted(
        kind="image",
        mime=MIME_BY_FORMAT.get(fmt, Image.MIME.get(fmt, "application/octet-stream")),
        pages=[PageText(number, "", "none") for number in range(1, pages + 1)],
        page_count=pages,
        dates=_exif_dates(exif),
        thumbnail_png=_thumbnail(im),
        meta={
            "width": width,
            "height": height,
            "format": fmt,
            "frames": frames,
            "orientation": orientation,
        },
    )


def read_image(path: Path) -> Extracted:
    """Read a picture; raises UnreadableFile if it is damaged, unknown or too large."""
    with Path(path).open("rb") as f:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(f) as im:
                    return _read(im)
        except UnreadableFile:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            match = _PIXELS_IN_MESSAGE.search(str(exc))
            raise too_many_pixels(int(match.group(1)) if match else None) from exc
        except UnidentifiedImageError as exc:
            raise UnreadableFile("This file is not a picture this app can open.") from exc
        except MemoryError as exc:
            raise too_many_pixels(None) from exc
        except Exception as exc:  # a damaged file can make any decoder step fail
            if "truncated" in str(exc):
                raise UnreadableFile(
                    "This picture is damaged and cannot be opened (the file ends too early)."
                ) from exc
            raise UnreadableFile("This picture is damaged and cannot be opened.") from exc
