"""The case review in a bundle as data (CASE.JSN), so that importing the bundle brings it back:
every entry with its kind, fields, drugs, status, note and sources (bundle record numbers and
pages), and the question for the reviewer."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from typing import Any

from recordorg.bundle.plan import BundlePlan
from recordorg.core.errors import UserError

FORMAT = "recordorg case review"
VERSION = 1
_RECORD = re.compile(r"\brecord (\d+)\b")
_LIBRARY_RECORD = re.compile(r"\b(?:study|report):\d")


class CaseFileError(UserError):
    """The bundle's case review cannot be read back."""


def case_file_json(
    conn: sqlite3.Connection,
    plan: BundlePlan,
    clean: Callable[[str], str] = lambda s: s,
) -> bytes | None:
    """The case review of the bundle's person as CASE.JSN bytes, dates and names as the
    export's options say (None when the library has no case review for the person)."""
    from recordorg.core.case.kinds import KINDS
    from recordorg.core.case.review import load_case

    try:
        case = load_case(conn, plan.person, include_rejected=True)
    except (UserError, sqlite3.OperationalError):
        return None
    if not case.entries:
        return None
    options = plan.options

    def text(value: Any) -> str:
        words = clean(str(value or ""))
        return _RECORD.sub(lambda m: _bundle_record_words(plan, int(m[1])), words)

    entries = []
    for entry in case.entries:
        fields: dict[str, Any] = {}
        for spec in KINDS[entry.kind].fields:
            value = entry.fields.get(spec.name)
            if value is None or value == "":
                continue
            if spec.type == "date":
                value = options.bundle_date(str(value))
            elif spec.type == "text":
                value = text(value)
            elif spec.type == "record":
                value = plan.number_of(int(value))
            if value is not None:
                fields[spec.name] = value
        citations = [
            {
                "record": plan.number_of(c.record_id),
                "page": c.page,
                "quote": "" if options.deidentify else c.quote,
            }
            for c in entry.citations
            if plan.number_of(c.record_id)
        ]
        entries.append(
            {
                "kind": entry.kind,
                "status": entry.status,
                "origin": entry.origin,
                "note": text(entry.note),
                "fields": fields,
                "drugs": [{"name": d.name, "class": d.drug_class} for d in entry.drugs],
                "citations": citations,
                "key": _kept_key(entry.suggestion_key, options.deidentify),
            }
        )
    data = {"format": FORMAT, "version": VERSION, "entries": entries}
    return json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8")


def _kept_key(key: str | None, deidentified: bool) -> str | None:
    """What makes a suggestion the same one again (so that a rejected one is not suggested
    again after the import); not kept when de-identified (it may hold real dates) or when it
    names a record of this library by its number."""
    if not key or deidentified or _LIBRARY_RECORD.search(key):
        return None
    return key


def _bundle_record_words(plan: BundlePlan, record_id: int) -> str:
    number = plan.number_of(record_id)
    return f"record {number}" if number else "a record not in this bundle"


def read_case_file(data: bytes) -> list[dict[str, Any]]:
    """The entries of a CASE.JSN, checked for shape; CaseFileError when it is not one."""
    try:
        found = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CaseFileError("The bundle's case review (CASE.JSN) is not readable.") from error
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise CaseFileError("The bundle's CASE.JSN is not a recordorg case review.")
    if found.get("version", 0) > VERSION:
        raise CaseFileError(
            "The bundle's case review was written by a newer recordorg; update to import it."
        )
    entries = found.get("entries")
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise CaseFileError("The bundle's case review (CASE.JSN) has no list of entries.")
    return entries


def restore_case(
    conn: sqlite3.Connection,
    entries: list[dict[str, Any]],
    record_of: dict[int, int],
    person: str | None,
) -> int:
    """Write a bundle's case entries into the library, sources pointed at the imported
    records (`record_of`: bundle number → record id), in one transaction; returns how many
    entries were written. A person who already has a case review keeps theirs (0)."""
    from recordorg.core.case.edit import insert_entry, resolve_person
    from recordorg.core.case.kinds import KINDS
    from recordorg.core.catalogue.database import transaction

    with transaction(conn):
        pid, _ = resolve_person(conn, person)
        where = "person_id IS NULL" if pid is None else "person_id = ?"
        held = conn.execute(
            f"SELECT count(*) FROM case_entries WHERE {where}", [] if pid is None else [pid]
        ).fetchone()[0]
        if held:
            return 0
        written = 0
        for entry in entries:
            kind = entry.get("kind")
            if kind not in KINDS:
                continue
            insert_entry(
                conn,
                kind,
                _library_fields(kind, entry.get("fields") or {}, record_of),
                person_id=pid,
                status=str(entry.get("status") or "confirmed"),
                origin=str(entry.get("origin") or "person"),
                citations=_citations(entry.get("citations") or [], record_of),
                drugs=[str(d.get("name", "")) for d in entry.get("drugs") or []] or None,
                note=_library_words(str(entry.get("note") or ""), record_of),
                suggestion_key=str(entry["key"]) if entry.get("key") else None,
            )
            written += 1
        return written


def _library_fields(kind: str, fields: dict, record_of: dict[int, int]) -> dict[str, Any]:
    from recordorg.core.case.kinds import KINDS

    values: dict[str, Any] = {}
    for spec in KINDS[kind].fields:
        value = fields.get(spec.name)
        if value is None:
            continue
        if spec.type == "record":
            value = record_of.get(int(value))
        elif spec.type == "text":
            value = _library_words(str(value), record_of)
        if value is not None:
            values[spec.name] = value
    return values


def _citations(citations: list, record_of: dict[int, int]) -> list[tuple[int, int | None, str]]:
    found = []
    for c in citations:
        record_id = record_of.get(int(c.get("record") or 0))
        if record_id is not None:
            page = c.get("page")
            found.append((record_id, int(page) if page else None, str(c.get("quote") or "")))
    return found


def _library_words(text: str, record_of: dict[int, int]) -> str:
    """Text that names bundle records ("record 3") names the library's records again."""

    def words(match: re.Match) -> str:
        record_id = record_of.get(int(match[1]))
        return f"record {record_id}" if record_id else match[0]

    return _RECORD.sub(words, text)
