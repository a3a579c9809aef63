"""Readers stay inside a memory budget: what a file would decode to is checked from what it
declares (pixels, PDF parts, DICOM frames) before anything is decoded, with a clear reason."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from recordorg.formats import budget
from recordorg.formats.dicom import read_dicom
from recordorg.formats.dicom_frames import preview_dataset
from recordorg.formats.dicom_pixels import render_thumbnail
from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.image import read_image
from recordorg.formats.pdf import read_pdf
from recordorg.samples.dicom import make_series
from tests.samplemakers.hostile import bomb_dicom, bomb_pdf, encrypted_bomb_pdf, picture_bomb_pdf


def test_a_pdf_flate_bomb_is_refused_before_pdfium_unpacks_it(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(bomb_pdf(1 << 30))
    assert path.stat().st_size < 1_200_000
    started = time.monotonic()
    with pytest.raises(UnreadableFile, match=r"would need about 2\.0 GB of memory to read"):
        read_pdf(path)
    assert time.monotonic() - started < 10  # counted up to the budget, not to the end


def test_an_encrypted_pdf_flate_bomb_is_refused_too(tmp_path: Path) -> None:
    """Encrypted parts cannot be inflated as they lie on disk: they are decrypted first."""
    path = tmp_path / "encrypted_bomb.pdf"
    path.write_bytes(encrypted_bomb_pdf())
    with pytest.raises(UnreadableFile, match=r"would need more than 143\.1 MB of memory"):
        read_pdf(path)


def test_a_pdf_picture_over_the_photo_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "picture.pdf"
    path.write_bytes(picture_bomb_pdf())
    with pytest.raises(UnreadableFile, match=r"too large to open safely \(400 megapixels\)"):
        read_pdf(path)


def test_a_pdf_whose_parts_fit_the_budget_reads(tmp_path: Path) -> None:
    path = tmp_path / "fits.pdf"
    path.write_bytes(bomb_pdf(8 << 20))  # 8 MiB of white space on a page
    assert read_pdf(path).page_count == 1


def test_a_picture_that_would_not_fit_the_budget_says_how_much_it_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "DECODED_BUDGET", 8 << 20)
    path = tmp_path / "big.png"
    Image.fromarray(np.zeros((2000, 2000, 4), np.uint8), "RGBA").save(path)
    with pytest.raises(UnreadableFile, match=r"would need about 15\.3 MB"):
        read_image(path)
    small = tmp_path / "small.png"
    Image.new("RGBA", (1000, 1000)).save(small)
    assert read_image(small).meta["width"] == 1000


def test_dicom_with_huge_compressed_pixels_is_refused_from_its_header(tmp_path: Path) -> None:
    path = bomb_dicom(tmp_path / "bomb.dcm", compressed=160 << 20)
    with pytest.raises(UnreadableFile, match=r"would need about 320\.0 MB of memory to read"):
        read_dicom(path)
    fits = bomb_dicom(tmp_path / "fits.dcm", compressed=1 << 20)
    assert read_dicom(fits).rows == 128


def test_a_dicom_frame_over_the_budget_is_refused_from_its_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (path,) = make_series(tmp_path, slices=1)
    monkeypatch.setattr(budget, "DECODED_BUDGET", 1024)
    with pytest.raises(UnreadableFile, match=r"This scan image would need about"):
        read_dicom(path)


@pytest.mark.parametrize(
    "name", ["rtdose.dcm", "rtdose_expb.dcm", "examples_ybr_color.dcm", "SC_rgb_rle_2frame.dcm"]
)
def test_a_preview_of_a_file_over_the_budget_reads_its_first_frame_only(
    testfile, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = testfile(name)
    whole = render_thumbnail(path)
    monkeypatch.setattr(budget, "DECODED_BUDGET", 1024)
    ds = preview_dataset(path)
    assert int(ds.get("NumberOfFrames") or 1) == 1
    if not ds.file_meta.TransferSyntaxUID.is_encapsulated:
        assert len(ds.PixelData) == ds.Rows * ds.Columns * ds.BitsAllocated // 8
    assert render_thumbnail(path) == whole
