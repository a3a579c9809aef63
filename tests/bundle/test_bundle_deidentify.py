"""De-identification: DICOM per PS3.15 (names, IDs, dates, UIDs), PDFs and photos, summary."""

from __future__ import annotations

import io
import json
import subprocess
from datetime import datetime
from pathlib import Path

import pydicom
from PIL import Image
from pypdf import PdfReader

from recordorg.bundle.deidentify import Deidentifier
from recordorg.bundle.deidentify_docs import clean_image, strip_pdf
from recordorg.bundle.plan import BundleOptions
from recordorg.samples.dicom import make_series
from recordorg.samples.documents import make_text_pdf
from recordorg.samples.photos import make_letter_photo


def _series(tmp_path: Path) -> list[Path]:
    files = make_series(
        tmp_path / "ct",
        slices=3,
        patient_name="EXAMPLE^MARIA",
        patient_id="RG-0001",
        study_description="CT CHEST FOR MARIA EXAMPLE",
    )
    for path in files:
        ds = pydicom.dcmread(path)
        ds.add_new(0x00091010, "LO", "private vendor note")
        ds.OtherPatientIDs = "NHS 999"
        ds.PatientAddress = "1 Example Street"
        ds.save_as(path)
    return files


def test_dicom_loses_identity_and_keeps_its_structure(tmp_path: Path) -> None:
    files = _series(tmp_path)
    deid = Deidentifier(
        BundleOptions(deidentify=True, date_shift_days=-10, case_code="CASE-ABC123"),
        ["Maria Example", "RG-0001"],
    )
    out = []
    for n, path in enumerate(files):
        ds = pydicom.dcmread(path)
        deid.dataset(ds, study_id="1")
        target = tmp_path / f"out{n}.dcm"
        ds.save_as(target, enforce_file_format=True)
        out.append(pydicom.dcmread(target))
    first, original = out[0], pydicom.dcmread(files[0])
    assert str(first.PatientName) == "CASE-ABC123" and first.PatientID == "CASE-ABC123"
    assert first.PatientBirthDate == "" and first.AccessionNumber == ""
    assert first.ReferringPhysicianName == ""
    for gone in ("OtherPatientIDs", "PatientAddress", "InstitutionName"):
        assert gone not in first, gone
    assert not any(elem.tag.is_private for elem in first)
    assert first.StudyDate == "20250221" and original.StudyDate == "20250303"
    assert first.StudyTime == original.StudyTime  # times kept when dates are shifted
    assert first.StudyDescription == "CT CHEST FOR CASE-ABC123"
    assert first.PatientIdentityRemoved == "YES"
    assert first.LongitudinalTemporalInformationModified == "MODIFIED"
    codes = [item.CodeValue for item in first.DeidentificationMethodCodeSequence]
    assert "113100" in codes and "113107" in codes
    # UIDs remapped consistently: one new study and series UID, distinct new instance UIDs
    assert len({d.StudyInstanceUID for d in out}) == 1
    assert len({d.SeriesInstanceUID for d in out}) == 1
    assert len({d.SOPInstanceUID for d in out}) == 3
    assert first.StudyInstanceUID != original.StudyInstanceUID
    assert first.SOPClassUID == original.SOPClassUID
    assert first.file_meta.MediaStorageSOPInstanceUID == first.SOPInstanceUID
    assert first.PatientSex == original.PatientSex  # Retain Patient Characteristics
    checked = subprocess.run(
        ["dciodvfy", str(tmp_path / "out0.dcm")], capture_output=True, text=True
    )
    assert "Error" not in checked.stdout + checked.stderr, checked.stderr


def test_dates_removed_when_chosen(tmp_path: Path) -> None:
    files = _series(tmp_path)
    deid = Deidentifier(BundleOptions(remove_dates=True, case_code="CASE-X"), [])
    ds = pydicom.dcmread(files[0])
    deid.dataset(ds)
    assert ds.StudyDate == "" and ds.SeriesDate == "" and ds.StudyTime == ""
    assert ds.LongitudinalTemporalInformationModified == "REMOVED"


def test_same_secret_gives_the_same_uids(tmp_path: Path) -> None:
    options = BundleOptions(deidentify=True, case_code="CASE-X")
    one, two = Deidentifier(options, secret=b"k"), Deidentifier(options, secret=b"k")
    assert one.uid("1.2.3.4") == two.uid("1.2.3.4") != Deidentifier(options).uid("1.2.3.4")
    assert one.uid("1.2.840.10008.5.1.4.1.1.2") == "1.2.840.10008.5.1.4.1.1.2"
    assert len(one.uid("1.2.3.4")) <= 64


def test_scrub_replaces_every_form_of_the_name() -> None:
    deid = Deidentifier(
        BundleOptions(deidentify=True, case_code="CASE-Q"), ["Maria Example", "EXAMPLE MARIA"]
    )
    text = "Letter about MARIA EXAMPLE (Mrs Example); Maria's scan. Exampleton stays."
    assert deid.scrub(text) == (
        "Letter about CASE-Q (Mrs CASE-Q); CASE-Q's scan. Exampleton stays."
    )


