"""Tests for recordorg.formats.image: pictures, EXIF dates and orientation, damage, bombs."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pillow_heif
import pytest
from PIL import ExifTags, Image, features

from recordorg.formats.extracted import FoundDate, PageText, UnreadableFile
from recordorg.formats.image import parse_exif_date, read_image


def _exif(orientation: int = 1, taken: str = "", changed: str = "") -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    if changed:
        exif[ExifTags.Base.DateTime] = changed
    if taken:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken
    return exif.tobytes()


def _half_red_half_blue(width: int = 40, height: int = 20) -> Image.Image:
    im = Image.new("RGB", (width, height), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, width // 2, height))
    return im


def _thumbnail(data: bytes | None) -> Image.Image:
    assert data is not None and data.startswith(b"\x89PNG")
    im = Image.open(io.BytesIO(data))
    im.load()
    return im.convert("RGB")


def test_jpeg_with_exif_dates(tmp_path: Path) -> None:
    path = tmp_path / "letter.jpg"
    exif = _exif(taken="2023:04:05 10:15:00", changed="2023:05:01 08:00:00")
    _half_red_half_blue().save(path, "JPEG", exif=exif)
    result = read_image(path)
    assert (result.kind, result.mime, result.page_count) == ("image", "image/jpeg", 1)
    assert result.pages == [PageText(1, "", "none")]
    assert result.dates == [
        FoundDate("2023-04-05", "exif", detail="DateTimeOriginal"),
        FoundDate("2023-05-01", "exif", detail="DateTime"),
    ]
    assert (result.meta["width"], result.meta["height"], result.meta["format"]) == (40, 20, "JPEG")


def test_exif_orientation_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    # Orientation 6: the stored picture must be turned 90 degrees clockwise to be seen upright.
    _half_red_half_blue().save(path, "JPEG", exif=_exif(orientation=6), quality=95)
    result = read_image(path)
    assert (result.meta["width"], result.meta["height"]) == (20, 40)
    thumb = _thumbnail(result.thumbnail_png)
    assert thumb.size == (20, 40)
    top, bottom = thumb.getpixel((10, 5)), thumb.getpixel((10, 35))
    assert top[0] > 200 and top[2] < 60  # the left (red) half is now on top
    assert bottom[2] > 200 and bottom[0] < 60


def test_large_jpeg_thumbnail_is_at_most_256(tmp_path: Path, png_size) -> None:
    path = tmp_path / "big.jpg"
    Image.linear_gradient("L").resize((3000, 2000)).convert("RGB").save(path, "JPEG")
    result = read_image(path)
    assert png_size(result.thumbnail_png) == (256, 171)
    assert (result.meta["width"], result.meta["height"]) == (3000, 2000)


def test_multipage_tiff(tmp_path: Path) -> None:
    path = tmp_path / "fax.tif"
    pages = [Image.new("L", (30, 40), shade) for shade in (0, 128, 255)]
    pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:])
    result = read_image(path)
    assert (result.mime, result.page_count) == ("image/tiff", 3)
    assert result.pages == [PageText(n, "", "none") for n in (1, 2, 3)]
    assert _thumbnail(result.thumbnail_png).getpixel((0, 0)) == (0, 0, 0)  # first page


def test_heic_photo(tmp_path: Path, png_size) -> None:
    pillow_heif.register_heif_opener()
    path = tmp_path / "IMG_0001.HEIC"
    _half_red_half_blue(64, 32).save(path, "HEIF", exif=_exif(taken="2024:02:29 12:00:00"))
    result = read_image(path)
    assert (result.mime, result.meta["format"]) == ("image/heic", "HEIF")
    assert (result.meta["width"], result.meta["height"]) == (64, 32)
    assert result.dates == [FoundDate("2024-02-29", "exif", detail="DateTimeOriginal")]
    assert png_size(result.thumbnail_png) == (64, 32)


@pytest.mark.parametrize(
    ("fmt", "mime"),
    [("PNG", "image/png"), ("WEBP", "image/webp"), ("BMP", "image/bmp"), ("GIF", "image/gif")],
)
def test_other_picture_formats(tmp_path: Path, png_size, fmt: str, mime: str) -> None:
    path = tmp_path / f"x.{fmt.lower()}"
    _half_red_half_blue(300, 150).save(path, fmt)
    result = read_image(path)
    assert result.mime == mime
    assert png_size(result.thumbnail_png) == (256, 128)


@pytest.mark.skipif(not features.check("avif"), reason="Pillow built without AVIF")
def test_avif_photo(tmp_path: Path, png_size) -> None:
    path = tmp_path / "photo.avif"
    _half_red_half_blue(64, 32).save(path, "AVIF")
    result = read_image(path)
    assert (result.mime, png_size(result.thumbnail_png)) == ("image/avif", (64, 32))


def test_sixteen_bit_grey_png(tmp_path: Path, png_size) -> None:
    path = tmp_path / "xray.png"
    values = (np.arange(64 * 64, dtype=np.uint16) * 16).reshape(64, 64)
    Image.fromarray(values).save(path)
    result = read_image(path)
    assert png_size(result.thumbnail_png) == (64, 64)
    assert _thumbnail(result.thumbnail_png).getpixel((63, 63))[0] == 255


def test_truncated_jpeg(tmp_path: Path) -> None:
    source = io.BytesIO()
    Image.effect_noise((256, 256), 60).convert("RGB").save(source, "JPEG")
    path = tmp_path / "cut.jpg"
    path.write_bytes(source.getvalue()[: len(source.getvalue()) // 2])
    with pytest.raises(UnreadableFile, match=r"damaged.*\(the file ends too early\)"):
        read_image(path)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_decompression_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    header = struct.pack(">IIBBBBB", 20_000, 10_000, 1, 0, 0, 0, 0)  # 200 megapixels, 1-bit
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + _png_chunk(b"IEND", b"")
    )
    with pytest.raises(UnreadableFile, match=r"too large to open safely \(200 megapixels\)"):
        read_image(path)


def test_not_a_picture(tmp_path: Path) -> None:
    path = tmp_path / "notes.jpg"
    path.write_bytes(b"just some words")
    with pytest.raises(UnreadableFile, match="not a picture"):
        read_image(path)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("2023:04:05 10:15:00", "2023-04-05"),
        (b"2021:12:31 23:59:59\x00", "2021-12-31"),
        ("0000:00:00 00:00:00", None),
        ("2023:02:30 00:00:00", None),
        ("    :  :     :  :  ", None),
        (None, None),
    ],
)
def test_parse_exif_date(raw: object, iso: str | None) -> None:
    assert parse_exif_date(raw) == iso
