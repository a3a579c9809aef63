"""Tests for recordorg.formats.dicomdir: files found whatever their case, never off the disc."""

from __future__ import annotations

import os
from pathlib import Path

import pydicom
import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, MediaStorageDirectoryStorage

from recordorg.formats.dicomdir import DicomdirContents, read_dicomdir
from recordorg.formats.extracted import UnreadableFile


def _write_dicomdir(path: Path, file_ids: list[list[str] | str], in_use: list[int] | None = None):
    """A minimal DICOMDIR: one IMAGE record per file ID (plus a PATIENT record)."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = MediaStorageDirectoryStorage
    ds.file_meta.MediaStorageSOPInstanceUID = "1.2.826.0.1.3680043.8.498.9"
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.FileSetID = "TEST"
    patient = Dataset()
    patient.DirectoryRecordType = "PATIENT"
    patient.PatientID = "SYN-001"
    records = [patient]
    for index, file_id in enumerate(file_ids):
        record = Dataset()
        record.DirectoryRecordType = "IMAGE"
        record.ReferencedFileID = file_id
        if in_use is not None:
            record.RecordInUseFlag = in_use[index]
        records.append(record)
    ds.DirectoryRecordSequence = records
    ds.preamble = b"\0" * 128
    pydicom.dcmwrite(path, ds, enforce_file_format=True)
    return path


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"DICM")
    return path


def test_shipped_dicomdir(testfile) -> None:
    dicomdir = testfile("dicomdirtests/DICOMDIR")
    contents = read_dicomdir(dicomdir)
    assert contents.missing == [] and contents.refused == []
    assert len(contents.files) == 31
    assert dicomdir.parent / "77654033" / "CR1" / "6154" in contents.files
    assert all(path.is_file() for path in contents.files)


def test_names_are_matched_whatever_their_case(tmp_path: Path) -> None:
    medium = tmp_path / "cd"
    first = _touch(medium / "dicom" / "st000001" / "im000001")
    second = _touch(medium / "DICOM" / "ST000001" / "IM000002;1")  # ISO 9660 version suffix
    third = _touch(medium / "dicom" / "st000001" / "Im000003.")
    dicomdir = _write_dicomdir(
        medium / "DICOMDIR",
        [
            ["DICOM", "ST000001", "IM000001"],
            ["DICOM", "ST000001", "IM000002"],
            "DICOM\\ST000001\\IM000003",  # a single string with separators
            ["DICOM", "ST000001", "IM000004"],
        ],
    )
    contents = read_dicomdir(dicomdir)
    assert contents == DicomdirContents(
        files=[first, second, third], missing=["DICOM/ST000001/IM000004"], refused=[]
    )


@pytest.mark.filterwarnings("ignore:Invalid value for VR CS")  # pydicom dislikes ".." too
def test_paths_leaving_the_medium_are_refused(tmp_path: Path) -> None:
    medium = tmp_path / "cd"
    _touch(tmp_path / "secret")
    _touch(medium / "IM1")
    dicomdir = _write_dicomdir(
        medium / "DICOMDIR", [["..", "secret"], ["IM1"], "/etc/passwd", ["C:", "WINDOWS"]]
    )
    contents = read_dicomdir(dicomdir)
    assert contents.files == [medium / "IM1"]
    assert contents.refused == ["../secret", "/etc/passwd", "C:/WINDOWS"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_links_leaving_the_medium_are_refused(tmp_path: Path) -> None:
    medium = tmp_path / "cd"
    _touch(tmp_path / "outside" / "IM1")
    medium.mkdir()
    (medium / "DICOM").symlink_to(tmp_path / "outside", target_is_directory=True)
    contents = read_dicomdir(_write_dicomdir(medium / "DICOMDIR", [["DICOM", "IM1"]]))
    assert (contents.files, contents.refused) == ([], ["DICOM/IM1"])


def test_deleted_records_and_duplicates_are_skipped(tmp_path: Path) -> None:
    medium = tmp_path / "cd"
    kept = _touch(medium / "IM1")
    _touch(medium / "IM2")
    ids = [["IM1"], ["IM2"], ["IM1"]]
    dicomdir = _write_dicomdir(medium / "DICOMDIR", ids, in_use=[0xFFFF, 0, 0xFFFF])
    assert read_dicomdir(dicomdir).files == [kept]


def test_truncated_dicomdir(tmp_path: Path, testfile) -> None:
    data = testfile("dicomdirtests/DICOMDIR").read_bytes()
    cut = tmp_path / "DICOMDIR"
    cut.write_bytes(data[: len(data) // 2 + 3])
    with pytest.raises(UnreadableFile, match="incomplete"):
        read_dicomdir(cut)
