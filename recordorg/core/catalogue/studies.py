"""An imaging study's series and their images in viewing order, read from the catalogue."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1"  # SOP class of a PDF inside a DICOM file
# Reports a study carries as documents: a PDF, a clinical document (CDA), structured reports.
DOCUMENT_CLASSES = (
    ENCAPSULATED_PDF,
    "1.2.840.10008.5.1.4.1.1.104.2",  # Encapsulated CDA
    "1.2.840.10008.5.1.4.1.1.88.11",  # Basic Text SR
    "1.2.840.10008.5.1.4.1.1.88.22",  # Enhanced SR
    "1.2.840.10008.5.1.4.1.1.88.33",  # Comprehensive SR
    "1.2.840.10008.5.1.4.1.1.88.34",  # Comprehensive 3D SR
)


@dataclass(frozen=True)
class StudyImage:
    """One stored DICOM file of a series (it may hold several frames)."""

    sha256: str
    instance_number: int | None
    slice_location: float | None
    frames: int
    rows: int
    columns: int


@dataclass
class StudySeries:
    """One series of a study, its images ordered as a viewer scrolls through them."""

    id: int
    number: int | None
    modality: str
    description: str
    body_part: str
    images: list[StudyImage] = field(default_factory=list)

    @property
    def frame_count(self) -> int:
        return sum(max(1, image.frames) for image in self.images)

    def frames(self) -> list[tuple[str, int]]:
        """(sha256, frame index) for every frame, in order: what the slice slider walks."""
        return [(i.sha256, f) for i in self.images for f in range(max(1, i.frames))]

    @property
    def label(self) -> str:
        number = f"{self.number}: " if self.number is not None else ""
        text = self.description or " ".join(p for p in (self.modality, self.body_part) if p)
        return f"{number}{text or 'Series'}"


def study_series(conn: sqlite3.Connection, record_id: int) -> list[StudySeries]:
    """The series of a study with pixel data, by series number, images in order."""
    series = {
        row["id"]: StudySeries(
            row["id"], row["number"], row["modality"], row["description"], row["body_part"]
        )
        for row in conn.execute(
            "SELECT id, number, modality, description, body_part FROM dicom_series "
            "WHERE record_id = ? ORDER BY number IS NULL, number, id",
            (record_id,),
        )
    }
    rows = conn.execute(
        "SELECT series_id, sha256, instance_number, slice_location, frames, rows, columns "
        "FROM dicom_instances WHERE record_id = ? AND rows > 0 "
        "ORDER BY series_id, instance_number IS NULL, instance_number, "
        "slice_location IS NULL, slice_location, id",
        (record_id,),
    )
    for row in rows:
        series[row["series_id"]].images.append(
            StudyImage(
                row["sha256"],
                row["instance_number"],
                row["slice_location"],
                row["frames"],
                row["rows"],
                row["columns"],
            )
        )
    return [s for s in series.values() if s.images]


@dataclass(frozen=True)
class StudyDocument:
    """A document (a PDF report) carried inside one of the study's DICOM files."""

    file_key: str  # the DICOM file: its SHA-256 in a library, its path in a bundle
    label: str


def study_documents(conn: sqlite3.Connection, record_id: int) -> list[StudyDocument]:
    """The documents a study carries (reports on hospital discs), in series order."""
    rows = conn.execute(
        "SELECT i.sha256, s.number, s.description FROM dicom_instances i "
        "JOIN dicom_series s ON s.id = i.series_id "
        f"WHERE i.record_id = ? AND i.sop_class_uid IN ({','.join('?' * len(DOCUMENT_CLASSES))}) "
        "ORDER BY s.number IS NULL, s.number, i.instance_number, i.id",
        (record_id, *DOCUMENT_CLASSES),
    ).fetchall()
    return [
        StudyDocument(
            row["sha256"],
            (row["description"] or "Document").capitalize() + (f" {n}" if len(rows) > 1 else ""),
        )
        for n, row in enumerate(rows, 1)
    ]
