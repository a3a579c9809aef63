"""What goes into a bundle: the chosen records in their order, their files, and the options."""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from recordorg.bundle.names import dicom_file_id, document_path, file_id_path
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.patient_identity import identity_of, patients_in, record_patients
from recordorg.core.catalogue.patient_match import Patient
from recordorg.core.catalogue.people import person_id
from recordorg.core.catalogue.records import Record, RecordFilter, get_records, list_records
from recordorg.core.errors import UserError
from recordorg.core.wording import first_day

ORDERS = {
    "date": "oldest first",
    "newest": "newest first",
    "category": "by category, then oldest first",
    "given": "in the order chosen by hand",
}
CASE_CODE_LETTERS = "ACDEFGHJKLMNPQRTUVWXY34679"  # no look-alikes (0/O, 1/I, 5/S, 8/B)
MAX_TEXT = 2000
SHIFT_DAYS = (365, 3652)  # the range of a random date shift, in days back


def new_case_code() -> str:
    """A fresh code that names the person in a de-identified bundle, e.g. CASE-7KQ3RX."""
    return "CASE-" + "".join(secrets.choice(CASE_CODE_LETTERS) for _ in range(6))


def random_shift() -> int:
    """A secret number of days every date of a de-identified bundle moves by: back between
    one and ten years (PS3.15 Retain Longitudinal Temporal Information, Modified Dates)."""
    return -(SHIFT_DAYS[0] + secrets.randbelow(SHIFT_DAYS[1] - SHIFT_DAYS[0] + 1))


@dataclass
class BundleOptions:
    """The choices a user makes for one export."""

    deidentify: bool = False
    date_shift_days: int | None = None  # with deidentify: move every date by this many days
    remove_dates: bool = False  # with deidentify: remove dates (else shifted, by a random offset)
    case_code: str = ""
    question: str = ""
    contact: str = ""
    made_by: str = ""
    passphrase: str | None = None  # for an encrypted zip

    def __post_init__(self) -> None:
        if self.date_shift_days is not None or self.remove_dates:
            self.deidentify = True
        if self.date_shift_days is not None and self.remove_dates:
            raise UserError("Choose either to shift dates or to remove them, not both.")
        if self.deidentify and self.date_shift_days is None and not self.remove_dates:
            self.date_shift_days = random_shift()  # intervals kept, the real dates hidden
        if self.date_shift_days is not None and abs(self.date_shift_days) > 36_500:
            raise UserError("Shift dates by at most 100 years (36,500 days).")
        if self.deidentify and not self.case_code:
            self.case_code = new_case_code()
        for name in ("question", "contact", "made_by"):
            value = (
                " ".join(str(getattr(self, name) or "").split())
                if name != "question"
                else str(getattr(self, name) or "").strip()
            )
            if len(value) > MAX_TEXT:
                raise UserError(
                    f"The {name.replace('_', ' ')} is too long (at most {MAX_TEXT} characters)."
                )
            setattr(self, name, value)

    @property
    def keeps_dates(self) -> bool:
        return not self.remove_dates

    def bundle_date(self, iso: str | None) -> str | None:
        """A date as it appears in the bundle: as is, shifted, or removed (None). A partial date
        ("2023-03", "2021") is shifted from its first day and keeps its precision."""
        if not iso:
            return None
        if self.remove_dates:
            return None
        if self.date_shift_days:
            day = first_day(iso[:10])
            if day is None:
                return None
            moved = (day + timedelta(days=self.date_shift_days)).isoformat()
            return moved[: len(iso[:10])] + iso[10:]
        return iso

    def date_words(self) -> str:
        if not self.deidentify:
            return "dates as recorded"
        if self.remove_dates:
            return "dates removed"
        return "dates shifted by a fixed number of days (intervals kept)"


@dataclass
class PlannedInstance:
    """One DICOM file of a study and the file ID it gets in the bundle."""

    sha256: str
    size: int
    sop_instance_uid: str
    series_uid: str
    series_number: int | None
    instance_number: int | None
    file_id: list[str]
    sop_class_uid: str = ""
    transfer_syntax: str = ""
    modality: str = ""
    series_description: str = ""

    @property
    def path(self) -> str:
        return file_id_path(self.file_id)


