"""Reading records from the catalogue: one record, or a filtered list of them."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from recordorg.core.catalogue.search_query import matching_record_ids_sql
from recordorg.core.catalogue.studies import DOCUMENT_CLASSES
from recordorg.core.errors import NotFound
from recordorg.core.wording import date_span, reduced_iso

KINDS = ("pdf", "image", "dicom", "other")


@dataclass
class Record:
    """A record as the user sees it: one document, photo or imaging study."""

    id: int
    kind: str
    title: str
    category: str  # slug
    category_name: str
    person: str | None
    clinical_date: str | None
    date_source: str | None
    date_confirmed: bool
    notes: str
    tags: list[str]
    original_name: str
    original_path: str
    mime: str
    size: int
    sha256: str | None
    study_instance_uid: str | None
    page_count: int
    locked: bool
    warnings: str
    batch_id: int | None
    imported_at: str
    meta: dict[str, Any] = field(default_factory=dict)
    series_count: int = 0
    instance_count: int = 0
    report_count: int = 0  # a study's reports carried as PDFs inside its DICOM files
    # How precise clinical_date is: "day", or "month", "quarter", "year" for a date written
    # without its day (clinical_date is then the first day of that month, quarter or year).
    date_precision: str = "day"
    # The period the record covers (a course of treatment, a stay in hospital), or None.
    clinical_date_start: str | None = None
    clinical_date_end: str | None = None

    @property
    def period(self) -> tuple[str, str] | None:
        """The first and last date the record covers (the same for a single date), each at
        date_precision; None without a date."""
        if not self.clinical_date:
            return None
        start = self.clinical_date_start or self.clinical_date
        return start, self.clinical_date_end or self.clinical_date

    @property
    def date_shown(self) -> str:
        """The date as people read it: "3 Mar 2025", "Mar 2023", "1 Apr – 14 Apr 2025"."""
        if not self.clinical_date:
            return ""
        start, end = self.period or (self.clinical_date, self.clinical_date)
        return date_span(start, end, self.date_precision)

    @property
    def date_as_written(self) -> str | None:
        """The date to its precision in ISO form ("2023-03"), as FHIR writes partial dates."""
        return reduced_iso(self.clinical_date, self.date_precision)

    @property
    def image_count(self) -> int:
        """A study's images (its files less the reports it carries)."""
        return self.instance_count - self.report_count

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RecordFilter:
    """What `list` narrows by; empty fields mean no narrowing."""

    person: str | None = None
    category: str | None = None
    tag: str | None = None
    kind: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str | None = None
    ids: list[int] | None = None


SELECT = f"""
SELECT r.*, c.slug AS category, c.name AS category_name, p.name AS person,
  (SELECT group_concat(t.name, char(31)) FROM (SELECT t.name FROM record_tags rt
     JOIN tags t ON t.id = rt.tag_id WHERE rt.record_id = r.id ORDER BY t.name) t) AS tag_list,
  (SELECT count(*) FROM dicom_series s WHERE s.record_id = r.id) AS series_count,
  (SELECT count(*) FROM dicom_instances i WHERE i.record_id = r.id) AS instance_count,
  (SELECT count(*) FROM dicom_instances i WHERE i.record_id = r.id
     AND i.sop_class_uid IN ({", ".join(f"'{uid}'" for uid in DOCUMENT_CLASSES)})) AS report_count
FROM records r
JOIN categories c ON c.id = r.category_id
LEFT JOIN people p ON p.id = r.person_id
"""


