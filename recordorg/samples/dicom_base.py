"""Shared pieces of the sample DICOM makers: templates, stable UIDs, patient and study."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid

TEST_FILES = Path(pydicom.__file__).parent / "data" / "test_files"
TEMPLATES = {"CT": "CT_small.dcm", "MR": "MR_small.dcm"}
DEFAULTS = {  # study description, body part, field of view (mm), contrast agent
    "CT": ("CT CHEST ABDOMEN PELVIS W CONTRAST", "CHEST", 380.0, "IOHEXOL 350"),
    "MR": ("MRI BRAIN W WO CONTRAST", "HEAD", 230.0, "GADOBUTROL"),
}
DROP = [
    "PixelPaddingValue",
    "SmallestImagePixelValue",
    "LargestImagePixelValue",
    "OtherPatientIDsSequence",
    "ImageComments",
    "AdditionalPatientHistory",
    "PatientWeight",
    "DeviceSerialNumber",
    "Laterality",
    "NameOfPhysiciansReadingStudy",
    "OperatorsName",
]


def sample_uid(*parts: object) -> str:
    """A UID derived from `parts`: the same parts give the same UID, so samples are stable."""
    return generate_uid(entropy_srcs=["recordorg-sample", *map(str, parts)])


def template(modality: str) -> Dataset:
    """pydicom's shipped CT or MR test file without its private tags, as a starting point."""
    if modality not in TEMPLATES:
        raise ValueError(f"no template for modality {modality!r}; use CT or MR")
    ds = pydicom.dcmread(TEST_FILES / TEMPLATES[modality])
    ds.remove_private_tags()
    for keyword in DROP:
        if keyword in ds:
            delattr(ds, keyword)
    return ds


def _age(birth: str, on: str) -> str:
    b = date(int(birth[:4]), int(birth[4:6]), int(birth[6:8]))
    d = date(int(on[:4]), int(on[4:6]), int(on[6:8]))
    return f"{d.year - b.year - ((d.month, d.day) < (b.month, b.day)):03d}Y"


def set_identity(
    ds: Dataset,
    *,
    patient_name: str,
    patient_id: str,
    birth_date: str,
    sex: str,
    study_uid: str,
    study_date: str,
    study_time: str,
    study_id: str,
    study_description: str,
    institution: str,
) -> None:
    """Fill the patient, study and equipment attributes every sample instance shares."""
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.PatientName, ds.PatientID, ds.PatientSex = patient_name, patient_id, sex
    ds.PatientBirthDate = birth_date
    ds.PatientAge = _age(birth_date, study_date)
    ds.StudyInstanceUID, ds.StudyID = study_uid, study_id
    ds.StudyDescription = study_description
    ds.AccessionNumber = f"A{study_date[2:]}{study_id}"[:16]
    ds.ReferringPhysicianName = "SAMPLE^ALEX^^DR"
    ds.InstitutionName = institution
    ds.Manufacturer = "EXAMPLE MEDICAL SYSTEMS"
    ds.ManufacturerModelName = "SAMPLE SCANNER"
    for kind in ("InstanceCreation", "Study", "Series", "Acquisition", "Content"):
        setattr(ds, f"{kind}Date", study_date)
        setattr(ds, f"{kind}Time", study_time)
