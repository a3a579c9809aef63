"""A de-identified bundle holds no identifying value of its source, in any byte it exports.

Every DICOM element value, the text of every PDF (pypdf and pdftotext), every XML, JSON,
HTML and text file, every file name and the raw bytes of every file are searched for each
name, ID, date of birth, real date of a record, UID and institution of the library, and
for the identifiers a plain bundle of the same person carries.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pydicom
import pytest
from pypdf import PdfReader

from recordorg.bundle.codes import PATIENT_AUTHORITY, SOURCE_ID
from recordorg.bundle.names import MANIFEST, XDM_METADATA
from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.case import review as cases
from recordorg.core.catalogue.library import Library
from recordorg.jobs.export import run_export
from recordorg.jobs.importer import import_paths
from recordorg.samples.dicom import make_series
from recordorg.samples.documents import make_text_pdf
from recordorg.samples.photos import make_letter_photo
from tests.bundle.conftest import pdf_texts, run

PERSON = "Maria Example"
INSTITUTION = "Northfield Infirmary"
TODAY = date(2025, 9, 1)  # the CT is out of date: the checklist counts days
DIAGNOSED = date(2025, 2, 14)  # a date of the case review, not of a record
BINARY_VRS = {"OB", "OW", "OF", "OD", "OL", "OV", "UN"}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A library of one person: a CT study (time-zone offset, institution, birth date), a
    letter whose metadata names her and a phone photo, with a case review and a checklist."""
    folder = tmp_path_factory.mktemp("leak-files")
    for path in make_series(
        folder / "ct", slices=2, study_description="CT CHEST MARIA EXAMPLE", institution=INSTITUTION
    ):
        ds = pydicom.dcmread(path)
        ds.TimezoneOffsetFromUTC = "+0100"
        ds.Manufacturer = "ACME IMAGING"  # the sample maker's own shares the family name
        ds.save_as(path)
    make_text_pdf(
        folder / "Maria Example letter.pdf",
        "Clinic letter",
        ["Dear colleague, the scan shows stable disease."],
        creation_date=datetime(2025, 3, 10, 9, 0),
        author="Dr Maria Example",
    )
    make_letter_photo(  # a phone photo: its EXIF says when it was taken
        folder / "Maria Example photo.jpg",
        ["Results are stable."],
        taken=datetime(2025, 3, 12, 14, 30),
        size=(400, 500),
    )
    root = tmp_path_factory.mktemp("leak") / "library"
    library = Library.open(root)
    try:
        report = run(import_paths(library, [folder], person=PERSON))
        assert not report.failed, report.failed
        conn = library.connection()
        cases.add_entry(
            conn,
            "diagnosis",
            {"histology": "Invasive ductal carcinoma", "diagnosed_on": DIAGNOSED.isoformat()},
            person=PERSON,
        )
    finally:
        library.close()
    return root


def export(root: Path, target: Path, **options) -> Path:
    library = Library.open(root)
    try:
        plan = plan_bundle(library, person=PERSON, options=BundleOptions(**options))
        assert not run_export(library, plan, target, today=TODAY).cancelled
    finally:
        library.close()
    return target


def _date_forms(day: date) -> list[str]:
    return [
        day.isoformat(),
        day.strftime("%Y%m%d"),
        day.strftime("%d/%m/%Y"),
        day.strftime("%m/%d/%Y"),
        f"{day.day} {day:%B %Y}",
        f"{day.day} {day:%b %Y}",
    ]