def test_pdf_metadata_is_stripped(tmp_path: Path) -> None:
    path = make_text_pdf(
        tmp_path / "letter.pdf",
        "Clinic letter",
        ["Dear colleague"],
        creation_date=datetime(2024, 5, 1),
        author="Dr Maria Example",
    )
    assert PdfReader(path).metadata.author == "Dr Maria Example"
    cleaned = strip_pdf(path)
    reader = PdfReader(io.BytesIO(cleaned))
    assert reader.metadata is None or not reader.metadata.author
    assert "/Metadata" not in reader.trailer["/Root"]
    assert b"Maria" not in cleaned
    before = PdfReader(path).trailer["/ID"]
    after = reader.trailer["/ID"]
    assert after[0] != before[0] and after[1] != before[1]  # it cannot be linked to the original
    assert "Dear colleague" in reader.pages[0].extract_text()


def test_photo_metadata_is_dropped(tmp_path: Path) -> None:
    path = make_letter_photo(
        tmp_path / "photo.jpg",
        ["Dear colleague"],
        taken=datetime(2024, 5, 1, 9, 30),
        orientation=6,
        size=(400, 500),
    )
    assert Image.open(path).getexif()
    data, mime = clean_image(path, "image/jpeg")
    cleaned = Image.open(io.BytesIO(data))
    assert mime == "image/jpeg" and not cleaned.getexif()
    assert cleaned.size == (400, 500)  # turned upright before the orientation tag went
    assert b"Exif" not in data[:4096]


def test_deidentified_bundle_names_nobody(deid_bundle: Path) -> None:
    about = json.loads((deid_bundle / "MANIFEST.JSN").read_text())["about"]
    assert about["subject"] == "CASE-TEST42" and about["deidentified"]
    assert about["person"] is None
    assert any("may still identify" in w for w in about["warnings"])
    for name in (
        "INDEX.HTM",
        "README.TXT",
        "FHIR.JSN",
        "IHE_XDM/SUBSET01/METADATA.XML",
        "DICOMDIR",
    ):
        data = (deid_bundle / name).read_bytes()
        assert b"Maria" not in data and b"MARIA" not in data, name
    for path in (deid_bundle / "DICOM").rglob("IM*"):
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        assert str(ds.PatientName) == "CASE-TEST42" and ds.PatientID == "CASE-TEST42"
        assert "MARIA" not in str(ds).upper()


def test_deidentified_bundle_shifts_every_date_by_one_offset(
    deid_bundle: Path, bundle: Path
) -> None:
    plain = json.loads((bundle / "MANIFEST.JSN").read_text())["about"]["records"]
    moved = json.loads((deid_bundle / "MANIFEST.JSN").read_text())["about"]["records"]
    for before, after in zip(plain, moved, strict=True):
        if before["date"]:
            shift = (
                datetime.fromisoformat(after["date"]) - datetime.fromisoformat(before["date"])
            ).days
            assert shift == -100
    index = (deid_bundle / "INDEX.HTM").read_text()
    assert "2023-02-14" not in index and "2022-11-06" in index  # the diagnosis, moved


def test_deidentified_dicomdir_still_validates(deid_bundle: Path) -> None:
    checked = subprocess.run(
        ["dciodvfy", str(deid_bundle / "DICOMDIR")], capture_output=True, text=True
    )
    assert "Error" not in checked.stdout + checked.stderr, checked.stderr
    ds = pydicom.dcmread(deid_bundle / "DICOMDIR")
    series = [r for r in ds.DirectoryRecordSequence if r.DirectoryRecordType == "SERIES"]
    assert len(series) == 3  # series still group after the UIDs were remapped


def test_dates_written_in_words_move_too() -> None:
    from recordorg.bundle.deidentify import move_dates

    shifted = BundleOptions(date_shift_days=-100)
    assert (
        move_dates("MRI — 5 Aug 2024, seen 2024-08-10", shifted)
        == "MRI — 2024-04-27, seen 2024-05-02"
    )
    removed = BundleOptions(remove_dates=True)
    assert move_dates("Letter of 7 August 2024", removed) == "Letter of [date removed]"
    assert move_dates("Letter of 7 August 2024", BundleOptions()) == "Letter of 7 August 2024"


def test_deidentified_titles_carry_no_original_dates(deid_bundle: Path, bundle: Path) -> None:
    import re

    plain = json.loads((bundle / "MANIFEST.JSN").read_text())["about"]["records"]
    moved = json.loads((deid_bundle / "MANIFEST.JSN").read_text())["about"]["records"]
    words = re.compile(r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}")
    assert any(words.search(r["title"]) for r in plain)
    assert not any(words.search(r["title"]) for r in moved)
    index = (deid_bundle / "INDEX.HTM").read_text()
    assert not words.search(index)
