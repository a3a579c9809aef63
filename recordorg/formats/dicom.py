"""Read one DICOM file's header into a DicomInstance, refusing files that are cut short."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pydicom
from pydicom.dataset import Dataset
from pydicom.errors import InvalidDicomError
from pydicom.uid import UID

from recordorg.formats.budget import check_decoded_size
from recordorg.formats.dicom_document import document_pages, encapsulated_pdf, report_pages
from recordorg.formats.dicom_header import DicomHeader, dicom_header
from recordorg.formats.dicom_missing_uids import fill_in_missing_uids
from recordorg.formats.dicom_structure import (
    CUT_IN_HEADER,
    DAMAGED,
    PixelDataInfo,
    Structure,
    check_structure,
)
from recordorg.formats.dicom_values import (
    float_value,
    frame_count,
    int_value,
    position_value,
    text_value,
    transfer_syntax,
)
from recordorg.formats.extracted import DicomInstance, UnreadableFile
from recordorg.formats.sniff import Sniffed, has_dicom_prefix, sniff

REQUIRED = (
    ("SOPInstanceUID", "SOP Instance UID"),
    ("SOPClassUID", "SOP Class UID"),
    ("StudyInstanceUID", "Study Instance UID"),
    ("SeriesInstanceUID", "Series Instance UID"),
)
FLOAT_PIXEL_BYTES = {0x7FE00008: 4, 0x7FE00009: 8}

NOT_DICOM = "This file is not a DICOM file."
CUT_SHORT = "This DICOM file is incomplete (it is cut off before its end)."
NO_PIXELS = "This DICOM file is incomplete (the image data is missing)."
SHORT_PIXELS = "This DICOM file is incomplete (its image data is shorter than it should be)."
BAD_IMAGE_DETAILS = "This DICOM file is damaged (the size or format of its image is not stated)."
WRONG_FORMAT = "This DICOM file is damaged (its image data does not match its stated format)."
TOO_FEW_FRAMES = "This DICOM file is damaged (it holds fewer images than it says)."

_DATE = re.compile(r"^(\d{4})\.?(\d{2})\.?(\d{2})$")
_TIME = re.compile(r"^(\d{2})(\d{2})?(\d{2})?")


def iso_date(value: str) -> str:
    """DICOM "YYYYMMDD" (or old "YYYY.MM.DD") to ISO "YYYY-MM-DD"; "" if not a real date."""
    match = _DATE.match(value.strip())
    if match is None:
        return ""
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return ""


def iso_time(value: str) -> str:
    """DICOM "HHMMSS.ffffff" (or "HH:MM:SS") to "HH:MM:SS"; "" if not a real time."""
    match = _TIME.match(value.strip().replace(":", ""))
    if match is None:
        return ""
    hour, minute, second = (int(part or 0) for part in match.groups())
    if hour > 23 or minute > 59 or second > 60:
        return ""
    return f"{hour:02d}:{minute:02d}:{min(second, 59):02d}"


def readable_name(raw: str) -> str:
    """Turn "DOE^JOHN^^DR" into "DOE JOHN DR" (the alphabetic form of a DICOM person name)."""
    alphabetic = raw.split("=")[0]
    return " ".join(part.strip() for part in alphabetic.split("^") if part.strip())


def is_image_class(sop_class_uid: str) -> bool:
    """True for the storage SOP classes whose objects are images."""
    return "Image Storage" in UID(sop_class_uid).name


def _read_header(path: Path, force: bool, with_pixels: bool = False) -> Dataset:
    try:
        return pydicom.dcmread(path, force=force, stop_before_pixels=not with_pixels)
    except InvalidDicomError as exc:
        raise UnreadableFile(NOT_DICOM) from exc
    except Exception as exc:  # a damaged file can break the parser anywhere
        raise UnreadableFile(DAMAGED) from exc


def _structure(path: Path, ds: Dataset, ts: UID, preamble: bool) -> Structure:
    if ts.is_transfer_syntax and ts.is_deflated:
        # the data set is zlib-compressed: let pydicom inflate it and measure the result
        full = _read_header(path, force=not preamble, with_pixels=True)
        for tag in (0x7FE00010, 0x7FE00008, 0x7FE00009):
            element = full.get(tag)
            if element is not None:
                length = None if element.is_undefined_length else len(element.value or b"")
                return Structure(PixelDataInfo(tag, 0, length))
        return Structure()
    implicit, little = ds.original_encoding
    try:
        return check_structure(
            path,
            implicit=bool(implicit),
            little_endian=little is not False,
            start=132 if preamble else 0,
        )
    except UnreadableFile as exc:
        if str(exc) == CUT_IN_HEADER and not is_image_class(text_value(ds, "SOPClassUID")):
            raise UnreadableFile(CUT_SHORT) from exc  # no image to be "before"
        raise


def expected_native_length(
    rows: int, columns: int, samples: int, bits: int, frames: int, photometric: str
) -> int:
    """Bytes of uncompressed pixel data (without the odd-length pad byte), as in PS3.5 8.1.1."""
    length = rows * columns * samples * frames
    length = (length + 7) // 8 if bits == 1 else length * (bits // 8)
    if photometric == "YBR_FULL_422":
        length = length // 3 * 2
    return length


def native_frame_length(ds: Dataset) -> int:
    """Bytes of one uncompressed frame, as the file's header describes it."""
    return expected_native_length(
        int_value(ds, "Rows") or 0,
        int_value(ds, "Columns") or 0,
        int_value(ds, "SamplesPerPixel") or 1,
        int_value(ds, "BitsAllocated") or 8,
        1,
        text_value(ds, "PhotometricInterpretation"),
    )


