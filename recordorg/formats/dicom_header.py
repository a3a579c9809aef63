"""The tags that say which patient, study and series a DICOM file belongs to, read once,
as the file writes them: the catalogue's reader (formats/dicom.py) and the bundle's
DICOMDIR (bundle/dicom_media.py) both start from here."""

from __future__ import annotations

from dataclasses import dataclass

from pydicom.dataset import Dataset

from recordorg.formats.dicom_values import int_value, text_value


@dataclass
class DicomHeader:
    """One file's identifying tags in DICOM's own forms (dates "YYYYMMDD", names "DOE^JOHN");
    the UIDs of its SOP class and instance fall back on the file meta's."""

    sop_class_uid: str = ""
    sop_instance_uid: str = ""
    study_instance_uid: str = ""
    series_instance_uid: str = ""
    transfer_syntax_uid: str = ""  # as the file meta states it, "" if it does not
    charset: str = ""
    patient_name: str = ""
    patient_id: str = ""
    patient_birth_date: str = ""
    patient_sex: str = ""
    study_date: str = ""
    study_time: str = ""
    study_id: str = ""
    study_description: str = ""
    accession_number: str = ""
    modality: str = ""
    series_description: str = ""
    series_number: int | None = None
    instance_number: int | None = None
    body_part: str = ""
    institution: str = ""
    manufacturer: str = ""
    series_date: str = ""
    series_time: str = ""
    acquisition_date: str = ""
    acquisition_time: str = ""
    content_date: str = ""
    content_time: str = ""


def dicom_header(ds: Dataset) -> DicomHeader:
    """The identifying tags of a dataset (read with its file meta, if it has one)."""
    meta = getattr(ds, "file_meta", None) or Dataset()
    return DicomHeader(
        sop_class_uid=(
            text_value(ds, "SOPClassUID") or text_value(meta, "MediaStorageSOPClassUID")
        ),
        sop_instance_uid=(
            text_value(ds, "SOPInstanceUID") or text_value(meta, "MediaStorageSOPInstanceUID")
        ),
        study_instance_uid=text_value(ds, "StudyInstanceUID"),
        series_instance_uid=text_value(ds, "SeriesInstanceUID"),
        transfer_syntax_uid=text_value(meta, "TransferSyntaxUID"),
        charset=text_value(ds, "SpecificCharacterSet"),
        patient_name=text_value(ds, "PatientName"),
        patient_id=text_value(ds, "PatientID"),
        patient_birth_date=text_value(ds, "PatientBirthDate"),
        patient_sex=text_value(ds, "PatientSex"),
        study_date=text_value(ds, "StudyDate"),
        study_time=text_value(ds, "StudyTime"),
        study_id=text_value(ds, "StudyID"),
        study_description=text_value(ds, "StudyDescription"),
        accession_number=text_value(ds, "AccessionNumber"),
        modality=text_value(ds, "Modality"),
        series_description=text_value(ds, "SeriesDescription"),
        series_number=int_value(ds, "SeriesNumber"),
        instance_number=int_value(ds, "InstanceNumber"),
        body_part=text_value(ds, "BodyPartExamined"),
        institution=text_value(ds, "InstitutionName"),
        manufacturer=text_value(ds, "Manufacturer"),
        series_date=text_value(ds, "SeriesDate"),
        series_time=text_value(ds, "SeriesTime"),
        acquisition_date=text_value(ds, "AcquisitionDate"),
        acquisition_time=text_value(ds, "AcquisitionTime"),
        content_date=text_value(ds, "ContentDate"),
        content_time=text_value(ds, "ContentTime"),
    )
