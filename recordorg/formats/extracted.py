"""Plain data that every format reader returns: what a file is and what it says."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class UnreadableFile(Exception):
    """A file that cannot be read as what it claims to be; the message is for the user."""


@dataclass
class PageText:
    """The text of one page and where it came from ("text-layer", "ocr" or "none")."""

    number: int  # 1-based
    text: str
    source: str = "text-layer"


@dataclass
class FoundDate:
    """A date found in a file, with where it came from."""

    value: str  # ISO date "YYYY-MM-DD"
    source: str  # "dicom-study-date", "exif", "pdf-metadata", "text", "file-time"
    kind: str = "document"  # what the date is about (refined by the understanding layer)
    detail: str = ""  # which field it came from, e.g. "CreationDate", "DateTimeOriginal"
    precision: str = "day"  # "day", "month" or "year": a date written without its day
    end: str = ""  # the last day of the period the date starts, if it starts one


@dataclass
class Extracted:
    """Everything a reader learned about one non-DICOM file."""

    kind: str  # "pdf", "image", "other"
    mime: str
    pages: list[PageText] = field(default_factory=list)
    page_count: int = 0
    dates: list[FoundDate] = field(default_factory=list)
    title: str = ""
    thumbnail_png: bytes | None = None
    warnings: list[str] = field(default_factory=list)  # e.g. "text is locked by a password"
    locked: bool = False  # encrypted PDF whose text could not be read
    meta: dict[str, Any] = field(default_factory=dict)
    readable_pdf: bytes | None = None  # a file with no pages of its own, drawn as a PDF
    attached: list[AttachedFile] = field(default_factory=list)  # files it carries inside


@dataclass
class AttachedFile:
    """A file carried inside another (a FHIR report's PDF): its name, bytes and reading."""

    name: str
    data: bytes
    content: Extracted


@dataclass
class DicomInstance:
    """The header facts of one DICOM file, enough to group and describe it."""

    sop_instance_uid: str
    sop_class_uid: str
    study_instance_uid: str
    series_instance_uid: str
    transfer_syntax_uid: str
    modality: str = ""
    study_date: str = ""  # ISO or ""
    study_time: str = ""
    study_id: str = ""
    study_description: str = ""
    series_description: str = ""
    series_number: int | None = None
    instance_number: int | None = None
    body_part: str = ""
    institution: str = ""
    patient_name: str = ""
    patient_id: str = ""
    patient_birth_date: str = ""
    patient_sex: str = ""  # "F", "M", "O" or ""
    accession_number: str = ""
    rows: int = 0
    columns: int = 0
    frames: int = 1
    slice_location: float | None = None
    image_position: tuple[float, float, float] | None = None
    has_pixels: bool = False
    meta: dict[str, Any] = field(default_factory=dict)
    document_pages: list[PageText] = field(default_factory=list)  # an encapsulated PDF's
