"""Changing a case review: adding, editing, confirming, rejecting entries and their sources."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from recordorg.core.case.kinds import KINDS, STATUSES, clean_fields, kind_spec
from recordorg.core.case.vocabularies import find_drug, regimen_name
from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.people import person_id as find_person_id
from recordorg.core.errors import NotFound, UserError

CitationSpec = tuple[int, int | None, str]  # record id, page (None: whole record), quote


def resolve_person(conn: sqlite3.Connection, name: str | None) -> tuple[int | None, str | None]:
    """Whose case: the person named, else the only person; (None, None) when nobody is."""
    if name:
        pid = find_person_id(conn, name)
        row = conn.execute("SELECT name FROM people WHERE id = ?", (pid,)).fetchone()
        return pid, row[0]
    rows = conn.execute("SELECT id, name FROM people ORDER BY name").fetchall()
    if len(rows) == 1:
        return int(rows[0][0]), rows[0][1]
    if not rows:
        return None, None
    names = ", ".join(r[1] for r in rows)
    raise UserError(
        f"This library keeps the records of several people; say whose case "
        f"review you mean (one of: {names})."
    )


def insert_entry(
    conn: sqlite3.Connection,
    kind: str,
    fields: dict[str, Any],
    *,
    person_id: int | None,
    status: str = "confirmed",
    origin: str = "person",
    citations: Iterable[CitationSpec] = (),
    drugs: list[str] | None = None,
    note: str = "",
    suggestion_key: str | None = None,
) -> int:
    """Insert one entry inside the caller's transaction; returns its id."""
    if status not in STATUSES:
        raise UserError(f'"{status}" is not a status; use one of {", ".join(STATUSES)}.')
    spec = KINDS[kind]
    values = clean_fields(kind, fields)
    if kind == "treatment_line" and drugs is not None and not values.get("regimen"):
        values["regimen"] = regimen_name([_drug_name(d) for d in drugs if d.strip()])
    _check_links(conn, values)
    stamp = now()
    entry_id = int(
        conn.execute(
            "INSERT INTO case_entries(person_id, kind, status, origin, suggestion_key, note, "
            "created_at, updated_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person_id,
                kind,
                status,
                origin,
                suggestion_key,
                note,
                stamp,
                stamp,
                stamp if status != "suggested" else None,
            ),
        ).lastrowid
    )
    columns = ["entry_id", *values]
    conn.execute(
        f"INSERT INTO {spec.table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        [entry_id, *values.values()],
    )
    if drugs is not None:
        _write_drugs(conn, entry_id, kind, drugs)
    for record_id, page, quote in citations:
        insert_citation(conn, entry_id, record_id, page, quote)
    return entry_id


def add_entry(
    conn: sqlite3.Connection,
    kind: str,
    fields: dict[str, Any] | None = None,
    *,
    person: str | None = None,
    status: str = "confirmed",
    citations: Iterable[CitationSpec] = (),
    drugs: list[str] | None = None,
    note: str = "",
) -> int:
    """Add an entry a person wrote (confirmed unless said otherwise); returns its id."""
    spec = kind_spec(kind)
    if spec.kind == "question":
        raise UserError("Set the question for the reviewer with set_question (case question).")
    with transaction(conn):
        pid, _ = resolve_person(conn, person)
        return insert_entry(
            conn,
            spec.kind,
            fields or {},
            person_id=pid,
            status=status,
            citations=citations,
            drugs=drugs,
            note=note,
        )


def edit_entry(
    conn: sqlite3.Connection,
    entry_id: int,
    fields: dict[str, Any] | None = None,
    *,
    drugs: list[str] | None = None,
    note: str | None = None,
    confirm: bool = False,
) -> None:
    """Change an entry's fields (and drugs, note); confirm it too when asked."""
    with transaction(conn):
        kind = _kind_of(conn, entry_id)
        values = clean_fields(kind, fields or {})
        _check_links(conn, values)
        if values:
            assignments = ", ".join(f"{name} = ?" for name in values)
            conn.execute(
                f"UPDATE {KINDS[kind].table} SET {assignments} WHERE entry_id = ?",
                [*values.values(), entry_id],
            )
        if drugs is not None:
            _write_drugs(conn, entry_id, kind, drugs)
            if "regimen" not in values:
                names = [_drug_name(d) for d in drugs if d.strip()]
                conn.execute(
                    "UPDATE case_treatment_lines SET regimen = ? WHERE entry_id = ?",
                    (regimen_name(names), entry_id),
                )
        stamp = now()
        conn.execute(
            "UPDATE case_entries SET updated_at = ?, note = coalesce(?, note) WHERE id = ?",
            (stamp, note, entry_id),
        )
        if confirm:
            _set_status(conn, entry_id, "confirmed", stamp)


def set_status(conn: sqlite3.Connection, entry_ids: Iterable[int], status: str) -> None:
    """Mark entries suggested, confirmed or rejected, in one transaction."""
    if status not in STATUSES:
        raise UserError(f'"{status}" is not a status; use one of {", ".join(STATUSES)}.')
    with transaction(conn):
        stamp = now()
        for entry_id in entry_ids:
            _kind_of(conn, entry_id)
            _set_status(conn, entry_id, status, stamp)


def confirm(conn: sqlite3.Connection, entry_ids: Iterable[int]) -> None:
    """A person checked these entries against their sources: they are facts now."""
    set_status(conn, entry_ids, "confirmed")


def reject(conn: sqlite3.Connection, entry_ids: Iterable[int]) -> None:
    """These suggestions are wrong: hidden, and never suggested again."""
    set_status(conn, entry_ids, "rejected")