def _record(row: sqlite3.Row) -> Record:
    return Record(
        id=row["id"],
        kind=row["kind"],
        title=row["title"],
        category=row["category"],
        category_name=row["category_name"],
        person=row["person"],
        clinical_date=row["clinical_date"],
        date_source=row["date_source"],
        date_confirmed=bool(row["date_confirmed"]),
        notes=row["notes"],
        tags=row["tag_list"].split("\x1f") if row["tag_list"] else [],
        original_name=row["original_name"],
        original_path=row["original_path"],
        mime=row["mime"],
        size=row["size"],
        sha256=row["sha256"],
        study_instance_uid=row["study_instance_uid"],
        page_count=row["page_count"],
        locked=bool(row["locked"]),
        warnings=row["warnings"],
        batch_id=row["batch_id"],
        imported_at=row["imported_at"],
        meta=json.loads(row["meta"] or "{}"),
        series_count=row["series_count"],
        instance_count=row["instance_count"],
        report_count=row["report_count"],
        date_precision=row["date_precision"] or "day",
        clinical_date_start=row["clinical_date_start"],
        clinical_date_end=row["clinical_date_end"],
    )


def get_record(conn: sqlite3.Connection, record_id: int) -> Record:
    row = conn.execute(SELECT + " WHERE r.id = ?", (record_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no record {record_id} in this library.")
    return _record(row)


def filter_sql(flt: RecordFilter) -> tuple[str, list[Any]]:
    """The WHERE clause (over records r) and parameters for a filter."""
    where: list[str] = []
    params: list[Any] = []
    if flt.person:
        where.append("r.person_id = (SELECT id FROM people WHERE name = ? COLLATE NOCASE)")
        params.append(flt.person)
    if flt.category:
        where.append(
            "r.category_id = (SELECT id FROM categories WHERE slug = ? OR name = ? COLLATE NOCASE)"
        )
        params += [flt.category, flt.category]
    if flt.tag:
        where.append(
            "r.id IN (SELECT rt.record_id FROM record_tags rt JOIN tags t ON t.id = rt.tag_id "
            "WHERE t.name = ? COLLATE NOCASE)"
        )
        params.append(flt.tag)
    if flt.kind:
        where.append("r.kind = ?")
        params.append(flt.kind)
    if flt.date_from:
        where.append("r.clinical_date >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        where.append("r.clinical_date <= ?")
        params.append(flt.date_to)
    if flt.ids is not None:
        where.append(f"r.id IN ({','.join('?' * len(flt.ids)) or 'NULL'})")
        params += list(flt.ids)
    if flt.text:
        sql, extra = matching_record_ids_sql(flt.text)
        where.append(f"r.id IN ({sql})")
        params += extra
    return (" WHERE " + " AND ".join(where)) if where else "", params


ORDER = " ORDER BY coalesce(r.clinical_date, substr(r.imported_at, 1, 10)) DESC, r.id DESC"


def list_record_ids(conn: sqlite3.Connection, flt: RecordFilter | None = None) -> list[int]:
    """Ids of the matching records, newest clinical date first (cheap for big libraries)."""
    where, params = filter_sql(flt or RecordFilter())
    return [r[0] for r in conn.execute("SELECT r.id FROM records r" + where + ORDER, params)]


def list_records(conn: sqlite3.Connection, flt: RecordFilter | None = None) -> list[Record]:
    where, params = filter_sql(flt or RecordFilter())
    return [_record(row) for row in conn.execute(SELECT + where + ORDER, params)]


def get_records(conn: sqlite3.Connection, ids: list[int]) -> dict[int, Record]:
    """Several records by id, in one query (for lazily filled tables)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(SELECT + f" WHERE r.id IN ({marks})", ids)
    return {row["id"]: _record(row) for row in rows}


def record_pages(conn: sqlite3.Connection, record_id: int) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT number, text, source FROM pages WHERE record_id = ? ORDER BY number", (record_id,)
    ).fetchall()


def record_files(conn: sqlite3.Connection, record_id: int) -> list[sqlite3.Row]:
    """The stored files of a record: one for a document, one per instance for a study."""
    return conn.execute(
        """SELECT sha256, size, original_name, original_path FROM records
           WHERE id = ? AND sha256 NOT NULL
           UNION ALL
           SELECT i.sha256, i.size, i.original_name, i.original_path FROM dicom_instances i
           JOIN dicom_series s ON s.id = i.series_id WHERE i.record_id = ?""",
        (record_id, record_id),
    ).fetchall()
