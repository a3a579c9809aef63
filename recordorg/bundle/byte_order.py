"""Rewriting a big endian DICOM data set in little endian byte order, for the bundle's media.

pydicom reads numbers (US, SS, UL, SL, FL, FD, AT and their multi-valued forms) as numbers,
and writes them in the byte order of the file it writes; the values it keeps as bytes (OW,
OF, OL, OD, OV and the pixel data) it writes as they were read. Those are swapped here, in
every sequence item and private element too, and the result is written and read back to
check it: the same values and, for an image, the same pixels as pydicom decodes from the
file as it was stored. Anything that cannot be swapped knowingly leaves the data set as it
was."""

from __future__ import annotations

import io
from collections.abc import Iterator

import numpy as np
import pydicom
from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.uid import ExplicitVRLittleEndian

# Bytes swapped together, by the VR of a value pydicom keeps as bytes.
WORD_SIZE = {"OW": 2, "OF": 4, "OL": 4, "OD": 8, "OV": 8}
# Pixel data by Bits Allocated (pydicom decodes 8-bit pixels stored as big endian OW as
# swapped in pairs, and wider ones as numbers of their own size).
PIXEL_WORD_SIZE = {8: 2, 16: 2, 32: 4, 64: 8}
NUMBERS = {"US", "SS", "UL", "SL", "FL", "FD", "AT", "SV", "UV"}
PIXEL_DATA = 0x7FE00010
PIXEL_KEYWORDS = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")


class CannotSwap(Exception):
    """Why a data set's byte order cannot be rewritten safely, in words."""


def to_little_endian(ds: Dataset) -> None:
    """Rewrite the (big endian) data set's values in little endian byte order and mark it
    Explicit VR Little Endian; raises CannotSwap, leaving it as it was, when that cannot be
    done knowingly or the result does not read back the same."""
    swaps = list(_swaps(ds))
    before = _pixels(ds)
    stored = ds.file_meta.TransferSyntaxUID
    for element, _old, new in swaps:
        element.value = new
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    try:
        _check(ds, before)
    except Exception:
        for element, old, _new in swaps:
            element.value = old
        ds.file_meta.TransferSyntaxUID = stored
        raise


def _swaps(ds: Dataset) -> Iterator[tuple[DataElement, bytes, bytes]]:
    """(element, its bytes as stored, the same swapped) for each value kept as bytes whose
    bytes depend on the byte order, in the data set and its sequences' items."""
    for element in ds:  # iterating reads every element with its VR and numbers as numbers
        value = element.value
        if element.VR == "SQ":
            for item in value or []:
                yield from _swaps(item)
        elif not value:
            continue
        elif element.VR == "UN":
            raise CannotSwap("it holds an element of unknown kind, whose byte order is not known")
        elif element.VR in NUMBERS and isinstance(value, bytes):
            raise CannotSwap("a number in it could not be read")
        elif element.tag == PIXEL_DATA and element.VR == "OW":
            size = PIXEL_WORD_SIZE.get(int(ds.get("BitsAllocated") or 0))
            if size is None:
                raise CannotSwap("its pixels are of a size whose byte order is not certain")
            yield element, value, _swapped(value, size)
        elif element.VR in WORD_SIZE:
            yield element, value, _swapped(value, WORD_SIZE[element.VR])


def _swapped(value: bytes, size: int) -> bytes:
    if len(value) % size:
        raise CannotSwap("a value in it is cut short")
    return np.frombuffer(value, dtype=f"u{size}").byteswap().tobytes()


def _pixels(ds: Dataset) -> np.ndarray | None:
    """The pixels as pydicom decodes them from the file as stored (None without pixels)."""
    if not any(keyword in ds for keyword in PIXEL_KEYWORDS):
        return None
    try:
        return ds.pixel_array.copy()
    except Exception as error:  # a decoder's failure names no patient data
        raise CannotSwap("its pixels could not be read to check them") from error


def _check(ds: Dataset, before: np.ndarray | None) -> None:
    """Write the data set as it will be written, read it back, and compare."""
    out = io.BytesIO()
    pydicom.dcmwrite(out, ds, enforce_file_format=True)
    back = pydicom.dcmread(io.BytesIO(out.getvalue()))
    if not _same(back, ds):
        raise CannotSwap("written again it did not read back the same")
    if before is not None and not np.array_equal(back.pixel_array, before):
        raise CannotSwap("written again its pixels were not the same")


def _same(one: Dataset, other: Dataset) -> bool:
    """The same elements with the same values, but for group lengths (never written)."""
    tags = sorted(t for t in one.keys() if not (t.element == 0 and t.group > 6))
    if tags != sorted(t for t in other.keys() if not (t.element == 0 and t.group > 6)):
        return False
    for tag in tags:
        mine, theirs = one[tag], other[tag]
        if mine.VR == "SQ" and theirs.VR == "SQ":
            items = list(zip(mine.value, theirs.value, strict=False))
            if len(mine.value) != len(theirs.value) or not all(_same(a, b) for a, b in items):
                return False
        elif mine != theirs:
            return False
    return True
