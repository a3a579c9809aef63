"""The facts of each DICOM file that a DICOMDIR lists, read once while the file is copied."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.fileset import DIRECTORY_RECORDERS
from pydicom.uid import ImplicitVRLittleEndian

from recordorg.bundle.files import CHUNK
from recordorg.formats.dicom_header import DicomHeader, dicom_header
from recordorg.formats.sniff import has_dicom_prefix

_PREFIX = "1.2.840.10008.5.1.4.1.1."
# SOP classes (by prefix) that a DICOMDIR lists under a record type other than IMAGE.
RECORD_TYPES = [
    (_PREFIX + "88.59", "KEY OBJECT DOC"),
    (_PREFIX + "88.", "SR DOCUMENT"),
    (_PREFIX + "11.", "PRESENTATION"),
    (_PREFIX + "104.", "ENCAP DOC"),
    (_PREFIX + "9.", "WAVEFORM"),
    (_PREFIX + "481.2", "RT DOSE"),
    (_PREFIX + "481.3", "RT STRUCTURE SET"),
    (_PREFIX + "481.5", "RT PLAN"),
    (_PREFIX + "481.4", "RT TREAT RECORD"),
    (_PREFIX + "481.6", "RT TREAT RECORD"),
    (_PREFIX + "481.7", "RT TREAT RECORD"),
    (_PREFIX + "66.1", "REGISTRATION"),
    (_PREFIX + "66.2", "FIDUCIAL"),
]


def record_type(sop_class_uid: str) -> str:
    for prefix, kind in RECORD_TYPES:
        if sop_class_uid == prefix or sop_class_uid.startswith(prefix):
            return kind
    return "IMAGE"


@dataclass(kw_only=True)
class MediaInstance(DicomHeader):
    """What a DICOMDIR says about one file: where it is and its patient/study/series keys."""

    file_id: list[str]
    other_dates: list[tuple[str, str]] = field(default_factory=list)  # (date, time) found
    record_type: str = "IMAGE"
    record_keys: Dataset | None = None  # keys of a non-IMAGE record, built by pydicom


def media_instance(ds: Dataset, file_id: list[str]) -> MediaInstance:
    """The DICOMDIR facts of a dataset (read with its file meta)."""
    header = dicom_header(ds)
    found = MediaInstance(
        **vars(header), file_id=file_id, record_type=record_type(header.sop_class_uid)
    )
    found.transfer_syntax_uid = header.transfer_syntax_uid or str(ImplicitVRLittleEndian)
    for day, time_of_day in (
        (header.series_date, header.series_time),
        (header.acquisition_date, header.acquisition_time),
        (header.content_date, header.content_time),
    ):
        if len(day) >= 8 and day[:8].isdigit():
            found.other_dates.append((day[:8], time_of_day))
    if found.record_type != "IMAGE":
        try:
            found.record_keys = DIRECTORY_RECORDERS[found.record_type](ds)
        except (ValueError, AttributeError, KeyError):
            found.record_keys = None  # listed as IMAGE-less: see dicomdir_writer
    return found


def read_header(first_chunk: bytes, path: Path) -> Dataset:
    """The header of a DICOM file, parsed from its first bytes when they hold all of it."""
    if has_dicom_prefix(first_chunk[:132]):
        stream = io.BytesIO(first_chunk)
        try:
            ds = pydicom.dcmread(stream, stop_before_pixels=True)
            if stream.tell() < len(first_chunk) or len(first_chunk) < CHUNK:
                return ds
        except Exception:  # the header runs past the first chunk: read the file itself
            pass
    return pydicom.dcmread(path, stop_before_pixels=True, force=True)


def is_part10(first_chunk: bytes) -> bool:
    """True if the file starts with the PS3.10 preamble and "DICM" (a file meta header)."""
    return has_dicom_prefix(first_chunk[:132])
