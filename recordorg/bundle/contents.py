"""What a bundle holds, as the writers of its index, review PDF, XDM and FHIR see it."""

from __future__ import annotations

import re
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from recordorg import __version__
from recordorg.bundle.case_summary import CaseSummary
from recordorg.bundle.codes import PATIENT_AUTHORITY, SOURCE_ID, Code, document_type, fresh_oid
from recordorg.bundle.names import (
    CASE,
    DICOMDIR,
    FHIR,
    INDEX,
    MANIFEST,
    README,
    REVIEW,
    XDM_METADATA,
)
from recordorg.formats.dicom_document import is_document_class

APPLICATION = "recordorg"


def made_sentence(made: str, made_by: str, application: str, version: str) -> str:
    """The sentence "Made 2025-03-01 by Ana with recordorg 1.0": when (left out when dates
    were removed), by whom (when the maker gave a name) and with what."""
    by = f"by {made_by}" if made_by else ""
    return " ".join(part for part in ("Made", made, by, f"with {application} {version}") if part)


@dataclass
class SeriesFacts:
    uid: str
    modality: str
    number: int | None
    description: str
    instances: list[tuple[str, str, int | None, str]] = field(default_factory=list)
    # (SOP Instance UID, SOP Class UID, instance number, bundle path)


@dataclass
class StudyFacts:
    """An imaging study as written into the bundle (UIDs as written, after any remapping)."""

    uid: str
    description: str
    date: str | None
    modalities: list[str] = field(default_factory=list)
    series: list[SeriesFacts] = field(default_factory=list)

    @property
    def instance_count(self) -> int:
        return sum(len(s.instances) for s in self.series)

    @property
    def report_count(self) -> int:
        """Reports the study carries (PDFs inside DICOM files), not images."""
        return sum(is_document_class(cls) for s in self.series for _u, cls, _n, _p in s.instances)

    def held(self) -> str:
        """ "24 images and 1 report", in words."""
        reports, images = self.report_count, self.instance_count - self.report_count
        return f"{images} image{'s' if images != 1 else ''}" + (
            f" and {reports} report{'s' if reports != 1 else ''}" if reports else ""
        )


@dataclass
class BundleEntry:
    """One record as the bundle shows it: number, words, date and its files."""

    number: int
    title: str
    category: str
    category_name: str
    kind: str
    date: str | None
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    mime: str = ""
    paths: list[str] = field(default_factory=list)
    size: int = 0
    sha1: str = ""
    sha256: str = ""
    page_count: int = 0
    study: StudyFacts | None = None
    warnings: list[str] = field(default_factory=list)  # also shown at the top of the bundle
    remarks: list[str] = field(default_factory=list)  # shown with the record only
    source_id: int = 0  # the record's id in the library it came from (not written out)
    review_page: int | None = None  # its first page in REVIEW.PDF, once that is written
    report_page: int | None = None  # a study's: the first page of the report it carries
    # What an import of the bundle restores: the file's own name, the date as the library
    # keeps it (first day, precision, the period covered) and where that date came from.
    original_name: str = ""
    date_day: str | None = None  # the first day of `date` ("2023-03-01" for "2023-03")
    date_precision: str = "day"
    date_start: str | None = None
    date_end: str | None = None
    date_source: str | None = None
    date_confirmed: bool = False
    # A document read from a patient portal (C-CDA, XDM): who wrote it, where, and its type
    # as its sender coded it; never kept when de-identified.
    source_author: str = ""
    source_facility: str = ""
    source_type_code: str = ""  # LOINC, as C-CDA codes a document's type
    source_type_name: str = ""

    def document_code(self) -> Code:
        """The document's LOINC type: as its sender coded it (C-CDA), else its category's."""
        if re.fullmatch(r"\d{1,7}-\d", self.source_type_code):
            return Code(self.source_type_code, self.source_type_name or self.source_type_code)
        return document_type(self.category)

    @property
    def main_path(self) -> str:
        return self.paths[0] if self.paths else ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("source_id")
        if self.study is not None:
            data["study"] = {
                "uid": self.study.uid,
                "description": self.study.description,
                "date": self.study.date,
                "modalities": self.study.modalities,
                "images": self.study.instance_count,
                "series": [
                    {
                        "uid": s.uid,
                        "modality": s.modality,
                        "number": s.number,
                        "description": s.description,
                        "images": len(s.instances),
                        "first": s.instances[0][3] if s.instances else "",
                    }
                    for s in self.study.series
                ],
            }
            data["paths"] = self.paths[:1]  # the study's folder is enough to point at it
            data["file_count"] = len(self.paths)
        return data


