"""The facts of each DICOM file that a DICOMDIR lists, read once while the file is copied."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.fileset import DIRECTORY_RECORDERS
from pydicom.uid import (
    UID,
    ExplicitVRBigEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
)

from recordorg.bundle.byte_order import CannotSwap, to_little_endian
from recordorg.bundle.dicomdir_sr import sr_document_keys
from recordorg.bundle.files import CHUNK
from recordorg.core.wording import human_size
from recordorg.formats.dicom_header import DicomHeader, dicom_header
from recordorg.formats.dicom_jpeg import decode_forgiving
from recordorg.formats.dicom_values import decoded_size, frame_count
from recordorg.formats.sniff import has_dicom_prefix

# An image whose decoded pixels would take more than this stays compressed on the media
# (decoding it, with the copies writing it takes, could exhaust the computer's memory).
MEDIA_DECODE_LIMIT = 768 * 1024 * 1024
ENCODINGS = {  # (implicit VR, little endian) as read: the transfer syntax it is
    (True, True): ImplicitVRLittleEndian,
    (False, True): ExplicitVRLittleEndian,
    (False, False): ExplicitVRBigEndian,
}
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
        if found.record_type == "SR DOCUMENT" and found.record_keys is not None:
            found.record_keys = sr_document_keys(ds, found.record_keys)
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


def kept_as_stored(transfer_syntax: str) -> bool:
    """True when a file goes on the media as it is stored: it is already in Explicit VR Little
    Endian, the one transfer syntax of the general-purpose media profiles (STD-GEN-CD,
    -DVD, -USB); an unknown one ("") is taken as is."""
    return transfer_syntax in ("", ExplicitVRLittleEndian)


def for_general_purpose_media(ds: Dataset) -> str:
    """Rewrite the dataset in Explicit VR Little Endian, so the bundle's media keep to the
    general-purpose CD profile (STD-GEN-CD) every DICOM viewer reads: compressed pixels are
    decoded (a lossy image stays what it was: Lossy Image Compression says 01 and the
    pixels are the ones it showed), implicit VR is written again as explicit, big endian
    values are swapped to little endian (checked: the same values and pixels read back).
    Returns "" or why the file has to stay as it was stored, in words."""
    stored = stored_syntax(ds)
    with_every_vr(ds)
    if kept_as_stored(stored):
        return ""
    if (stored.is_compressed or not stored.is_little_endian) and (
        decoded_size(ds) > MEDIA_DECODE_LIMIT
    ):
        return (
            f"An image is kept as it was stored ({stored.name}): decoded it would take "
            f"{human_size(decoded_size(ds))}, too much to convert safely, so a viewer that "
            "reads only uncompressed images may not show it."
        )
    if not stored.is_little_endian:
        try:
            to_little_endian(ds)
        except CannotSwap as why:
            return (
                f"An image is kept as it was stored ({stored.name}, an old byte order this "
                f"export could not rewrite safely: {why}), so a viewer that reads only the "
                "usual byte order may not show it."
            )
        return ""
    try:
        _to_explicit_little_endian(ds, stored)
    except Exception as error:  # a decoder's failure names no patient data
        return (
            f"An image is kept as it was stored ({stored.name}; it could not be converted: "
            f"{type(error).__name__}), so a viewer that reads only uncompressed images may "
            "not show it."
        )
    return ""


def stored_syntax(ds: Dataset) -> UID:
    """The transfer syntax the data set was stored in: its file meta group's; for a bare data
    set (no file meta group, as some discs hold) the encoding it was read in, now written in
    a file meta group of its own so that the file can be written with the PS3.10 header."""
    meta = getattr(ds, "file_meta", None)
    stored = UID(str(meta.get("TransferSyntaxUID") or "")) if meta is not None else UID("")
    read_as = ENCODINGS.get(ds.original_encoding)
    if stored or read_as is None:
        return stored
    stored = UID(read_as)
    if meta is None:
        ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = stored
    return stored


def with_every_vr(ds: Dataset) -> None:
    """Give every element its VR before the data set is written in an explicit VR syntax: a
    file whose elements are written with implicit VR under a transfer syntax that says
    explicit (some JPEG secondary captures) is read without them, and pydicom writes what it
    read as it was, so such a file could not be written again."""
    for _element in ds.iterall():  # reading an element converts it, with its VR, in place
        pass


def _to_explicit_little_endian(ds: Dataset, stored: UID) -> None:
    if not stored.is_compressed or "PixelData" not in ds:
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        return
    try:
        ds.decompress(generate_instance_uid=False)  # the same image: references hold
    except Exception:
        # 12-bit JPEG whose scan header other viewers forgive: decoded as they decode it
        frames = [decode_forgiving(ds, n) for n in range(frame_count(ds))]
        if not frames or any(f is None for f in frames):
            raise
        pixels = frames[0] if len(frames) == 1 else np.stack(frames)
        photometric, bits = str(ds.PhotometricInterpretation), int(ds.BitsStored)
        ds.set_pixel_data(pixels, photometric, bits, generate_instance_uid=False)
