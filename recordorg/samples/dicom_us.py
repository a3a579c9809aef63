"""Sample ultrasound DICOM: a greyscale multi-frame cine loop and a colour Doppler image."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import (
    ExplicitVRLittleEndian,
    UltrasoundImageStorage,
    UltrasoundMultiFrameImageStorage,
)

from recordorg.samples.dicom_base import sample_uid, set_identity
from recordorg.samples.dicom_encode import set_pixels, write_dataset
from recordorg.samples.dicom_pixels import us_frame


def _us_dataset(
    sop_class: str,
    uid_seed: str,
    study_date: str,
    patient_name: str,
    patient_id: str,
    institution: str,
) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.SOPClassUID = sop_class
    study_uid = sample_uid(patient_id, study_date, "US")
    set_identity(
        ds,
        patient_name=patient_name,
        patient_id=patient_id,
        birth_date="19610412",
        sex="F",
        study_uid=study_uid,
        study_date=study_date,
        study_time="093000",
        study_id="2",
        study_description="US ABDOMEN",
        institution=institution,
    )
    ds.Modality, ds.BodyPartExamined = "US", "ABDOMEN"
    ds.SeriesInstanceUID = sample_uid(study_uid, "series", uid_seed)
    ds.SOPInstanceUID = sample_uid(ds.SeriesInstanceUID, "image")
    ds.SeriesNumber = 1 if sop_class == UltrasoundMultiFrameImageStorage else 2
    ds.InstanceNumber = 1
    ds.ImageType = ["ORIGINAL", "PRIMARY", "ABDOMINAL"]
    ds.PatientOrientation = ""
    ds.ReferringPhysicianName = "SAMPLE^ALEX^^DR"
    return ds


def make_multiframe(
    path: str | Path,
    frames: int = 10,
    rows: int = 240,
    cols: int = 320,
    transfer_syntax: str = ExplicitVRLittleEndian,
    study_date: str = "20240212",
    patient_name: str = "EXAMPLE^MARIA",
    patient_id: str = "RG-0001",
    institution: str = "Riverside General Hospital",
    preamble: bool = True,
) -> Path:
    """Write a greyscale ultrasound cine loop: one multi-frame file of `frames` frames."""
    ds = _us_dataset(
        UltrasoundMultiFrameImageStorage,
        f"cine{frames}",
        study_date,
        patient_name,
        patient_id,
        institution,
    )
    ds.SeriesDescription = "LIVER CINE"
    ds.FrameTime, ds.CineRate = 40.0, 25
    ds.FrameIncrementPointer = 0x00181063  # Frame Time
    stack = np.stack([us_frame(rows, cols, k / max(1, frames), seed=k) for k in range(frames)])
    ds.NumberOfFrames = frames
    set_pixels(ds, stack if frames > 1 else stack[0], "MONOCHROME2", 8, transfer_syntax)
    return write_dataset(ds, path, preamble)


def make_colour_us(
    path: str | Path,
    rows: int = 480,
    cols: int = 640,
    transfer_syntax: str = ExplicitVRLittleEndian,
    study_date: str = "20240212",
    patient_name: str = "EXAMPLE^MARIA",
    patient_id: str = "RG-0001",
    institution: str = "Riverside General Hospital",
    preamble: bool = True,
) -> Path:
    """Write one RGB ultrasound image: grey sector, a colour-Doppler box and a yellow marker."""
    ds = _us_dataset(
        UltrasoundImageStorage, "colour", study_date, patient_name, patient_id, institution
    )
    ds.SeriesDescription = "LIVER DOPPLER"
    grey = us_frame(rows, cols, 0.0, seed=7)
    rgb = np.repeat(grey[..., None], 3, axis=2)
    r0, r1, c0, c1 = rows // 3, rows // 3 + rows // 5, cols // 2 - cols // 10, cols // 2
    flow = np.linspace(-1.0, 1.0, c1 - c0)[None, :].repeat(r1 - r0, axis=0)
    box = rgb[r0:r1, c0:c1]
    box[..., 0] = np.where(flow > 0.2, (200 * flow).astype(np.uint8), box[..., 0])
    box[..., 2] = np.where(flow < -0.2, (-200 * flow).astype(np.uint8), box[..., 2])
    rgb[rows // 10 : rows // 10 + 8, cols // 10 : cols // 10 + 40] = (230, 210, 0)
    set_pixels(ds, np.ascontiguousarray(rgb), "RGB", 8, transfer_syntax)
    return write_dataset(ds, path, preamble)
