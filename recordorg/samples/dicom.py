"""Synthetic DICOM series and hospital-CD media (DICOM folder, DICOMDIR, viewer clutter)."""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, time
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.fileset import FileSet
from pydicom.uid import ExplicitVRLittleEndian, JPEGBaseline8Bit

from recordorg.samples.dicom_base import DEFAULTS, sample_uid, set_identity, template
from recordorg.samples.dicom_encode import set_pixels, write_dataset
from recordorg.samples.dicom_pixels import ct_slice, mr_slice
from recordorg.samples.dicom_us import make_colour_us, make_multiframe
from recordorg.samples.disc import write_viewer_junk
from recordorg.samples.documents import make_text_pdf
from recordorg.samples.texts import ct_report

__all__ = [
    "make_series",
    "make_medium",
    "make_multiframe",
    "make_colour_us",
    "sample_uid",
    "discard_staging",
    "DEFAULT_STUDIES",
]

DEFAULT_STUDIES: list[dict[str, Any]] = [
    {
        "modality": "CT",
        "slices": 12,
        "study_date": "20240422",
        "study_id": "1",
        "series_description": "AXIAL 5MM SOFT TISSUE",
    },
    {
        "modality": "CT",
        "slices": 12,
        "study_date": "20240422",
        "study_id": "1",
        "series_number": 2,
        "series_description": "AXIAL 5MM LUNG",
        "seed": 100,
    },
    {"modality": "MR", "slices": 8, "study_date": "20240508", "study_id": "2"},
]


def make_series(
    folder: str | Path,
    modality: str = "CT",
    slices: int = 20,
    rows: int | None = None,
    cols: int | None = None,
    study_uid: str | None = None,
    series_uid: str | None = None,
    series_number: int = 1,
    series_description: str = "",
    study_description: str | None = None,
    study_date: str = "20250303",
    patient_name: str = "EXAMPLE^MARIA",
    patient_id: str = "RG-0001",
    body_part: str | None = None,
    institution: str = "Riverside General Hospital",
    transfer_syntax: str = ExplicitVRLittleEndian,
    preamble: bool = True,
    file_names: str | None = "IM%05d",
    *,
    study_time: str = "101500",
    study_id: str = "1",
    birth_date: str = "19610412",
    sex: str = "F",
    slice_thickness: float = 5.0,
    seed: int = 0,
) -> list[Path]:
    """Write an axial CT (body) or MR (head) series of `slices` files; return them in order.

    Rows and columns default to the template's (128 for CT, 64 for MR); 512×512 gives
    slices of about 0.5 MB. UIDs left out are derived from the arguments and `seed`, so the
    same call gives the same files. `file_names` is a %-pattern on the 1-based instance
    number, or None for "<SOP Instance UID>.dcm". JPEG baseline stores 8-bit pixels
    (CT then rescales by 16), which is what some exports do though CT proper is 16-bit.
    """
    modality = modality.upper()
    ds = template(modality)
    default_study, default_part, fov, agent = DEFAULTS[modality]
    rows, cols = rows or int(ds.Rows), cols or int(ds.Columns)
    study_description = default_study if study_description is None else study_description
    study_uid = study_uid or sample_uid(patient_id, study_date, study_description, study_id)
    series_uid = series_uid or sample_uid(
        study_uid, modality, series_number, series_description, slices, rows, cols, seed
    )
    set_identity(
        ds,
        patient_name=patient_name,
        patient_id=patient_id,
        birth_date=birth_date,
        sex=sex,
        study_uid=study_uid,
        study_date=study_date,
        study_time=study_time,
        study_id=study_id,
        study_description=study_description,
        institution=institution,
    )
    ds.SeriesInstanceUID, ds.SeriesNumber = series_uid, series_number
    ds.SeriesDescription = series_description or (
        "AXIAL 5MM" if modality == "CT" else "AX T1 POST GD"
    )
    ds.BodyPartExamined = body_part or default_part
    ds.ContrastBolusAgent = agent
    spacing = fov / max(rows, cols)
    eight_bit = transfer_syntax == JPEGBaseline8Bit
    _describe_images(ds, modality, spacing, slice_thickness, fov, eight_bit)
    z0, step = (-50.0, -slice_thickness) if modality == "CT" else (-40.0, slice_thickness)
    paths = []
    for i in range(slices):
        _place_slice(ds, i, round(z0 + i * step, 3), rows, cols, spacing)
        position = i / max(1, slices - 1)
        pixels = _slice_pixels(modality, position, rows, cols, spacing, seed + i, eight_bit)
        set_pixels(ds, pixels, "MONOCHROME2", 8 if eight_bit else 12, transfer_syntax)
        name = f"{ds.SOPInstanceUID}.dcm" if file_names is None else file_names % (i + 1)
        paths.append(write_dataset(ds, Path(folder) / name, preamble))
    return paths


def _place_slice(ds: Dataset, i: int, z: float, rows: int, cols: int, spacing: float) -> None:
    """The `i`th slice's own tags: its UID, number and place along the body."""
    ds.SOPInstanceUID = sample_uid(ds.SeriesInstanceUID, i)
    ds.InstanceNumber = i + 1
    ds.AcquisitionNumber = 1
    ds.ImagePositionPatient = [
        round(-(cols - 1) / 2 * spacing, 4),
        round(-(rows - 1) / 2 * spacing, 4),
        z,
    ]
    ds.SliceLocation = z


