"""The first frame of a large DICOM file read on its own, so that a preview (a thumbnail, a
key image) never holds all of a file's pixel data: a long multi-frame file can hold more
than a reader's memory budget, one frame of it much less."""

from __future__ import annotations

from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.encaps import encapsulate, get_frame

from recordorg.formats import budget
from recordorg.formats.dicom import native_frame_length
from recordorg.formats.dicom_structure import check_structure
from recordorg.formats.dicom_values import frame_count, int_value, transfer_syntax
from recordorg.formats.sniff import has_dicom_prefix

PIXEL_VR = {0x7FE00010: "OB", 0x7FE00008: "OF", 0x7FE00009: "OD"}


def _first_frame_bytes(path: Path, ds: Dataset, offset: int, length: int | None) -> bytes:
    with path.open("rb") as f:
        f.seek(offset)
        if length is None:  # encapsulated: the fragments of the first frame only
            extended = None
            if "ExtendedOffsetTable" in ds and "ExtendedOffsetTableLengths" in ds:
                extended = (ds.ExtendedOffsetTable, ds.ExtendedOffsetTableLengths)
            frame = get_frame(f, 0, number_of_frames=frame_count(ds), extended_offsets=extended)
            return encapsulate([frame])
        return f.read(min(native_frame_length(ds), length))


def preview_dataset(path: Path | str) -> Dataset:
    """The file's data set, holding only its first frame (as its one frame) when the file is
    larger than the memory budget; the whole file otherwise, or when the first frame cannot
    be found on its own (a deflated data set, 1-bit pixels)."""
    path = Path(path)
    with path.open("rb") as f:
        preamble = has_dicom_prefix(f.read(132))
    if path.stat().st_size <= budget.DECODED_BUDGET:
        return pydicom.dcmread(path, force=not preamble)
    ds = pydicom.dcmread(path, force=not preamble, stop_before_pixels=True)
    ts = transfer_syntax(ds)
    implicit, little = ds.original_encoding
    if (ts.is_transfer_syntax and ts.is_deflated) or int_value(ds, "BitsAllocated") == 1:
        return pydicom.dcmread(path, force=not preamble)
    pixels = check_structure(
        path,
        implicit=bool(implicit),
        little_endian=little is not False,
        start=132 if preamble else 0,
    ).pixel_data
    if pixels is None:
        return ds
    data = _first_frame_bytes(path, ds, pixels.offset, pixels.length)
    ds.add_new(pixels.tag, PIXEL_VR.get(pixels.tag, "OB"), data)
    if "NumberOfFrames" in ds:
        ds.NumberOfFrames = 1
    return ds