def _check_memory(ds: Dataset, pixels: PixelDataInfo, frames: int, stored: int) -> None:
    """Frames are decoded one at a time: a frame's decoded size, and the compressed bytes
    read to decode it (held twice: as read and joined), must fit the reader's budget."""
    check_decoded_size(native_frame_length(ds), "scan image")
    if pixels.length is None:
        check_decoded_size(2 * stored // max(frames, 1), "scan image")


def _check_image(ds: Dataset, ts: UID, pixels: PixelDataInfo | None, stored: int = 0) -> None:
    if pixels is None:
        raise UnreadableFile(NO_PIXELS)
    rows, columns = int_value(ds, "Rows"), int_value(ds, "Columns")
    bits, samples = int_value(ds, "BitsAllocated"), int_value(ds, "SamplesPerPixel")
    if (
        not rows
        or not columns
        or rows < 0
        or columns < 0
        or bits not in (1, 8, 16, 32, 64)
        or samples not in (1, 3, 4)
        or not text_value(ds, "PhotometricInterpretation")
    ):
        raise UnreadableFile(BAD_IMAGE_DETAILS)
    frames = frame_count(ds)
    _check_memory(ds, pixels, frames, stored)
    compressed = ts.is_transfer_syntax and ts.is_compressed
    if pixels.length is None:  # encapsulated
        if ts.is_transfer_syntax and not compressed:
            raise UnreadableFile(WRONG_FORMAT)
        if pixels.fragments < frames:
            raise UnreadableFile(TOO_FEW_FRAMES)
        return
    if compressed:
        return  # encapsulated with a defined length: not standard, left to the decoder
    if pixels.tag in FLOAT_PIXEL_BYTES:
        expected = rows * columns * samples * frames * FLOAT_PIXEL_BYTES[pixels.tag]
    else:
        expected = expected_native_length(
            rows, columns, samples, bits, frames, text_value(ds, "PhotometricInterpretation")
        )
    if pixels.length < expected:
        raise UnreadableFile(SHORT_PIXELS)


def _not_dicom_message(kind: str) -> str:
    looks_like = {"pdf": "a PDF document", "image": "a picture", "software": "a program"}
    if kind == "empty":
        return "This file is empty."
    if kind in looks_like:
        return f"This file is not a DICOM file (it is {looks_like[kind]})."
    return NOT_DICOM


def read_dicom(path: Path, sniffed: Sniffed | None = None) -> DicomInstance:
    """Read and check one DICOM file; raises UnreadableFile if it is not DICOM, is cut short
    or lacks what is needed to group and show it."""
    path = Path(path)
    sniffed = sniffed or sniff(path)
    if sniffed.kind == "dicomdir":
        raise UnreadableFile("This is the index of a DICOM disc (DICOMDIR), not a scan image.")
    if sniffed.kind != "dicom":
        raise UnreadableFile(_not_dicom_message(sniffed.kind))
    with path.open("rb") as f:
        preamble = has_dicom_prefix(f.read(132))
    ds = _read_header(path, force=not preamble)
    ts = transfer_syntax(ds)
    structure = _structure(path, ds, ts, preamble)
    pixels = structure.pixel_data
    sop_class = text_value(ds, "SOPClassUID")
    if pixels is not None or is_image_class(sop_class):
        stored = path.stat().st_size - pixels.offset if pixels is not None else 0
        _check_image(ds, ts, pixels, stored)
    made_up: list[str] = []
    if text_value(ds, "SOPInstanceUID") and text_value(ds, "SOPClassUID"):
        made_up = fill_in_missing_uids(ds)  # no study or series: made from the image's own ID
    missing = [label for keyword, label in REQUIRED if not text_value(ds, keyword)]
    if missing:
        raise UnreadableFile(
            f"This DICOM file lacks details it needs ({', '.join(missing)}), so it cannot be used."
        )
    instance = _instance(ds, dicom_header(ds), ts, structure, preamble)
    if made_up:
        instance.meta["made_up_uids"] = made_up
    _read_document(ds, instance)
    return instance


def _instance(
    ds: Dataset, header: DicomHeader, ts: UID, structure: Structure, preamble: bool
) -> DicomInstance:
    """The catalogue's facts of a file checked readable: dates in ISO form, names readable."""
    pixels = structure.pixel_data
    return DicomInstance(
        sop_instance_uid=header.sop_instance_uid,
        sop_class_uid=header.sop_class_uid,
        study_instance_uid=header.study_instance_uid,
        series_instance_uid=header.series_instance_uid,
        transfer_syntax_uid=str(ts),
        modality=header.modality,
        study_date=iso_date(header.study_date),
        study_time=iso_time(header.study_time),
        study_id=header.study_id,
        study_description=header.study_description,
        series_description=header.series_description,
        series_number=header.series_number,
        instance_number=header.instance_number,
        body_part=header.body_part,
        institution=header.institution,
        patient_name=readable_name(header.patient_name),
        patient_id=header.patient_id,
        patient_birth_date=iso_date(header.patient_birth_date),
        patient_sex=header.patient_sex.upper()[:1],
        accession_number=header.accession_number,
        rows=int_value(ds, "Rows") or 0,
        columns=int_value(ds, "Columns") or 0,
        frames=frame_count(ds),
        slice_location=float_value(ds, "SliceLocation"),
        image_position=position_value(ds),
        has_pixels=pixels is not None,
        meta={
            "sop_class_name": UID(header.sop_class_uid).name,
            "transfer_syntax_name": ts.name,
            "photometric_interpretation": text_value(ds, "PhotometricInterpretation"),
            "bits_allocated": int_value(ds, "BitsAllocated"),
            "samples_per_pixel": int_value(ds, "SamplesPerPixel"),
            "encapsulated": pixels is not None and pixels.length is None,
            "cut_after_image": structure.cut_after_image,
            "preamble": preamble,
            "manufacturer": header.manufacturer,
            "series_date": iso_date(header.series_date),
            "content_date": iso_date(header.content_date),
            "patient_name_dicom": header.patient_name,
        },
    )


def _read_document(ds: Dataset, instance: DicomInstance) -> None:
    """The text of a report carried inside the file (a PDF, or one written as data)."""
    data = encapsulated_pdf(ds)
    report = report_pages(ds) if data is None else None
    if report is not None:
        instance.document_pages, title, warning = report
    elif data is not None:
        instance.document_pages, warning = document_pages(data)
        title = text_value(ds, "DocumentTitle")
    else:
        return
    instance.meta["document_title"] = title
    instance.meta["document_pages"] = len(instance.document_pages)
    if warning:
        instance.meta["document_warning"] = warning
