"""12-bit JPEG whose scan header other viewers forgive (pydicom's JPEG-lossy.dcm) decodes;
a frame no decoder can read fails in words, without tracebacks in the log."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest

from recordorg.formats.dicom_jpeg import repaired_scan_header
from recordorg.formats.dicom_pixels import DAMAGED_IMAGE, load_frame, render_thumbnail
from recordorg.formats.extracted import UnreadableFile
from tests.samplemakers.hostile import damaged_jpeg_dicom


def test_12_bit_jpeg_with_a_forgiven_scan_header_decodes(testfile, tmp_path: Path) -> None:
    source = testfile("JPEG-lossy.dcm")
    frame = load_frame(source, 0)
    assert frame.shape == (1024, 256)
    assert frame.max() > 200 and frame.min() == 0
    assert render_thumbnail(source)[:8] == b"\x89PNG\r\n\x1a\n"
    if shutil.which("dcmdjpeg") is None:
        pytest.skip("DCMTK's dcmdjpeg is not installed to compare with")
    decoded = tmp_path / "decoded.dcm"
    subprocess.run(["dcmdjpeg", str(source), str(decoded)], check=True, capture_output=True)
    expected = pydicom.dcmread(decoded).pixel_array.astype(np.float32)
    assert np.abs(frame - expected).max() <= 2  # the two libjpegs round the IDCT apart


def test_only_a_sequential_scan_header_is_repaired(testfile) -> None:
    ds = pydicom.dcmread(testfile("JPEG-lossy.dcm"))
    codestream = next(pydicom.encaps.generate_frames(ds.PixelData, number_of_frames=1))
    repaired = repaired_scan_header(codestream)
    assert repaired is not None and len(repaired) == len(codestream)
    assert repaired_scan_header(repaired) is None  # already as the standard says
    assert repaired_scan_header(b"\xff\xd8" + bytes(100)) is None


def test_an_undecodable_frame_fails_in_words_without_tracebacks(
    testfile, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    damaged = damaged_jpeg_dicom(testfile("JPEG-lossy.dcm"), tmp_path / "damaged.dcm")
    with caplog.at_level(logging.DEBUG), pytest.raises(UnreadableFile) as error:
        load_frame(damaged, 0)
    assert str(error.value) == DAMAGED_IMAGE
    assert not [r for r in caplog.records if r.exc_info], caplog.text
