"""One DICOM element's value as plain text or a number, never stopped by a damaged value."""

from __future__ import annotations

from typing import Any

from pydicom.dataset import Dataset
from pydicom.multival import MultiValue
from pydicom.uid import UID, ExplicitVRBigEndian, ExplicitVRLittleEndian, ImplicitVRLittleEndian


def _value(ds: Dataset, keyword: str) -> Any:
    try:
        return ds.get(keyword)
    except Exception:  # a malformed value must not stop the whole read
        return None


def text_value(ds: Dataset, keyword: str) -> str:
    """An element's value as text ("" when absent or damaged; multiple values joined by \\)."""
    value = _value(ds, keyword)
    if value is None:
        return ""
    if isinstance(value, MultiValue):
        return "\\".join(str(item) for item in value).strip()
    return str(value).strip(" \0")


def int_value(ds: Dataset, keyword: str) -> int | None:
    """An element's value as a whole number, or None when absent or not a number."""
    try:
        return int(_value(ds, keyword))
    except (TypeError, ValueError):
        return None


def float_value(ds: Dataset, keyword: str) -> float | None:
    """An element's value as a number, or None when absent or not a number."""
    try:
        return float(_value(ds, keyword))
    except (TypeError, ValueError):
        return None


def position_value(ds: Dataset) -> tuple[float, float, float] | None:
    """Image Position (Patient) as (x, y, z), or None when absent or damaged."""
    value = _value(ds, "ImagePositionPatient")
    try:
        x, y, z = (float(item) for item in value)
    except (TypeError, ValueError):
        return None
    return (x, y, z)


def frame_count(ds: Dataset) -> int:
    """Number of frames; missing, empty or nonsense counts as one (as pydicom does)."""
    frames = int_value(ds, "NumberOfFrames")
    return frames if frames is not None and frames > 0 else 1


def decoded_size(ds: Dataset) -> int:
    """The bytes an image's pixels take once decoded, from what its header declares."""
    values = [int_value(ds, k) or 0 for k in ("Rows", "Columns")]
    samples = int_value(ds, "SamplesPerPixel") or 1
    bits = int_value(ds, "BitsAllocated") or 8
    return values[0] * values[1] * samples * max(1, (bits + 7) // 8) * frame_count(ds)


def transfer_syntax(ds: Dataset) -> UID:
    """The transfer syntax from the file meta, or the one pydicom found by looking."""
    uid = text_value(getattr(ds, "file_meta", Dataset()), "TransferSyntaxUID")
    if uid:
        return UID(uid)
    implicit, little = ds.original_encoding
    if implicit:
        return ImplicitVRLittleEndian
    return ExplicitVRLittleEndian if little is not False else ExplicitVRBigEndian
