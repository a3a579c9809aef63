"""Every compressed transfer syntax a hospital disc carries imports and gets a preview,
using the real sample files pydicom ships (listed directly: no download)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom
import pytest

from recordorg.core.catalogue import records
from tests.jobs.conftest import run_import

SAMPLES = Path(pydicom.__file__).parent / "data" / "test_files"
FILES = {
    "JPEG baseline": "SC_rgb_jpeg_dcmtk.dcm",
    "JPEG extended": "JPGExtended.dcm",
    "JPEG extended 12-bit, scan header forgiven by other viewers": "JPEG-lossy.dcm",
    "JPEG lossless": "SC_rgb_jpeg_gdcm.dcm",
    "JPEG-LS": "MR_small_jpeg_ls_lossless.dcm",
    "JPEG 2000": "JPEG2000.dcm",
    "RLE": "MR_small_RLE.dcm",
}


@pytest.mark.parametrize("syntax", sorted(FILES))
def test_compressed_study_imports_with_preview(library, tmp_path: Path, syntax: str) -> None:
    source = SAMPLES / FILES[syntax]
    if not source.exists():
        pytest.fail(f"pydicom no longer ships {source.name}")
    disc = tmp_path / "disc"
    disc.mkdir()
    shutil.copy(source, disc / "IM000001")  # no extension, as on a disc
    report = run_import(library, [disc])
    assert not report.failed, report.to_json()
    (study,) = records.list_records(library.connection(), records.RecordFilter(kind="dicom"))
    assert study.instance_count == 1
    syntax_uid = pydicom.dcmread(source, stop_before_pixels=True).file_meta.TransferSyntaxUID
    stored = library.connection().execute("SELECT transfer_syntax FROM dicom_instances")
    assert stored.fetchone()[0] == str(syntax_uid)
    thumbnail = library.thumbnail_path(study.id)
    assert thumbnail.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
