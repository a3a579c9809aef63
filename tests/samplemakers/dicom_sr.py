"""Synthetic reports written as data inside a study: a Basic Text SR and an Encapsulated CDA,
beside the images of a study made with recordorg.samples."""

from __future__ import annotations

from pathlib import Path

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian

from recordorg.samples.dicom_base import sample_uid, set_identity
from recordorg.samples.dicom_encode import write_dataset

BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11"
ENCAPSULATED_CDA = "1.2.840.10008.5.1.4.1.1.104.2"


def _code(meaning: str, value: str = "X") -> Dataset:
    code = Dataset()
    code.CodeValue, code.CodingSchemeDesignator, code.CodeMeaning = value, "99TEST", meaning
    return code


def _item(value_type: str, concept: str, **values: object) -> Dataset:
    item = Dataset()
    item.RelationshipType = "CONTAINS"
    item.ValueType = value_type
    item.ConceptNameCodeSequence = [_code(concept)]
    for keyword, value in values.items():
        setattr(item, keyword, value)
    return item


def _base(study_uid: str, sop_class: str, name: str, number: int) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    set_identity(
        ds,
        patient_name="EXAMPLE^MARIA",
        patient_id="RG-0001",
        birth_date="19610412",
        sex="F",
        study_uid=study_uid,
        study_date="20250303",
        study_time="101500",
        study_id="1",
        study_description="CT CHEST",
        institution="Riverside General Hospital",
    )
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = sample_uid(study_uid, name)
    ds.SeriesInstanceUID = sample_uid(study_uid, name + "-series")
    ds.SeriesNumber, ds.InstanceNumber = number, 1
    return ds


def make_text_report(path: Path, *, study_uid: str, findings: str) -> Path:
    """A Basic Text SR: a titled container with a findings text, a measurement and a
    nested impression section."""
    ds = _base(study_uid, BASIC_TEXT_SR, "sr", 901)
    ds.Modality = "SR"
    ds.SeriesDescription = "STRUCTURED REPORT"
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = [_code("CT chest report")]
    ds.ContinuityOfContent = "SEPARATE"
    measured = Dataset()
    measured.NumericValue = "23"
    measured.MeasurementUnitsCodeSequence = [_code("mm", "mm")]
    impression = _item("CONTAINER", "Impression", ContinuityOfContent="SEPARATE")
    impression.ContentSequence = [_item("TEXT", "Impression", TextValue="Progressive disease.")]
    ds.ContentSequence = [
        _item("TEXT", "Findings", TextValue=findings),
        _item("NUM", "Largest lesion", MeasuredValueSequence=[measured]),
        impression,
    ]
    return write_dataset(ds, path)


def make_wrapped_clinical_document(path: Path, *, study_uid: str, cda: bytes) -> Path:
    ds = _base(study_uid, ENCAPSULATED_CDA, "cda", 902)
    ds.Modality = "DOC"
    ds.SeriesDescription = "REPORT"
    ds.DocumentTitle = "Radiology report"
    ds.ConceptNameCodeSequence = []
    ds.MIMETypeOfEncapsulatedDocument = "text/XML"
    ds.EncapsulatedDocumentLength = len(cda)
    ds.EncapsulatedDocument = cda + (b" " if len(cda) % 2 else b"")
    return write_dataset(ds, path)