def identifying_values(root: Path, plain: Path) -> list[str]:
    """Everything that names the person or her records: names, IDs, birth date, the real
    dates of her records (and of today), UIDs, the institution, and the IDs a plain bundle
    of her carries."""
    values = ["Maria", "Example", "RG-0001", INSTITUTION, "Northfield"]
    values += _date_forms(date(1961, 4, 12)) + _date_forms(DIAGNOSED)
    library = Library.open(root)
    try:
        conn = library.connection()
        for (day,) in conn.execute("SELECT clinical_date FROM records"):
            values += _date_forms(date.fromisoformat(day[:10]))
        for row in conn.execute("SELECT sop_instance_uid FROM dicom_instances"):
            values.append(row[0])
        for row in conn.execute("SELECT series_instance_uid FROM dicom_series"):
            values.append(row[0])
    finally:
        library.close()
    values += [*_date_forms(TODAY), *_date_forms(datetime.now(UTC).date())]
    for path in (plain / "DICOM").rglob("IM*"):
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        values += [ds.StudyInstanceUID, ds.FrameOfReferenceUID]
    values += [PATIENT_AUTHORITY, SOURCE_ID]
    metadata = (plain / XDM_METADATA).read_text()
    values += re.findall(r'value="(2\.25\.\d+)"', metadata)  # document and submission IDs
    return sorted(set(values), key=len, reverse=True)


def _dicom_texts(ds: pydicom.Dataset) -> list[str]:
    texts = []
    for elem in ds:
        if elem.VR == "SQ":
            for item in elem.value or []:
                texts += _dicom_texts(item)
        elif elem.VR not in BINARY_VRS and elem.value is not None:
            texts.append(f"{elem.keyword}={elem.value}")
    return texts


def exported_texts(folder: Path) -> dict[str, str]:
    """Every readable text of the bundle, by where it was read."""
    texts: dict[str, str] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = str(path.relative_to(folder))
        texts[f"{name} (name)"] = name
        data = path.read_bytes()
        texts[f"{name} (bytes)"] = data.decode("latin-1")
        if data[128:132] == b"DICM":
            ds = pydicom.dcmread(path)
            texts[f"{name} (DICOM)"] = "\n".join(_dicom_texts(ds) + _dicom_texts(ds.file_meta))
        elif data.startswith(b"%PDF"):
            reader = PdfReader(path)
            pages = [page.extract_text() or "" for page in reader.pages]
            texts[f"{name} (pypdf)"] = "\n".join(pages) + str(reader.metadata or "")
            texts[f"{name} (pdftotext)"] = subprocess.run(
                ["pdftotext", "-q", str(path), "-"], capture_output=True, text=True, check=True
            ).stdout
        else:
            texts[f"{name} (text)"] = data.decode("utf-8", "replace")
    return texts


def leaks(folder: Path, values: list[str]) -> list[str]:
    found = []
    for where, text in exported_texts(folder).items():
        low = text.casefold()
        found += [f"{value!r} in {where}" for value in values if value.casefold() in low]
        if re.search(r"\d+ days? ago", text):
            found.append(f"a span of days counted from today in {where}")
    return found


@pytest.fixture(scope="module")
def bundles(source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("leak-bundles")
    return {
        "plain": export(source, out / "PLAIN"),
        "shifted": export(source, out / "SHIFTED", deidentify=True),
        "shifted again": export(source, out / "AGAIN", deidentify=True),
        "removed": export(source, out / "REMOVED", deidentify=True, remove_dates=True),
    }


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) missing")
@pytest.mark.parametrize("kind", ["shifted", "removed"])
def test_no_identifying_value_in_any_exported_byte(
    source: Path, bundles: dict[str, Path], kind: str
) -> None:
    values = identifying_values(source, bundles["plain"])
    dates = {"1961-04-12", "2025-03-03", "2025-03-10", "2025-03-12"}  # birth, CT, letter, photo
    assert {"Maria", "RG-0001", *dates} <= set(values)
    assert any("days counted" in w for w in leaks(bundles["plain"], []))  # old imaging
    assert any("RG-0001" in w for w in leaks(bundles["plain"], values))  # the search finds
    assert leaks(bundles[kind], values) == []


