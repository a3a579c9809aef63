"""Planning a bundle, file names, the DICOMDIR writer's rules, and stopping an export."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pydicom
import pytest

from recordorg.bundle.dicom_media import MediaInstance, media_instance
from recordorg.bundle.dicomdir_writer import NO_DATE, dicomdir_bytes, write_dicomdir
from recordorg.bundle.names import dicom_file_id, document_name, file_set_id
from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.records import RecordFilter
from recordorg.core.errors import UserError
from recordorg.core.progress import CancelToken
from recordorg.jobs.export import export_bundle
from recordorg.samples.dicom import make_series
from tests.bundle.conftest import PERSON, strip_dates


def test_names_are_upper_case_8_3_and_ps3_10_file_ids() -> None:
    assert document_name(7, "application/pdf") == "DOC00007.PDF"
    assert document_name(12, "image/heic") == "DOC00012.HEI"
    assert document_name(3, "application/x-unknown", "scan.tiff") == "DOC00003.TIF"
    assert document_name(4, "", "notes") == "DOC00004.BIN"
    assert dicom_file_id(1, 2, 345) == ["DICOM", "ST000001", "SE000002", "IM000345"]
    assert file_set_id("case-7kq3rx") == "CASE_7KQ3RX"
    with pytest.raises(ValueError):
        dicom_file_id(1, 1, 1_000_000)


def test_plan_orders_and_numbers_records(demo_library: Path) -> None:
    library = Library.open(demo_library)
    try:
        plan = plan_bundle(library, person=PERSON)
        dates = [p.record.clinical_date for p in plan.records if p.record.clinical_date]
        assert dates == sorted(dates)
        assert [p.number for p in plan.records] == list(range(1, len(plan.records) + 1))
        studies = [p for p in plan.records if p.record.kind == "dicom"]
        assert [p.study_number for p in studies] == [1, 2, 3]
        assert all(p.document is None and p.instances for p in studies)
        newest = plan_bundle(library, person=PERSON, order="newest")
        assert newest.records[0].record.clinical_date == dates[-1]
        assert plan.records[-1].record.clinical_date is None  # undated last, either way
        assert newest.records[-1].record.clinical_date is None
        ids = [plan.records[2].record.id, plan.records[0].record.id]
        by_hand = plan_bundle(library, ids=ids)
        assert [p.record.id for p in by_hand.records] == ids
        with pytest.raises(UserError, match="nothing to export"):
            plan_bundle(library, person=PERSON, flt=RecordFilter(category="radiotherapy"))
    finally:
        library.close()


def test_plan_refuses_unknown_records_and_two_people(demo_library: Path, tmp_path: Path) -> None:
    import shutil

    from recordorg.core.catalogue.editing import RecordChange, apply_change

    copy = tmp_path / "lib"
    shutil.copytree(demo_library, copy)
    library = Library.open(copy)
    try:
        with pytest.raises(UserError, match="no record 999999"):
            plan_bundle(library, ids=[999_999])
        conn = library.connection()
        first = conn.execute("SELECT min(id) FROM records").fetchone()[0]
        apply_change(conn, [first], RecordChange(person="Someone Else"))
        with pytest.raises(UserError, match="one person"):
            plan_bundle(library)
    finally:
        library.close()


def test_options_default_to_a_secret_random_date_shift_when_deidentifying() -> None:
    options = BundleOptions(deidentify=True)
    assert not options.remove_dates and options.case_code.startswith("CASE-")
    shifts = {BundleOptions(deidentify=True).date_shift_days for _ in range(20)}
    assert len(shifts) > 10 and all(-3652 <= s <= -365 for s in shifts)  # fresh each export
    moved = options.bundle_date("2024-05-01")
    assert moved and moved != "2024-05-01"
    removed = BundleOptions(deidentify=True, remove_dates=True)
    assert removed.date_shift_days is None and removed.bundle_date("2024-05-01") is None
    shifted = BundleOptions(date_shift_days=30)
    assert shifted.deidentify and shifted.bundle_date("2024-05-01") == "2024-05-31"
    with pytest.raises(UserError):
        BundleOptions(date_shift_days=3, remove_dates=True)


def _instances(tmp_path: Path, **kwargs) -> list[MediaInstance]:
    files = make_series(tmp_path / "s", slices=3, **kwargs)
    return [
        media_instance(pydicom.dcmread(p, stop_before_pixels=True), dicom_file_id(1, 1, n))
        for n, p in enumerate(files, 1)
    ]


def test_study_without_study_date_uses_its_images_date(tmp_path: Path) -> None:
    instances = _instances(tmp_path, study_date="20240610")
    for inst in instances:
        inst.study_date, inst.study_time, inst.study_id = "", "", ""
    data, count, notes = dicomdir_bytes(instances)
    path = tmp_path / "DICOMDIR"
    path.write_bytes(data)
    ds = pydicom.dcmread(path)
    study = next(r for r in ds.DirectoryRecordSequence if r.DirectoryRecordType == "STUDY")
    assert study.StudyDate == "20240610" and study.StudyID == "1"
    assert any("earliest date of its images" in n for n in notes)
    assert count == 1 + 1 + 1 + 3


def test_study_with_no_date_at_all_gets_the_placeholder(tmp_path: Path) -> None:
    files = make_series(tmp_path / "s", slices=2)
    strip_dates(files)
    instances = [
        media_instance(pydicom.dcmread(p, stop_before_pixels=True), dicom_file_id(1, 1, n))
        for n, p in enumerate(files, 1)
    ]
    for n, path in enumerate(files, 1):
        target = tmp_path / "media" / "DICOM" / "ST000001" / "SE000001" / f"IM{n:06d}"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    report = write_dicomdir(tmp_path / "media" / "DICOMDIR", instances)
    assert any("no date" in n for n in report.notes)
    ds = pydicom.dcmread(tmp_path / "media" / "DICOMDIR")
    study = next(r for r in ds.DirectoryRecordSequence if r.DirectoryRecordType == "STUDY")
    assert study.StudyDate == NO_DATE
    checked = subprocess.run(
        ["dciodvfy", str(tmp_path / "media" / "DICOMDIR")], capture_output=True, text=True
    )
    assert "Error" not in checked.stdout + checked.stderr
    dumped = subprocess.run(
        ["dcmdump", str(tmp_path / "media" / "DICOMDIR")], capture_output=True, text=True
    )
    assert dumped.returncode == 0 and "19000101" in dumped.stdout


def test_non_ascii_names_get_a_character_set(tmp_path: Path) -> None:
    instances = _instances(tmp_path, patient_name="MÜLLER^JOSÉ")
    data, _, _ = dicomdir_bytes(instances)
    path = tmp_path / "DICOMDIR"
    path.write_bytes(data)
    ds = pydicom.dcmread(path)
    patient = ds.DirectoryRecordSequence[0]
    assert patient.SpecificCharacterSet == "ISO_IR 192"
    assert str(patient.PatientName) == "MÜLLER^JOSÉ"


def test_a_cancelled_export_leaves_nothing(demo_library: Path, tmp_path: Path) -> None:
    library = Library.open(demo_library)
    try:
        cancel = CancelToken()
        job = export_bundle(
            library, plan_bundle(library, person=PERSON), tmp_path / "out", cancel=cancel
        )
        next(job)
        next(job)
        cancel.cancel()
        try:
            while True:
                next(job)
        except StopIteration as stop:
            assert stop.value.cancelled
        assert list(tmp_path.iterdir()) == []
    finally:
        library.close()


def test_export_refuses_a_folder_with_files(demo_library: Path, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("mine")
    library = Library.open(demo_library)
    try:
        job = export_bundle(library, plan_bundle(library, person=PERSON), tmp_path / "full")
        with pytest.raises(UserError, match="not an empty folder"):
            next(job)
        assert (tmp_path / "full" / "x.txt").read_text() == "mine"
    finally:
        library.close()


def _sr(uid_root: str, study_uid: str) -> pydicom.Dataset:
    from pydicom.dataset import Dataset, FileMetaDataset

    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = "1.2.840.10008.1.2.1"
    ds.SOPClassUID = "1.2.840.10008.5.1.4.1.1.88.11"  # Basic Text SR
    ds.SOPInstanceUID = f"{uid_root}.1"
    ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, f"{uid_root}.2"
    ds.PatientID, ds.PatientName, ds.Modality, ds.SeriesNumber = (
        "RG-0001",
        "EXAMPLE^MARIA",
        "SR",
        90,
    )
    ds.StudyDate, ds.StudyTime, ds.StudyID = "20250303", "101500", "1"
    ds.InstanceNumber, ds.CompletionFlag, ds.VerificationFlag = 1, "COMPLETE", "UNVERIFIED"
    ds.ContentDate, ds.ContentTime = "20250303", "120000"
    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = (
        "18748-4",
        "LN",
        "Diagnostic imaging report",
    )
    ds.ConceptNameCodeSequence = [code]
    return ds


def test_a_structured_report_gets_its_own_record_type(tmp_path: Path) -> None:
    instances = _instances(tmp_path)
    report = media_instance(
        _sr("1.2.826.0.1.3680043.10.999", instances[0].study_instance_uid), dicom_file_id(1, 2, 1)
    )
    assert report.record_type == "SR DOCUMENT" and report.record_keys is not None
    data, count, _ = dicomdir_bytes([*instances, report])
    path = tmp_path / "DICOMDIR"
    path.write_bytes(data)
    ds = pydicom.dcmread(path)
    kinds = [r.DirectoryRecordType for r in ds.DirectoryRecordSequence]
    assert kinds == [
        "PATIENT",
        "STUDY",
        "SERIES",
        "IMAGE",
        "IMAGE",
        "IMAGE",
        "SERIES",
        "SR DOCUMENT",
    ]
    sr = ds.DirectoryRecordSequence[-1]
    assert sr.CompletionFlag == "COMPLETE" and sr.ConceptNameCodeSequence[0].CodeValue == "18748-4"
    checked = subprocess.run(["dciodvfy", str(path)], capture_output=True, text=True)
    assert "Error" not in checked.stdout + checked.stderr, checked.stderr