@dataclass
class BundleContents:
    """The whole bundle, known before its index, review and metadata are written."""

    subject: str
    person: str | None  # the real name; None when de-identified
    deidentified: bool
    case_code: str
    question: str
    contact: str
    made_by: str
    dates: str  # the date policy in words
    entries: list[BundleEntry] = field(default_factory=list)
    case: CaseSummary = field(default_factory=CaseSummary)
    warnings: list[str] = field(default_factory=list)
    dicomdir_notes: list[str] = field(default_factory=list)
    reports: list[BundleEntry] = field(default_factory=list)  # reports inside studies, as PDFs
    created: str = field(
        default_factory=lambda: datetime.now(UTC).replace(microsecond=0).isoformat()
    )
    application: str = APPLICATION
    version: str = __version__
    has_review_pdf: bool = True
    # Who issues the bundle's IDs: recordorg's own roots, or fresh ones for each de-identified
    # export so that it cannot be linked to another bundle of the same person.
    patient_authority: str = PATIENT_AUTHORITY
    source_id: str = SOURCE_ID
    id_salt: str = ""
    case_file: bool = False  # the case review is written as data (CASE.JSN)
    birth_date: str = ""  # ISO; never set when de-identified
    sex: str = ""  # "F", "M", "O" or ""
    patient_name: str = ""  # as the records write it ("DOE^JANE"); never when de-identified

    def made_words(self) -> str:
        """When the bundle was made, as its pages say it: date and time, the day alone when
        de-identified (moved with every other date), or "" when dates were removed."""
        if not self.created:
            return ""
        if self.deidentified:
            return self.created[:10]
        try:
            return datetime.fromisoformat(self.created).strftime("%Y-%m-%d %H:%M UTC")
        except ValueError:
            return self.created

    def fresh_identifiers(self) -> None:
        """New roots for the patient ID and the XDM source, and a salt for every other ID."""
        self.patient_authority, self.source_id = fresh_oid(), fresh_oid()
        self.id_salt = secrets.token_hex(16)

    @property
    def has_dicom(self) -> bool:
        return any(e.study is not None and e.paths for e in self.entries)

    @property
    def documents(self) -> list[BundleEntry]:
        """The documents, and the reports studies carry (as PDFs of their own)."""
        return [e for e in self.entries if e.study is None and e.paths] + self.reports

    def reports_of(self, number: int) -> list[BundleEntry]:
        return [r for r in self.reports if r.number == number]

    def by_category(self) -> list[tuple[str, list[BundleEntry]]]:
        groups: dict[str, list[BundleEntry]] = {}
        for entry in self.entries:
            groups.setdefault(entry.category_name, []).append(entry)
        return [
            (name, sorted(items, key=lambda e: (e.date or "9999", e.number)))
            for name, items in groups.items()
        ]

    def fixed_files(self) -> list[tuple[str, str]]:
        """The bundle's own files and what each is, for the readme and the index."""
        files = [
            (INDEX, "this case review as a web page: open it in any browser"),
            (README, "this description"),
        ]
        if self.has_review_pdf:
            files.append((REVIEW, "the case review and every document in one PDF"))
        if self.has_dicom:
            files.append((DICOMDIR, "the index of the imaging studies, for DICOM viewers"))
        if self.case_file:
            files.append((CASE, "the case review as data, for importing into recordorg"))
        files += [
            (XDM_METADATA, "IHE XDM metadata, for importing into hospital systems"),
            (FHIR, "the case as a FHIR R4 document bundle"),
            (MANIFEST, "the size and SHA-256 checksum of every file"),
        ]
        return files

    def about(self) -> dict[str, Any]:
        """What the manifest says about the bundle (read back by `recordorg open`)."""
        return {
            "application": self.application,
            "version": self.version,
            "created": self.created,
            "subject": self.subject,
            "person": self.person,
            "deidentified": self.deidentified,
            "dates": self.dates,
            "made_by": self.made_by,
            "contact": self.contact,
            "question": self.question,
            "warnings": self.warnings,
            "dicomdir_notes": self.dicomdir_notes,
            "records": [e.to_json() for e in self.entries],
            "case": self.case.to_json(),
            "case_file": CASE if self.case_file else None,
        }


def made_at(deidentified: bool, shift_days: int | None, now: datetime | None = None) -> str:
    """The time a bundle is made, as it says it: now (UTC); when de-identified, the day moved
    by the dates' shift (no time of day), or "" when dates are removed."""
    now = now or datetime.now(UTC)
    if not deidentified:
        return now.replace(microsecond=0).isoformat()
    if shift_days is None:
        return ""
    day = now.date() + timedelta(days=shift_days)
    return f"{day.isoformat()}T00:00:00+00:00"