def test_dicom_says_how_it_was_deidentified(bundles: dict[str, Path]) -> None:
    for kind, modified in (("shifted", True), ("removed", False)):
        for path in (bundles[kind] / "DICOM").rglob("IM*"):
            ds = pydicom.dcmread(path, stop_before_pixels=True)
            assert ds.PatientIdentityRemoved == "YES" and ds.DeidentificationMethod
            codes = {item.CodeValue for item in ds.DeidentificationMethodCodeSequence}
            assert {"113100", "113105", "113108"} <= codes
            assert ("113107" in codes) == modified
            assert ds.LongitudinalTemporalInformationModified == (
                "MODIFIED" if modified else "REMOVED"
            )
            assert "TimezoneOffsetFromUTC" not in ds
            assert str(ds.PatientName) == ds.PatientID and "^" not in str(ds.PatientName)


def test_dates_keep_their_intervals_with_one_secret_shift(
    source: Path, bundles: dict[str, Path]
) -> None:
    """Every date moves by the same number of days, the day the bundle was made too; the
    shift differs from one export to the next."""

    def about(kind: str) -> dict:
        return json.loads((bundles[kind] / MANIFEST).read_text())["about"]

    plain, shifts = about("plain"), set()
    for kind in ("shifted", "shifted again"):
        moved = about(kind)
        days = {
            (date.fromisoformat(b["date"]) - date.fromisoformat(a["date"])).days
            for a, b in zip(plain["records"], moved["records"], strict=True)
        }
        assert len(days) == 1
        shift = days.pop()
        made = date.fromisoformat(moved["created"][:10]) - datetime.now(UTC).date()
        assert -3652 <= shift <= -365 and abs(made.days - shift) <= 1  # made: moved too
        shifts.add(shift)
        study = pydicom.dcmread(next((bundles[kind] / "DICOM").rglob("IM*")))
        assert study.StudyDate and study.StudyDate != "19000101"
    assert len(shifts) == 2
    removed = about("removed")
    assert removed["created"] == "" and all(r["date"] is None for r in removed["records"])


def test_deidentified_bundles_cannot_be_linked(bundles: dict[str, Path]) -> None:
    """The XDM source, the patient-ID authority and every ID are new for each export."""
    seen: dict[str, set[str]] = {}
    for kind in ("plain", "shifted", "shifted again"):
        metadata = (bundles[kind] / XDM_METADATA).read_text()
        ids = set(re.findall(r'value="([^"]*2\.25\.\d+[^"]*)"', metadata))
        fhir = json.loads((bundles[kind] / "FHIR.JSN").read_text())
        patient = next(
            e["resource"] for e in fhir["entry"] if e["resource"]["resourceType"] == "Patient"
        )
        ids.add(patient["identifier"][0]["system"])
        seen[kind] = ids
    assert not seen["shifted"] & seen["plain"]
    assert not seen["shifted"] & seen["shifted again"]


def test_a_made_date_is_never_a_real_one(bundles: dict[str, Path]) -> None:
    index = (bundles["removed"] / "INDEX.HTM").read_text()
    assert re.search(r"Made( by| with)", index)
    cover = " ".join(pdf_texts(bundles["removed"] / "REVIEW.PDF")[0].split())
    assert re.search(r"Made( by| with)", cover)  # no day, and no gap where it was
    today = datetime.now(UTC).date()
    for day in (today, today - timedelta(days=1)):
        assert day.isoformat() not in (bundles["shifted"] / "README.TXT").read_text()


def test_a_deidentified_zip_says_no_time_of_writing(source: Path, tmp_path: Path) -> None:
    """A zip stamps each member with when it was written: a de-identified one says none."""
    import zipfile

    plain = export(source, tmp_path / "plain.zip")
    with zipfile.ZipFile(plain) as archive:
        assert {i.date_time[:3] for i in archive.infolist()} != {(1980, 1, 1)}
    deid = export(source, tmp_path / "deid.zip", deidentify=True)
    with zipfile.ZipFile(deid) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