def _describe_images(
    ds: Dataset, modality: str, spacing: float, thickness: float, fov: float, eight_bit: bool
) -> None:
    """What every image of an axial series shares: its geometry, windows and rescaling."""
    ds.FrameOfReferenceUID = sample_uid(ds.SeriesInstanceUID, "frame-of-reference")
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL" if modality == "CT" else "OTHER"]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PixelSpacing = [round(spacing, 6), round(spacing, 6)]
    ds.SliceThickness = ds.SpacingBetweenSlices = thickness
    if modality == "CT":
        ds.WindowCenter, ds.WindowWidth = [40, -600], [400, 1500]
        ds.WindowCenterWidthExplanation = ["SOFT TISSUE", "LUNG"]
        ds.RescaleIntercept, ds.RescaleSlope = -1024, 16 if eight_bit else 1
        ds.RescaleType = "HU"
        ds.ReconstructionDiameter = fov
    else:
        ds.WindowCenter, ds.WindowWidth = (40, 80) if eight_bit else (600, 1200)


def _slice_pixels(
    modality: str, position: float, rows: int, cols: int, spacing: float, seed: int, eight: bool
) -> np.ndarray:
    """One slice's stored values, `position` of the way through the series (0 to 1)."""
    if modality == "CT":
        stored = ct_slice(position, rows, cols, spacing, seed).astype(np.int32) + 1024
        return (stored // 16).astype(np.uint8) if eight else stored.astype(np.uint16)
    signal = mr_slice(position, rows, cols, spacing, seed)
    return (np.minimum(signal, 4095) // 16).astype(np.uint8) if eight else signal


def _relocate_under_dicom_folder(root: Path) -> None:
    """Move pydicom's PTxxxxxx tree into DICOM/ and point the DICOMDIR records at it."""
    (root / "DICOM").mkdir(exist_ok=True)
    for top in sorted(p for p in root.iterdir() if p.is_dir() and p.name.startswith("PT")):
        shutil.move(top, root / "DICOM" / top.name)
    dicomdir = pydicom.dcmread(root / "DICOMDIR")
    for record in dicomdir.DirectoryRecordSequence:
        if "ReferencedFileID" in record:
            record.ReferencedFileID = ["DICOM", *record.ReferencedFileID]
    file_set = FileSet(dicomdir)
    file_set.write(use_existing=True)  # recomputes the record offsets
    discard_staging(file_set)


def discard_staging(file_set: FileSet) -> None:
    """Remove the staging folder pydicom keeps per FileSet now, not at interpreter exit."""
    staging = getattr(file_set, "_stage", {}).get("t")
    if isinstance(staging, tempfile.TemporaryDirectory):
        staging.cleanup()


def make_medium(
    root: str | Path,
    studies: list[dict[str, Any]] | None = None,
    with_dicomdir: bool = True,
    with_viewer_junk: bool = True,
    with_report: bool = True,
) -> dict[str, Any]:
    """Write a hospital CD into the empty folder `root`; return what was written.

    `studies` holds keyword arguments for make_series (series sharing study_date and
    patient share a study); an item with "kind": "multiframe" or "colour_us" goes to that
    maker instead. Files land in DICOM/PTxxxxxx/STxxxxxx/SExxxxxx/IMxxxxxx (8-character
    upper-case IDs, no extension). The result has "root", "dicomdir" (or None),
    "dicom_files", "series" (series UID -> files by instance number), "junk_files" and
    "report_pdf" (or None).
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    makers = {"multiframe": make_multiframe, "colour_us": make_colour_us}
    with tempfile.TemporaryDirectory(prefix="recordorg-medium-") as stage:
        file_set = FileSet()
        file_set.ID = "RIVERSIDE_CD"
        uids = []
        for n, spec in enumerate(DEFAULT_STUDIES if studies is None else studies):
            spec = dict(spec)
            kind = spec.pop("kind", "series")
            if kind == "series":
                written = make_series(Path(stage) / f"S{n}", **spec)
            else:
                written = [makers[kind](Path(stage) / f"S{n}.dcm", **spec)]
            for path in written:
                uids.append(file_set.add(path).SOPInstanceUID)
        file_set.UID = sample_uid("file-set", *sorted(uids))
        file_set.write(root)
        discard_staging(file_set)
    _relocate_under_dicom_folder(root)
    series: dict[str, list[tuple[int, Path]]] = {}
    file_set = FileSet(root / "DICOMDIR")
    for instance in file_set:
        number = int(instance.InstanceNumber)
        series.setdefault(instance.SeriesInstanceUID, []).append((number, Path(instance.path)))
    discard_staging(file_set)
    result: dict[str, Any] = {
        "root": root,
        "dicomdir": root / "DICOMDIR" if with_dicomdir else None,
        "series": {uid: [p for _n, p in sorted(items)] for uid, items in series.items()},
        "junk_files": write_viewer_junk(root) if with_viewer_junk else [],
        "report_pdf": None,
    }
    result["dicom_files"] = sorted(p for paths in result["series"].values() for p in paths)
    if not with_dicomdir:
        (root / "DICOMDIR").unlink()
    if with_report:
        report = ct_report()
        result["report_pdf"] = make_text_pdf(
            root / "REPORT" / "REPORT01.PDF",
            report.title,
            report.lines,
            creation_date=datetime.combine(report.date, time(16, 5)),
            author=report.lines[0],
        )
    return result
