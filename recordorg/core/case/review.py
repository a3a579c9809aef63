"""The case review of one person, read from and written to the catalogue (no Qt).

Read it with ``load_case(conn, person)``; every fact is a ``CaseEntry`` of some kind
(see ``case_kinds.KINDS``) with its fields, its status ("suggested", "confirmed" or
"rejected") and the record pages it cites. Change it with ``add_entry``, ``edit_entry``,
``confirm``, ``reject``, ``delete_entries``, ``add_citation`` and ``set_question``.
Anything not confirmed must be shown as unconfirmed (``CaseEntry.confirmed`` is False;
``CaseEntry.marked_summary`` carries the mark in words).

For exports (the bundle): ``load_case(conn, person).to_json()`` gives every section;
``checklist.review_checklist(conn, person, today)`` what is ready and missing;
``timeline.timeline_for(conn, person, today)`` the laid-out timeline, which
``timeline_render.timeline_svg / timeline_png / timeline_pdf`` turn into bytes (the SVG
can link each item to its record's file), all without Qt.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from recordorg.core.case.edit import (
    add_citation,
    add_entry,
    confirm,
    delete_entries,
    edit_entry,
    reject,
    remove_citation,
    resolve_person,
    set_question,
    set_status,
)
from recordorg.core.case.kinds import KINDS, STATUS_WORDS, UNCONFIRMED_MARK, clean_fields
from recordorg.core.errors import NotFound


@dataclass
class Citation:
    """Where a fact was read: a record, a page of it (None for the whole record), a quote."""

    id: int
    record_id: int
    page: int | None
    quote: str
    record_title: str = ""
    record_date: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EntryDrug:
    """One drug of a treatment line, with its class from the vocabulary."""

    name: str
    drug_class: str = ""


@dataclass
class CaseEntry:
    """One fact of the case review, whether a person confirmed it, and its sources."""

    id: int
    kind: str
    status: str  # "suggested" | "confirmed" | "rejected"
    origin: str  # "suggested" (by recordorg) | "person"
    fields: dict[str, Any]
    citations: list[Citation] = field(default_factory=list)
    drugs: list[EntryDrug] = field(default_factory=list)
    note: str = ""
    suggestion_key: str | None = None
    created_at: str = ""
    updated_at: str = ""

    @property
    def confirmed(self) -> bool:
        return self.status == "confirmed"

    @property
    def label(self) -> str:
        return KINDS[self.kind].label

    @property
    def summary(self) -> str:
        """One line in plain words, e.g. "HER2: negative (IHC 1+) (IHC)"."""
        return KINDS[self.kind].summary(self.fields)

    @property
    def marked_summary(self) -> str:
        """The summary, marked UNCONFIRMED when no person has confirmed it."""
        return self.summary if self.confirmed else f"{self.summary} [{UNCONFIRMED_MARK}]"

    @property
    def start(self) -> str | None:
        spec = KINDS[self.kind]
        return self.fields.get(spec.start) if spec.start else None

    @property
    def end(self) -> str | None:
        spec = KINDS[self.kind]
        return self.fields.get(spec.end) if spec.end else None

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(
            confirmed=self.confirmed,
            summary=self.summary,
            label=self.label,
            status_words=self.status_words,
        )
        return data


@dataclass
class CaseReview:
    """Everything known about one person's case; rejected entries only when asked for."""

    person: str | None
    person_id: int | None
    entries: list[CaseEntry]

    def of_kind(self, kind: str) -> list[CaseEntry]:
        return [e for e in self.entries if e.kind == kind]

    @property
    def diagnoses(self) -> list[CaseEntry]:
        return self.of_kind("diagnosis")

    @property
    def biomarkers(self) -> list[CaseEntry]:
        return self.of_kind("biomarker")

    @property
    def treatment_lines(self) -> list[CaseEntry]:
        return self.of_kind("treatment_line")

    @property
    def question(self) -> str:
        questions = self.of_kind("question")
        return questions[0].fields.get("question", "") if questions else ""

    @property
    def unconfirmed(self) -> list[CaseEntry]:
        return [e for e in self.entries if e.status == "suggested"]

    def entry(self, entry_id: int) -> CaseEntry:
        for e in self.entries:
            if e.id == entry_id:
                return e
        raise NotFound(f"There is no case-review entry {entry_id} here.")

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "question": self.question,
            "unconfirmed_count": len(self.unconfirmed),
            "sections": {
                kind: [e.to_json() for e in self.of_kind(kind)]
                for kind in KINDS
                if kind != "question"
            },
        }


