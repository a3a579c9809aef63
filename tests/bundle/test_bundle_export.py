"""A whole export checked with the real tools: layout, DICOMDIR, manifest, XDM, FHIR."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pydicom
import pytest
from pydicom.fileset import FileSet

from recordorg.bundle.names import is_file_id_part
from recordorg.formats.dicomdir import read_dicomdir

RIM = "{urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0}"


def manifest(root: Path) -> dict:
    return json.loads((root / "MANIFEST.JSN").read_text())


def test_layout_follows_xdm_and_pdi(bundle: Path) -> None:
    for name in (
        "INDEX.HTM",
        "README.TXT",
        "DICOMDIR",
        "REVIEW.PDF",
        "FHIR.JSN",
        "MANIFEST.JSN",
        "IHE_XDM/SUBSET01/METADATA.XML",
    ):
        assert (bundle / name).is_file(), name
    documents = sorted((bundle / "IHE_XDM" / "SUBSET01").iterdir())
    assert len(documents) > 5
    for doc in documents:
        stem, _, ext = doc.name.partition(".")
        assert doc.name == doc.name.upper() and len(stem) <= 8 and len(ext) == 3
    dicom_files = [p for p in (bundle / "DICOM").rglob("*") if p.is_file()]
    assert len(dicom_files) == 24 + 16 + 3
    for path in dicom_files:
        parts = path.relative_to(bundle).parts
        assert all(is_file_id_part(part) for part in parts), parts


def test_manifest_lists_every_file_with_size_and_sha256(bundle: Path) -> None:
    listed = {f["path"]: f for f in manifest(bundle)["files"]}
    present = {p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file()}
    assert set(listed) == present - {"MANIFEST.JSN", "MANIFEST.SIG"}
    for path, entry in listed.items():
        data = (bundle / path).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_dicomdir_passes_dciodvfy_and_dcmdump(bundle: Path) -> None:
    checked = subprocess.run(["dciodvfy", str(bundle / "DICOMDIR")], capture_output=True, text=True)
    assert "Error" not in checked.stdout + checked.stderr, checked.stderr
    dumped = subprocess.run(["dcmdump", str(bundle / "DICOMDIR")], capture_output=True, text=True)
    assert dumped.returncode == 0, dumped.stderr
    assert dumped.stdout.count('"Directory Record" IMAGE') == 43
    assert "DICOM\\ST000001\\SE000001\\IM000001" in dumped.stdout


def test_dicomdir_is_read_by_pydicom_and_recordorg(bundle: Path) -> None:
    file_set = FileSet(bundle / "DICOMDIR")
    assert len(file_set) == 43
    found = read_dicomdir(bundle / "DICOMDIR")
    assert len(found.files) == 43 and not found.missing and not found.refused


def test_undated_study_gets_the_placeholder_and_keeps_its_empty_date(bundle: Path) -> None:
    ds = pydicom.dcmread(bundle / "DICOMDIR")
    studies = [r for r in ds.DirectoryRecordSequence if r.DirectoryRecordType == "STUDY"]
    undated = [r for r in studies if r.StudyDescription == "CT ANONYMISED"]
    assert [(r.StudyDate, r.StudyTime) for r in undated] == [("19000101", "000000")]
    assert undated[0].StudyID  # numbered, not empty
    assert all(r.StudyDate != "19000101" for r in studies if r not in undated)
    notes = manifest(bundle)["about"]["dicomdir_notes"]
    assert any("1900-01-01" in note and "CT ANONYMISED" in note for note in notes)
    image = next((bundle / "DICOM").glob("ST*/SE*/IM*"))  # the files keep their own dates
    undated_file = [
        p
        for p in (bundle / "DICOM").rglob("IM*")
        if pydicom.dcmread(p, stop_before_pixels=True).StudyDescription == "CT ANONYMISED"
    ][0]
    assert pydicom.dcmread(undated_file, stop_before_pixels=True).StudyDate == ""
    assert image.is_file()


def test_copied_dicom_files_are_byte_identical(bundle: Path, demo_library: Path) -> None:
    originals = {p.name for p in (demo_library / "originals").rglob("*") if p.is_file()}
    for path in list((bundle / "DICOM").rglob("IM*"))[:10]:
        assert hashlib.sha256(path.read_bytes()).hexdigest() in originals


def test_xdm_metadata_describes_each_document(bundle: Path) -> None:
    root = ET.parse(bundle / "IHE_XDM" / "SUBSET01" / "METADATA.XML").getroot()
    assert root.tag.endswith("SubmitObjectsRequest")
    entries = root.iter(f"{RIM}ExtrinsicObject")
    documents = {
        p.name for p in (bundle / "IHE_XDM" / "SUBSET01").iterdir() if p.name != "METADATA.XML"
    }
    seen = set()
    for entry in entries:
        slots = {
            s.get("name"): [v.text for v in s.iter(f"{RIM}Value")]
            for s in entry.findall(f"{RIM}Slot")
        }
        uri = slots["URI"][0]
        data = (bundle / "IHE_XDM" / "SUBSET01" / uri).read_bytes()
        assert slots["size"] == [str(len(data))]
        assert slots["hash"] == [hashlib.sha1(data).hexdigest()]
        assert entry.get("mimeType") in ("application/pdf", "image/jpeg", "image/heic")
        codes = {
            c.get("classificationScheme"): c.get("nodeRepresentation")
            for c in entry.findall(f"{RIM}Classification")
        }
        assert codes["urn:uuid:f0306f51-975f-434e-a61c-c59651d33983"]  # typeCode
        assert codes["urn:uuid:41a5887f-8865-4c09-adf7-e362475b143a"]  # classCode
        ids = {
            e.get("identificationScheme"): e.get("value")
            for e in entry.findall(f"{RIM}ExternalIdentifier")
        }
        assert ids["urn:uuid:2e82c1f6-a085-4c72-9da3-8640a32e42ab"].startswith("2.25.")
        assert "^^^&" in ids["urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427"]
        seen.add(uri)
    assert seen == documents
    packages = list(root.iter(f"{RIM}RegistryPackage"))
    associations = list(root.iter(f"{RIM}Association"))
    assert len(packages) == 1 and len(associations) == len(documents)


def test_pathology_report_is_typed_with_loinc(bundle: Path) -> None:
    text = (bundle / "IHE_XDM" / "SUBSET01" / "METADATA.XML").read_text()
    assert 'nodeRepresentation="11526-1"' in text  # Pathology study
    assert 'nodeRepresentation="18842-5"' in text  # Discharge summary


def test_fhir_bundle_validates_as_an_ips_shaped_document(bundle: Path) -> None:
    r4b = pytest.importorskip("fhir.resources.R4B.bundle")
    data = json.loads((bundle / "FHIR.JSN").read_text())
    parsed = r4b.Bundle.model_validate(data)
    assert parsed.type == "document"
    kinds = [e["resource"]["resourceType"] for e in data["entry"]]
    assert kinds[0] == "Composition"
    for kind in (
        "Patient",
        "Condition",
        "Observation",
        "MedicationStatement",
        "Procedure",
        "ImagingStudy",
        "DocumentReference",
    ):
        assert kind in kinds, kind
    references = [
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "DocumentReference"
    ]
    for reference in references:
        attachment = reference["content"][0]["attachment"]
        payload = (bundle / attachment["url"]).read_bytes()
        assert attachment["size"] == len(payload)
        assert base64.b64decode(attachment["hash"]) == hashlib.sha1(payload).digest()
    studies = [
        e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "ImagingStudy"
    ]
    assert sorted(s["numberOfInstances"] for s in studies) == [3, 16, 24]
    composition = data["entry"][0]["resource"]
    codes = {s["code"]["coding"][0]["code"] for s in composition["section"]}
    assert {"11450-4", "10160-0", "48765-2", "30954-2", "47519-4"} <= codes


def test_readme_says_who_made_it_and_what_is_inside(bundle: Path) -> None:
    text = (bundle / "README.TXT").read_text(encoding="utf-8")
    assert "by Ana with recordorg 0.1.0" in text.replace("\r\n", " ")
    for name in ("INDEX.HTM", "REVIEW.PDF", "DICOMDIR", "MANIFEST.JSN", "FHIR.JSN"):
        assert name in text
    assert "Surgical pathology" in text