@dataclass
class PlannedRecord:
    """One record in the bundle: its number (its place in the order) and where its files go."""

    number: int
    record: Record
    document: str | None = None  # bundle path of a document, photo or other file
    study_number: int | None = None
    instances: list[PlannedInstance] = field(default_factory=list)

    @property
    def paths(self) -> list[str]:
        return [self.document] if self.document else [i.path for i in self.instances]

    @property
    def size(self) -> int:
        return self.record.size if self.document else sum(i.size for i in self.instances)


@dataclass
class BundlePlan:
    """Everything an export will write, decided before a byte is copied."""

    person: str | None
    records: list[PlannedRecord]
    options: BundleOptions
    order: str = "date"
    warnings: list[str] = field(default_factory=list)
    # Each patient beyond the person the records name, with their records (see other_patients)
    other_patients: list[str] = field(default_factory=list)
    person_identity: Patient | None = None  # who the person is, as their records name them
    named_patients: list[Patient] = field(default_factory=list)  # each record's, in order

    @property
    def subject(self) -> str:
        """How the bundle names the person: their name, or the case code if de-identified."""
        if self.options.deidentify:
            return self.options.case_code
        return self.person or "Person not named"

    @property
    def total_bytes(self) -> int:
        return sum(r.size for r in self.records)

    @property
    def file_count(self) -> int:
        return sum(len(r.paths) for r in self.records)

    def number_of(self, record_id: int) -> int | None:
        for planned in self.records:
            if planned.record.id == record_id:
                return planned.number
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.subject,
            "order": self.order,
            "deidentify": self.options.deidentify,
            "dates": self.options.date_words(),
            "files": self.file_count,
            "bytes": self.total_bytes,
            "warnings": self.warnings,
            "other_patients": self.other_patients,
            "records": [
                {
                    "number": p.number,
                    "id": p.record.id,
                    "title": p.record.title,
                    "category": p.record.category_name,
                    "kind": p.record.kind,
                    "date": self.options.bundle_date(p.record.date_as_written),
                    "files": p.paths,
                }
                for p in self.records
            ],
        }


def sort_records(records: list[Record], order: str, ids: list[int] | None = None) -> list[Record]:
    """Records in a bundle's order (see ORDERS); undated records come last."""
    undated = "9999-99-99"
    if order == "given":
        if not ids:
            return records
        place = {rid: n for n, rid in enumerate(ids)}
        return sorted(records, key=lambda r: place.get(r.id, len(place)))
    if order == "newest":
        return sorted(records, key=lambda r: (r.clinical_date or "", r.id), reverse=True)
    by_date = sorted(records, key=lambda r: (r.clinical_date or undated, r.id))
    if order == "category":
        return sorted(by_date, key=lambda r: r.category_name.casefold())
    return by_date


def _instances(conn: sqlite3.Connection, record_id: int, study: int) -> list[PlannedInstance]:
    rows = conn.execute(
        """SELECT i.sha256, i.size, i.sop_instance_uid, s.series_instance_uid, s.number,
                  i.instance_number, s.id AS series_id, i.sop_class_uid, i.transfer_syntax,
                  s.modality, s.description
           FROM dicom_instances i JOIN dicom_series s ON s.id = i.series_id
           WHERE i.record_id = ?
           ORDER BY s.number IS NULL, s.number, s.id, i.instance_number IS NULL,
                    i.instance_number, i.slice_location, i.id""",
        (record_id,),
    ).fetchall()
    series_numbers: dict[int, int] = {}
    counts: dict[int, int] = {}
    planned = []
    for row in rows:
        series = series_numbers.setdefault(row["series_id"], len(series_numbers) + 1)
        counts[series] = counts.get(series, 0) + 1
        planned.append(
            PlannedInstance(
                row["sha256"],
                row["size"],
                row["sop_instance_uid"],
                row[3],
                row[4],
                row[5],
                dicom_file_id(study, series, counts[series]),
                row["sop_class_uid"],
                row["transfer_syntax"],
                row["modality"],
                row["description"],
            )
        )
    return planned