def _person_clause(person_id: int | None) -> tuple[str, list[Any]]:
    if person_id is None:
        return "e.person_id IS NULL", []
    return "e.person_id = ?", [person_id]


def load_case(
    conn: sqlite3.Connection, person: str | None = None, *, include_rejected: bool = False
) -> CaseReview:
    """The case review of a person (or of the only person, or of records without one)."""
    pid, name = resolve_person(conn, person)
    where, params = _person_clause(pid)
    if not include_rejected:
        where += " AND e.status != 'rejected'"
    entries: dict[int, CaseEntry] = {}
    for kind, spec in KINDS.items():
        columns = ", ".join(f"d.{f.name}" for f in spec.fields)
        rows = conn.execute(
            f"SELECT e.*, {columns} FROM case_entries e JOIN {spec.table} d "
            f"ON d.entry_id = e.id WHERE e.kind = ? AND {where} ORDER BY e.id",
            [kind, *params],
        )
        for row in rows:
            entries[row["id"]] = _entry(row, spec.fields)
    _attach_details(conn, entries)
    ordered = sorted(entries.values(), key=_order)
    return CaseReview(name, pid, ordered)


def get_entry(conn: sqlite3.Connection, entry_id: int) -> CaseEntry:
    row = conn.execute("SELECT kind FROM case_entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no case-review entry {entry_id} in this library.")
    spec = KINDS[row[0]]
    columns = ", ".join(f"d.{f.name}" for f in spec.fields)
    full = conn.execute(
        f"SELECT e.*, {columns} FROM case_entries e JOIN {spec.table} d ON d.entry_id = e.id "
        "WHERE e.id = ?",
        (entry_id,),
    ).fetchone()
    entries = {entry_id: _entry(full, spec.fields)}
    _attach_details(conn, entries)
    return entries[entry_id]


def _entry(row: sqlite3.Row, fields: tuple) -> CaseEntry:
    values = {f.name: row[f.name] for f in fields}
    for f in fields:
        if f.type == "bool":
            values[f.name] = bool(values[f.name])
    return CaseEntry(
        row["id"],
        row["kind"],
        row["status"],
        row["origin"],
        values,
        note=row["note"],
        suggestion_key=row["suggestion_key"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def _attach_details(conn: sqlite3.Connection, entries: dict[int, CaseEntry]) -> None:
    if not entries:
        return
    ids = list(entries)
    marks = ",".join("?" * len(ids))
    for row in conn.execute(
        f"SELECT c.id, c.entry_id, c.record_id, c.page, c.quote, r.title, r.clinical_date "
        f"FROM case_citations c JOIN records r ON r.id = c.record_id "
        f"WHERE c.entry_id IN ({marks}) ORDER BY r.clinical_date IS NULL, r.clinical_date, "
        f"c.record_id, c.page, c.id",
        ids,
    ):
        entries[row[1]].citations.append(Citation(row[0], row[2], row[3], row[4], row[5], row[6]))
    for row in conn.execute(
        f"SELECT entry_id, name, drug_class FROM case_treatment_drugs "
        f"WHERE entry_id IN ({marks}) ORDER BY entry_id, position",
        ids,
    ):
        entries[row[0]].drugs.append(EntryDrug(row[1], row[2]))


def _order(entry: CaseEntry) -> tuple:
    kinds = list(KINDS)
    number = entry.fields.get("line_number") if entry.kind == "treatment_line" else None
    return (
        kinds.index(entry.kind),
        number is None,
        number or 0,
        entry.start is None,
        entry.start or "",
        entry.id,
    )


__all__ = [
    "CaseEntry",
    "CaseReview",
    "Citation",
    "EntryDrug",
    "add_citation",
    "add_entry",
    "clean_fields",
    "confirm",
    "delete_entries",
    "edit_entry",
    "get_entry",
    "load_case",
    "reject",
    "remove_citation",
    "resolve_person",
    "set_question",
    "set_status",
]
