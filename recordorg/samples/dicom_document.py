"""A synthetic DICOM Encapsulated PDF (a radiology report as hospital discs carry it)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

from recordorg.formats.dicom_document import ENCAPSULATED_PDF
from recordorg.samples.dicom_base import sample_uid, set_identity
from recordorg.samples.dicom_encode import write_dataset
from recordorg.samples.documents import make_text_pdf


def make_encapsulated_report(
    path: str | Path,
    paragraphs: list[str],
    *,
    study_uid: str,
    title: str = "CT REPORT",
    study_date: str = "20250303",
    study_description: str = "CT CHEST ABDOMEN PELVIS",
    patient_name: str = "EXAMPLE^MARIA",
    patient_id: str = "RG-0001",
    pdf: bytes | None = None,
) -> Path:
    """Write a report as an Encapsulated PDF instance in its own series of the study (a PDF
    of `paragraphs`, or the given `pdf` bytes as they are)."""
    if pdf is None:
        with tempfile.TemporaryDirectory() as folder:
            made = make_text_pdf(Path(folder) / "report.pdf", title.title(), paragraphs)
            pdf = made.read_bytes()
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    set_identity(
        ds,
        patient_name=patient_name,
        patient_id=patient_id,
        birth_date="19610412",
        sex="F",
        study_uid=study_uid,
        study_date=study_date,
        study_time="101500",
        study_id="1",
        study_description=study_description,
        institution="Riverside General Hospital",
    )
    del ds.AcquisitionDate, ds.AcquisitionTime  # not in this object (AcquisitionDateTime is)
    ds.SOPClassUID = ENCAPSULATED_PDF
    ds.SOPInstanceUID = sample_uid(study_uid, "report", title)
    ds.SeriesInstanceUID = sample_uid(study_uid, "report-series")
    ds.Modality, ds.SeriesNumber, ds.InstanceNumber = "DOC", 900, 1
    ds.SeriesDescription = "REPORT"
    ds.ConversionType = "WSD"
    ds.BurnedInAnnotation = "YES"
    ds.DocumentTitle = title
    ds.ConceptNameCodeSequence = []
    ds.AcquisitionDateTime = f"{study_date}101500"
    ds.MIMETypeOfEncapsulatedDocument = "application/pdf"
    ds.EncapsulatedDocumentLength = len(pdf)
    ds.EncapsulatedDocument = pdf + (b"\0" if len(pdf) % 2 else b"")
    return write_dataset(ds, path)
