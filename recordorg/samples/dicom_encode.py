"""Put pixels into a sample DICOM dataset in a chosen transfer syntax, and write the file."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.uid import (
    PYDICOM_IMPLEMENTATION_UID,
    UID,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    RLELossless,
)

UNCOMPRESSED = {ExplicitVRLittleEndian, ImplicitVRLittleEndian}
SUPPORTED = UNCOMPRESSED | {RLELossless, JPEG2000Lossless, JPEGBaseline8Bit}


def set_pixels(
    ds: Dataset, pixels: np.ndarray, photometric: str, bits_stored: int, transfer_syntax: str
) -> None:
    """Store `pixels` (rows×cols, frames×rows×cols, or ×3 for colour) in `transfer_syntax`.

    JPEG baseline needs 8-bit pixels; RGB is then stored as YBR_FULL_422, as cameras do.
    """
    syntax = UID(transfer_syntax)
    if syntax not in SUPPORTED:
        raise ValueError(f"unsupported transfer syntax {syntax} ({syntax.name})")
    if not hasattr(ds, "file_meta"):
        ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.set_pixel_data(pixels, photometric, bits_stored, generate_instance_uid=False)
    if syntax in UNCOMPRESSED:
        ds.file_meta.TransferSyntaxUID = syntax
    elif syntax == JPEGBaseline8Bit:
        _jpeg_baseline(ds, pixels)
    else:
        ds.compress(syntax, pixels, generate_instance_uid=False)


def _jpeg_baseline(ds: Dataset, pixels: np.ndarray) -> None:
    if pixels.dtype != np.uint8:
        raise ValueError("JPEG baseline needs 8-bit pixels")
    colour = ds.SamplesPerPixel == 3
    frames = pixels if int(ds.get("NumberOfFrames", 1)) > 1 else pixels[None]
    encoded = []
    for frame in frames:
        buffer = io.BytesIO()
        Image.fromarray(frame, "RGB" if colour else "L").save(
            buffer, "JPEG", quality=90, subsampling=2 if colour else 0
        )
        encoded.append(buffer.getvalue())
    ds.PixelData = encapsulate(encoded)
    ds["PixelData"].VR = "OB"
    if colour:
        ds.PhotometricInterpretation = "YBR_FULL_422"
    ds.LossyImageCompression = "01"
    ds.LossyImageCompressionMethod = "ISO_10918_1"
    ratio = pixels.nbytes / max(1, sum(len(e) for e in encoded))
    ds.LossyImageCompressionRatio = f"{ratio:.2f}"[:16]
    ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit


def write_dataset(ds: Dataset, path: str | Path, preamble: bool = True) -> Path:
    """Write a DICOM file; with `preamble=False` write it as some hospital CDs do.

    Without the preamble there is no 128-byte preamble nor "DICM"; uncompressed data is then
    written bare (no file meta group, only the data set in its transfer syntax), compressed
    data keeps its file meta group because nothing else can tell a reader how to decode it.
    Readers need ``dcmread(force=True)`` for both.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = ds.file_meta
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.ImplementationClassUID = PYDICOM_IMPLEMENTATION_UID
    meta.ImplementationVersionName = "RECORDORG_SMPL"
    if preamble:
        ds.preamble = b"\x00" * 128
        ds.save_as(path, enforce_file_format=True)
        return path
    syntax = meta.TransferSyntaxUID
    ds.preamble = None
    if syntax in UNCOMPRESSED:
        bare = Dataset()
        bare.update(ds)
        bare.save_as(path, implicit_vr=syntax == ImplicitVRLittleEndian, little_endian=True)
    else:
        ds.save_as(path, enforce_file_format=False)
    return path
