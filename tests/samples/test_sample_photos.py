"""Phone-photo samples read back with Pillow: formats, EXIF dates and orientation."""

from datetime import datetime
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps, TiffImagePlugin

from recordorg.samples.photos import make_letter_photo, make_multipage_tiff
from recordorg.samples.render import find_truetype_font, load_font

LINES = ["Riverside General Hospital", "Dear Dr. Fictitious,", "Plan: letrozole."]
SIZE = (300, 400)  # upright width × height
TAKEN = datetime(2024, 5, 16, 19, 30, 2)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF", "WEBP"])
def test_exif_date_and_orientation(tmp_path: Path, fmt: str) -> None:
    path = make_letter_photo(
        tmp_path / f"photo.{fmt.lower()}", LINES, fmt=fmt, taken=TAKEN, orientation=6, size=SIZE
    )
    with Image.open(path) as image:
        assert image.format == fmt
        exif = image.getexif()
        assert exif[0x0112] == 6
        assert exif.get_ifd(0x8769)[0x9003] == "2024:05:16 19:30:02"
        assert exif[0x0132] == "2024:05:16 19:30:02"
        assert ImageOps.exif_transpose(image).size == SIZE


def test_heic_keeps_date_and_orientation(tmp_path: Path) -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    path = make_letter_photo(
        tmp_path / "IMG_1.HEIC",
        LINES,
        fmt="HEIC",
        taken=TAKEN,
        orientation=6,
        size=SIZE,
        noise=False,
    )
    with Image.open(path) as image:
        assert image.format == "HEIF"
        assert image.size == SIZE  # libheif applies the rotation while decoding
        assert image.info["original_orientation"] == 6
        assert image.getexif().get_ifd(0x8769)[0x9003] == "2024:05:16 19:30:02"


def test_bmp_has_no_exif_and_is_stored_upright(tmp_path: Path) -> None:
    path = make_letter_photo(
        tmp_path / "photo.bmp", LINES, fmt="BMP", taken=TAKEN, orientation=6, size=SIZE
    )
    with Image.open(path) as image:
        assert image.format == "BMP" and image.size == SIZE
        assert 0x0112 not in image.getexif()


def test_every_orientation_displays_the_same_upright_picture(tmp_path: Path) -> None:
    upright = make_letter_photo(tmp_path / "o1.png", LINES, fmt="PNG", size=SIZE, seed=5)
    reference = np.asarray(Image.open(upright))
    for orientation in range(2, 9):
        path = make_letter_photo(
            tmp_path / f"o{orientation}.png",
            LINES,
            fmt="PNG",
            orientation=orientation,
            size=SIZE,
            seed=5,
        )
        with Image.open(path) as image:
            stored = np.asarray(image)
            shown = np.asarray(ImageOps.exif_transpose(image))
        assert not np.array_equal(stored, reference)
        assert np.array_equal(shown, reference), orientation


def test_photo_looks_like_paper_on_a_table(tmp_path: Path) -> None:
    path = make_letter_photo(tmp_path / "p.jpg", LINES, size=SIZE, skew_degrees=4.0)
    pixels = np.asarray(Image.open(path).convert("L"), dtype=float)
    centre, corner = pixels[150:250, 100:200].mean(), pixels[:8, :8].mean()
    assert centre > 150 > corner  # bright paper, darker table showing around it
    assert pixels.min() < 100  # there is dark ink


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        make_letter_photo(tmp_path / "x.gif", LINES, fmt="GIF")
    with pytest.raises(ValueError):
        make_letter_photo(tmp_path / "x.jpg", LINES, orientation=9)


def test_multipage_tiff(tmp_path: Path) -> None:
    path = make_multipage_tiff(tmp_path / "scan.tif", [LINES, ["Page two"], ["Page three"]])
    with Image.open(path) as image:
        assert isinstance(image, TiffImagePlugin.TiffImageFile)
        assert image.n_frames == 3 and image.mode == "1"
        assert image.info["compression"] == "group4"


def test_fonts_are_found_or_fall_back() -> None:
    font_path = find_truetype_font()
    assert font_path is None or font_path.is_file()
    assert load_font(24).getbbox("Example")[2] > 24
