"""Sequential JPEG frames with a scan header other viewers forgive, decoded all the same.

Some 12-bit writers put a spectral selection of 0-0 in the scan header of a sequential
(baseline or extended) JPEG, where the standard says 0-63. libjpeg 6b (DCMTK, GDCM, Orthanc)
warns and decodes; the ISO libjpeg that pylibjpeg wraps refuses the frame. Sequential
JPEG ignores those fields, so setting them to what the standard says changes no pixel.
"""

from __future__ import annotations

import numpy as np
from pydicom.dataset import Dataset
from pydicom.encaps import get_frame
from pydicom.uid import JPEGBaseline8Bit, JPEGExtended12Bit

from recordorg.formats.dicom_values import frame_count, int_value, transfer_syntax

SEQUENTIAL_FRAMES = {0xC0, 0xC1}  # start of frame: baseline, extended sequential (Huffman)
START_OF_SCAN = 0xDA
MARKERS_WITHOUT_LENGTH = {0x01, *range(0xD0, 0xD8)}  # TEM and restart markers


def repaired_scan_header(codestream: bytes) -> bytes | None:
    """The codestream with its first scan's spectral selection and approximation set to
    0-63 and 0, if it is sequential JPEG and they were otherwise; else None."""
    data = bytearray(codestream)
    at, sequential = 2, False
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in MARKERS_WITHOUT_LENGTH:
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        sequential = sequential or marker in SEQUENTIAL_FRAMES
        if marker == START_OF_SCAN:
            components = data[at + 4] if at + 4 < len(data) else 0
            fields = at + 5 + 2 * components
            if not sequential or fields + 3 > len(data):
                return None
            if data[fields : fields + 3] == b"\x00\x3f\x00":
                return None  # nothing to repair: the frame is damaged some other way
            data[fields : fields + 3] = b"\x00\x3f\x00"
            return bytes(data)
        at += 2 + length
    return None


def decode_forgiving(ds: Dataset, frame: int) -> np.ndarray | None:
    """A greyscale sequential JPEG frame whose scan header is repaired, decoded as stored
    values (signed where the file says so); None if there is nothing to repair."""
    if transfer_syntax(ds) not in (JPEGBaseline8Bit, JPEGExtended12Bit):
        return None
    if (int_value(ds, "SamplesPerPixel") or 1) != 1:
        return None
    codestream = get_frame(ds.PixelData, frame, number_of_frames=frame_count(ds))
    repaired = repaired_scan_header(codestream)
    if repaired is None:
        return None
    from libjpeg import decode

    values = decode(repaired)
    if values.shape[:2] != (int_value(ds, "Rows"), int_value(ds, "Columns")):
        return None
    bits = int_value(ds, "BitsStored") or 8
    if int_value(ds, "PixelRepresentation") == 1 and bits < 16:
        signed = values.astype(np.int32)
        signed[signed >= 1 << (bits - 1)] -= 1 << bits
        return signed.astype(np.int16)
    return values