def delete_entries(conn: sqlite3.Connection, entry_ids: Iterable[int]) -> None:
    """Remove entries for good (a rejected suggestion may then be suggested again)."""
    with transaction(conn):
        for entry_id in entry_ids:
            _kind_of(conn, entry_id)
            conn.execute("DELETE FROM case_entries WHERE id = ?", (entry_id,))


def add_citation(
    conn: sqlite3.Connection,
    entry_id: int,
    record_id: int,
    page: int | None = None,
    quote: str = "",
) -> int:
    """Cite a record (and page, and the words on it) as a source of an entry."""
    with transaction(conn):
        _kind_of(conn, entry_id)
        return insert_citation(conn, entry_id, record_id, page, quote)


def remove_citation(conn: sqlite3.Connection, citation_id: int) -> None:
    with transaction(conn):
        if not conn.execute("DELETE FROM case_citations WHERE id = ?", (citation_id,)).rowcount:
            raise NotFound(f"There is no source {citation_id} to remove.")


def set_question(conn: sqlite3.Connection, text: str, person: str | None = None) -> int:
    """Write (or replace) the question for the reviewer; returns its entry id."""
    with transaction(conn):
        pid, _ = resolve_person(conn, person)
        where = "person_id IS NULL" if pid is None else "person_id = ?"
        row = conn.execute(
            f"SELECT id FROM case_entries WHERE kind = 'question' AND {where}",
            [] if pid is None else [pid],
        ).fetchone()
        if row is None:
            return insert_entry(conn, "question", {"question": text}, person_id=pid)
        conn.execute(
            "UPDATE case_questions SET question = ? WHERE entry_id = ?",
            (" ".join(text.split()), row[0]),
        )
        conn.execute("UPDATE case_entries SET updated_at = ? WHERE id = ?", (now(), row[0]))
        return int(row[0])


def insert_citation(
    conn: sqlite3.Connection, entry_id: int, record_id: int, page: int | None, quote: str
) -> int:
    """Add a citation inside the caller's transaction, unless the same one is there."""
    record = conn.execute("SELECT page_count FROM records WHERE id = ?", (record_id,)).fetchone()
    if record is None:
        raise NotFound(f"There is no record {record_id} in this library.")
    if page is not None and (page < 1 or (record[0] and page > record[0])):
        raise UserError(f"Record {record_id} has no page {page} (it has {record[0]}).")
    quote = " ".join(quote.split())
    same = conn.execute(
        "SELECT id FROM case_citations WHERE entry_id = ? AND record_id = ? AND page IS ? "
        "AND quote = ?",
        (entry_id, record_id, page, quote),
    ).fetchone()
    if same:
        return int(same[0])
    return int(
        conn.execute(
            "INSERT INTO case_citations(entry_id, record_id, page, quote) VALUES (?, ?, ?, ?)",
            (entry_id, record_id, page, quote),
        ).lastrowid
    )


def _kind_of(conn: sqlite3.Connection, entry_id: int) -> str:
    row = conn.execute("SELECT kind FROM case_entries WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFound(f"There is no case-review entry {entry_id} in this library.")
    return str(row[0])


def _set_status(conn: sqlite3.Connection, entry_id: int, status: str, stamp: str) -> None:
    conn.execute(
        "UPDATE case_entries SET status = ?, decided_at = ?, updated_at = ? WHERE id = ?",
        (status, stamp if status != "suggested" else None, stamp, entry_id),
    )


def _check_links(conn: sqlite3.Connection, values: dict[str, Any]) -> None:
    for name in ("study_record_id", "report_record_id"):
        record_id = values.get(name)
        if (
            record_id is not None
            and not conn.execute("SELECT 1 FROM records WHERE id = ?", (record_id,)).fetchone()
        ):
            raise NotFound(f"There is no record {record_id} in this library.")
    diagnosis = values.get("diagnosis_id")
    if (
        diagnosis is not None
        and not conn.execute(
            "SELECT 1 FROM case_entries WHERE id = ? AND kind = 'diagnosis'", (diagnosis,)
        ).fetchone()
    ):
        raise NotFound(f"There is no diagnosis entry {diagnosis}.")


def _drug_name(name: str) -> str:
    drug = find_drug(name)
    return drug.name if drug else " ".join(name.split())


def _write_drugs(conn: sqlite3.Connection, entry_id: int, kind: str, names: list[str]) -> None:
    if kind != "treatment_line":
        raise UserError("Only a treatment line has drugs.")
    conn.execute("DELETE FROM case_treatment_drugs WHERE entry_id = ?", (entry_id,))
    for position, name in enumerate(n for n in names if n.strip()):
        drug = find_drug(name)
        conn.execute(
            "INSERT INTO case_treatment_drugs(entry_id, position, name, drug_class) "
            "VALUES (?, ?, ?, ?)",
            (
                entry_id,
                position,
                drug.name if drug else " ".join(name.split()),
                drug.class_name if drug else "",
            ),
        )


def citable_records(
    conn: sqlite3.Connection, person: str | None = None
) -> list[tuple[int, str, int | None, str | None]]:
    """The records an entry of this person's case can cite, newest first: (id, title, page
    count, clinical date); every record when the library keeps nobody's name."""
    pid, _ = resolve_person(conn, person)
    where = "" if pid is None else "WHERE person_id = ?"
    rows = conn.execute(
        f"SELECT id, title, page_count, clinical_date FROM records {where} "
        "ORDER BY clinical_date DESC, id DESC",
        [] if pid is None else [pid],
    ).fetchall()
    return [(int(r[0]), str(r[1] or ""), r[2], r[3]) for r in rows]
