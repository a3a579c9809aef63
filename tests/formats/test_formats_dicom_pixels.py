"""Tests for recordorg.formats.dicom_pixels: decoding every compression, LUTs, windows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.dataset import Dataset
from pydicom.pixels.processing import apply_color_lut

from recordorg.formats.dicom_pixels import (
    WINDOW_PRESETS,
    default_window,
    load_frame,
    render_thumbnail,
    to_display,
)
from recordorg.formats.extracted import UnreadableFile


@pytest.mark.parametrize(
    ("plain", "compressed"),
    [
        ("MR_small.dcm", "MR_small_RLE.dcm"),  # RLE
        ("MR_small.dcm", "MR_small_jp2klossless.dcm"),  # JPEG 2000 lossless
        ("MR_small.dcm", "MR_small_jpeg_ls_lossless.dcm"),  # JPEG-LS lossless
        ("MR_small.dcm", "MR_small_bigendian.dcm"),
        ("SC_rgb_rle.dcm", "SC_rgb_jpeg_gdcm.dcm"),  # JPEG lossless, colour
        ("SC_rgb_rle.dcm", "SC_rgb_gdcm_KY.dcm"),  # JPEG 2000 lossless, colour
        ("SC_rgb.dcm", "SC_rgb_rle.dcm"),  # from pydicom-data when installed
        ("emri_small.dcm", "emri_small_jpeg_2k_lossless.dcm"),
    ],
)
def test_lossless_compression_gives_the_same_pixels(testfile, plain: str, compressed: str):
    expected = load_frame(testfile(plain))
    decoded = load_frame(testfile(compressed))
    assert decoded.dtype == expected.dtype and decoded.shape == expected.shape
    np.testing.assert_array_equal(decoded, expected)


@pytest.mark.parametrize(
    "lossy", ["SC_rgb_jpeg_dcmtk.dcm", "SC_rgb_dcmtk_+eb+cy+s2.dcm", "SC_rgb_jls_lossy_line.dcm"]
)
def test_lossy_colour_is_close(testfile, lossy: str) -> None:
    expected = load_frame(testfile("SC_rgb_rle.dcm")).astype(int)
    decoded = load_frame(testfile(lossy))
    assert decoded.shape == (100, 100, 3) and decoded.dtype == np.uint8
    assert np.abs(decoded.astype(int) - expected).mean() < 1.5


def test_ybr_full_422_is_converted_to_rgb(testfile) -> None:
    expected = load_frame(testfile("SC_rgb_rle.dcm")).astype(int)
    decoded = load_frame(testfile("SC_ybr_full_422_uncompressed.dcm")).astype(int)
    assert np.abs(decoded - expected).max() <= 8


def test_jpeg_extended_twelve_bit(testfile) -> None:
    frame = load_frame(testfile("JPGExtended.dcm"))
    assert frame.shape == (1024, 256) and frame.dtype == np.float32
    assert frame.max() > 255  # 12-bit values survive


def test_palette_colour(testfile) -> None:
    path = testfile("examples_palette.dcm")
    ds = pydicom.dcmread(path)
    expected = apply_color_lut(ds.pixel_array, ds) >> 8
    frame = load_frame(path)
    assert frame.dtype == np.uint8 and frame.shape == (*ds.pixel_array.shape, 3)
    np.testing.assert_array_equal(frame, expected.astype(np.uint8))


def test_rescale_is_applied(tmp_path: Path, write_dicom, ct_pixels) -> None:
    path = tmp_path / "ct.dcm"
    write_dicom(path, ct_pixels, RescaleSlope=2, RescaleIntercept=-1024)
    frame = load_frame(path)
    assert frame.dtype == np.float32
    np.testing.assert_array_equal(frame, ct_pixels.astype(np.float32) * 2 - 1024)


def test_rescale_from_functional_groups(tmp_path: Path, write_dicom, ct_pixels) -> None:
    transform = Dataset()
    transform.RescaleSlope = 1
    transform.RescaleIntercept = -1000
    shared = Dataset()
    shared.PixelValueTransformationSequence = [transform]
    ds = write_dicom(tmp_path / "e.dcm", ct_pixels, SharedFunctionalGroupsSequence=[shared])
    np.testing.assert_array_equal(load_frame(ds), ct_pixels.astype(np.float32) - 1000)


def test_multiframe_picks_the_frame(testfile) -> None:
    path = testfile("SC_rgb_rle_2frame.dcm")
    all_frames = pydicom.dcmread(path).pixel_array
    np.testing.assert_array_equal(load_frame(path, frame=1), all_frames[1])
    with pytest.raises(IndexError):
        load_frame(path, frame=2)


def test_linear_window() -> None:
    values = np.array([[-1000.0, -160.0, 40.0, 240.0, 3000.0]], dtype=np.float32)
    shown = to_display(values, 40, 400)
    assert shown.dtype == np.uint8
    assert shown.tolist() == [[0, 0, 128, 255, 255]]


def test_monochrome1_is_inverted() -> None:
    values = np.linspace(-200, 300, 50, dtype=np.float32).reshape(5, 10)
    normal = to_display(values, 40, 400, "MONOCHROME2")
    inverted = to_display(values, 40, 400, "MONOCHROME1")
    np.testing.assert_array_equal(inverted, 255 - normal)


def test_default_window(testfile, write_dicom, tmp_path: Path, ct_pixels) -> None:
    ds = write_dicom(tmp_path / "w.dcm", ct_pixels, WindowCenter=[40, 400], WindowWidth=[400, 2000])
    assert default_window(ds) == (40.0, 400.0)
    plain = write_dicom(tmp_path / "p.dcm", ct_pixels)
    center, width = default_window(plain)
    low, high = float(ct_pixels.min()), float(ct_pixels.max())
    assert to_display(np.array([[low, high]]), center, width).tolist() == [[0, 255]]
    assert default_window(pydicom.dcmread(testfile("MR_small.dcm"))) == (600.0, 1600.0)


def test_window_presets() -> None:
    assert WINDOW_PRESETS == {
        "Soft tissue": (40, 400),
        "Lung": (-600, 1500),
        "Bone": (400, 1800),
        "Brain": (40, 80),
    }


@pytest.mark.parametrize(
    "name", ["CT_small.dcm", "SC_rgb_jpeg_dcmtk.dcm", "emri_small_RLE.dcm", "examples_palette.dcm"]
)
def test_thumbnail(testfile, png_size, name: str) -> None:
    width, height = png_size(render_thumbnail(testfile(name)))
    assert max(width, height) <= 256 and min(width, height) > 0


def test_thumbnail_of_monochrome1_shows_low_values_white(tmp_path: Path, write_dicom) -> None:
    pixels = np.zeros((16, 16), dtype=np.uint16)
    pixels[:, 8:] = 1000
    path = tmp_path / "cr.dcm"
    write_dicom(path, pixels, photometric="MONOCHROME1")
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(render_thumbnail(path, size=16)))
    assert image.getpixel((0, 0)) == 255 and image.getpixel((15, 0)) == 0


def test_damaged_compressed_image(testfile) -> None:
    with pytest.raises(UnreadableFile, match="damaged and cannot be shown"):
        load_frame(testfile("JPEG2000-embedded-sequence-delimiter.dcm"))


def test_file_without_image(testfile) -> None:
    with pytest.raises(UnreadableFile, match="holds no image"):
        load_frame(testfile("rtplan.dcm"))


def test_decoder_panic_becomes_unreadable(tmp_path: Path, testfile) -> None:
    # pylibjpeg-rle is written in Rust; bad segment offsets make it panic with pyo3's
    # PanicException, which is a BaseException rather than an Exception.
    data = bytearray(testfile("MR_small_RLE.dcm").read_bytes())
    pixel_data = data.find(b"\xe0\x7f\x10\x00")
    rle_header = data.find(b"\xfe\xff\x00\xe0", pixel_data + 20) + 8  # after the offset table
    data[rle_header + 8] = 0x7F  # the second segment now starts past the end
    path = tmp_path / "bad_rle.dcm"
    path.write_bytes(bytes(data))
    with pytest.raises(UnreadableFile, match="damaged and cannot be shown"):
        load_frame(path)
