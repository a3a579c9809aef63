"""Reports carried inside imaging studies (PDFs inside DICOM files) in the bundle."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pydicom
import pytest
from pypdf import PdfReader

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import run_to_end
from recordorg.formats.dicom_document import encapsulated_pdf
from recordorg.jobs.export import run_export
from recordorg.jobs.importer import import_paths
from recordorg.samples.dicom import make_series, sample_uid
from recordorg.samples.dicom_document import make_encapsulated_report
from recordorg.samples.documents import make_text_pdf

from .conftest import PERSON, pdf_texts

FINDINGS = [
    "Findings: a 14 mm lesion in segment VII of the liver.",
    "Impression: progression of hepatic metastasis.",
]


@pytest.fixture(scope="module")
def library_with_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("study-report")
    study_uid = sample_uid("bundle-study-report")
    make_series(folder / "in" / "ct", slices=2, study_uid=study_uid, study_date="20240422")
    pdf = make_text_pdf(folder / "report.pdf", "CT report", FINDINGS, author="Maria Example")
    make_encapsulated_report(
        folder / "in" / "REPORT",
        [],
        study_uid=study_uid,
        study_date="20240422",
        pdf=pdf.read_bytes(),
    )
    library = Library.open(folder / "library")
    try:
        report = run_to_end(import_paths(library, [folder / "in"], person=PERSON))
        assert not report.failed
    finally:
        library.close()
    return folder / "library"


def _export(root: Path, target: Path, **options) -> Path:
    library = Library.open(root)
    try:
        plan = plan_bundle(library, person=PERSON, options=BundleOptions(**options))
        run_export(library, plan, target)
    finally:
        library.close()
    return target


def test_the_report_follows_its_study_page_in_review_pdf(
    library_with_report: Path, tmp_path: Path
) -> None:
    bundle = _export(library_with_report, tmp_path / "OUT")
    texts = pdf_texts(bundle / "REVIEW.PDF")
    study = next(n for n, t in enumerate(texts) if "Open the DICOMDIR" in t)
    assert "A report (PDF): its pages follow" in texts[study]
    assert "2 images and 1 report in 2 series" in texts[study]
    assert "Record 1, page 1 of 2" in texts[study]
    assert "segment VII of the liver" in texts[study + 1]
    assert "Record 1, page 2 of 2" in texts[study + 1]
    checked = subprocess.run(
        ["qpdf", "--check", str(bundle / "REVIEW.PDF")], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout
    index = next(t for t in texts if "Index of records" in t)
    assert f"\n{study + 1}" in index or f" {study + 1}" in index  # the record's first page
    page = (bundle / "INDEX.HTM").read_text()
    assert f'<a href="REVIEW.PDF#page={study + 1}">In REVIEW.PDF from page {study + 1}</a>' in page
    assert f'Also in <a href="REVIEW.PDF#page={study + 2}">' in page
    assert '<a href="IHE_XDM/SUBSET01/R0000101.PDF">Its report (PDF)</a>' in page
    assert "2 images and 1 report in 2 series" in page


def test_a_deidentified_report_loses_its_hidden_details(
    library_with_report: Path, tmp_path: Path
) -> None:
    bundle = _export(library_with_report, tmp_path / "DEID", deidentify=True, case_code="CASE-R1")
    documents = []
    for path in (bundle / "DICOM").rglob("*"):
        if path.is_file():
            ds = pydicom.dcmread(path)
            data = encapsulated_pdf(ds)
            if data is not None:
                documents.append((path, ds, data))
    ((path, ds, data),) = documents
    assert "Maria" not in str(PdfReader(io.BytesIO(data)).metadata or {})
    assert b"Maria Example" not in data.replace(b"\0", b"")
    assert str(ds.PatientName) == "CASE-R1"
    done = subprocess.run(["dciodvfy", str(path)], capture_output=True, text=True)
    assert "Error" not in done.stderr, done.stderr
    own = PdfReader(bundle / "IHE_XDM" / "SUBSET01" / "R0000101.PDF")  # the separate copy
    assert "Maria" not in str(own.metadata or {})
    readme = " ".join((bundle / "README.TXT").read_text().split())
    assert "A report inside an imaging study (a PDF) had its hidden details removed" in readme
    texts = pdf_texts(bundle / "REVIEW.PDF")
    assert any("segment VII of the liver" in t for t in texts)


def test_the_report_is_also_a_document_of_its_own(
    library_with_report: Path, tmp_path: Path
) -> None:
    import json
    import xml.etree.ElementTree as ET

    from recordorg.bundle.verify import run_verify

    bundle = _export(library_with_report, tmp_path / "OUT")
    report = bundle / "IHE_XDM" / "SUBSET01" / "R0000101.PDF"
    assert "segment VII of the liver" in pdf_texts(report)[0]
    rim = "{urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0}"
    root = ET.parse(bundle / "IHE_XDM" / "SUBSET01" / "METADATA.XML").getroot()
    entries = [e for e in root.iter(f"{rim}ExtrinsicObject")]
    uris = {
        slot.find(f"{rim}ValueList/{rim}Value").text: e
        for e in entries
        for slot in e.iter(f"{rim}Slot")
        if slot.get("name") == "URI"
    }
    assert "R0000101.PDF" in uris
    sizes = {
        slot.find(f"{rim}ValueList/{rim}Value").text
        for slot in uris["R0000101.PDF"].iter(f"{rim}Slot")
        if slot.get("name") == "size"
    }
    assert sizes == {str(report.stat().st_size)}
    fhir = json.loads((bundle / "FHIR.JSN").read_text())
    urls = [
        a["url"]
        for e in fhir["entry"]
        if e["resource"]["resourceType"] == "DocumentReference"
        for c in e["resource"]["content"]
        for a in [c["attachment"]]
    ]
    assert "IHE_XDM/SUBSET01/R0000101.PDF" in urls
    from fhir.resources.R4B.bundle import Bundle

    assert Bundle.model_validate(fhir).type == "document"
    assert run_verify(bundle).ok