def plan_bundle(
    library: Library,
    *,
    person: str | None = None,
    flt: RecordFilter | None = None,
    ids: list[int] | None = None,
    order: str | None = None,
    options: BundleOptions | None = None,
) -> BundlePlan:
    """Choose the records (by person and filters, or by hand) and lay out their files."""
    conn = library.connection()
    options = options or BundleOptions()
    order = order or ("given" if ids else "date")
    if order not in ORDERS:
        raise UserError(f'Order records by one of: {", ".join(ORDERS)} (not "{order}").')
    flt = flt or RecordFilter()
    if person:
        flt.person = person
    if ids:
        flt.ids = list(ids)
        missing = sorted(set(ids) - set(get_records(conn, list(ids))))
        if missing:
            raise UserError(f"There is no record {', '.join(map(str, missing))} in this library.")
    chosen = sort_records(list_records(conn, flt), order, ids)
    if not chosen:
        raise UserError("No records match what you chose, so there is nothing to export.")
    people = {r.person for r in chosen}
    if len(people - {None}) > 1:
        names = ", ".join(sorted(p for p in people if p))
        raise UserError(
            f"A bundle is about one person, but these records belong to {names}. "
            "Choose the person (--person)."
        )
    owner = next((p for p in people if p), None)
    plan = BundlePlan(owner, [], options, order)
    owner_id = person_id(conn, owner) if owner else None
    identity = identity_of(conn, owner_id)
    plan.person_identity = identity.patient if identity else None
    plan.other_patients = other_patients(conn, chosen, owner_id)
    plan.named_patients = named_patients(conn, chosen)
    if plan.other_patients:  # a de-identified bundle's notes name no one
        others = (
            f"{len(plan.other_patients)} other patient(s)"
            if options.deidentify
            else "; ".join(plan.other_patients)
        )
        plan.warnings.append(
            f"This bundle carries records of more than one patient: {others}. "
            "Check that they belong in it before sending it."
        )
    study = 0
    for number, record in enumerate(chosen, 1):
        planned = PlannedRecord(number, record)
        if record.kind == "dicom":
            study += 1
            planned.study_number = study
            planned.instances = _instances(conn, record.id, study)
            if not planned.instances:
                plan.warnings.append(
                    f"Record {number} ({record.title}) has no images stored; "
                    "it is listed but holds no files."
                )
        else:
            planned.document = document_path(number, record.mime, record.original_name)
        _check_stored(library, planned)
        plan.records.append(planned)
    return plan


def other_patients(conn: sqlite3.Connection, chosen: list[Record], owner: int | None) -> list[str]:
    """When the records name more than one patient: each patient beyond the person (or the
    first named), with their records ("John Doe (born 1955-01-01): records 4, 7")."""
    groups = patients_in(conn, [r.id for r in chosen], owner)
    return [
        f"{patient.words()}: record{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))}"
        for patient, ids in groups[1:]
    ]


def named_patients(conn: sqlite3.Connection, chosen: list[Record]) -> list[Patient]:
    """The patient each record names, in the bundle's order (a study's as its images name
    them, also when the library kept no patient for it)."""
    named = record_patients(conn, [r.id for r in chosen])
    found = []
    for record in chosen:
        meta = record.meta
        patient = named.get(record.id) or Patient(
            str(meta.get("patient_name") or ""),
            str(meta.get("patient_birth_date") or ""),
            str(meta.get("patient_id") or ""),
            str(meta.get("patient_sex") or "")[:1],
        )
        if patient.known:
            found.append(patient)
    return found


def _check_stored(library: Library, planned: PlannedRecord) -> None:
    hashes = [planned.record.sha256] if planned.document else [i.sha256 for i in planned.instances]
    for sha in hashes:
        if not sha or not library.original_path(sha).is_file():
            raise UserError(
                f"A stored file of record {planned.record.id} ({planned.record.title}) is "
                "missing from the library. Run `recordorg check` and try again."
            )


def source_path(library: Library, sha256: str) -> Path:
    return library.original_path(sha256)
