"""Understanding a record from its text: its date, category and title, suggested or applied."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.patient_identity import stored_identity
from recordorg.core.catalogue.settings import AUTO_CATEGORY, DATE_ORDER, get_setting
from recordorg.core.errors import NotFound
from recordorg.core.understanding.classify import CategorySuggestion, Classifier
from recordorg.core.understanding.clinical_date import DateChoice, FileDate, choose_clinical_date
from recordorg.core.understanding.dates import DateMention, read_record_dates
from recordorg.core.understanding.stored import (
    choices_fingerprint,
    chosen_categories,
    library_order_votes,
    record_was_chosen,
    stored_suggestion,
)
from recordorg.core.understanding.titles import suggest_title, title_from_study
from recordorg.core.wording import reduced_iso

_classifiers: dict[tuple[str, int, str], Classifier] = {}

# A record's date, category and title are read from its first pages: that is where letters,
# reports and results say what they are and when; the rest of a long document is searched
# but not read here (reading every page of 10-page reports halved import speed).
PAGES_READ = 4


@dataclass
class Understanding:
    """What the text says about a record, and what was changed on it as a result."""

    record_id: int
    date: DateChoice
    category: CategorySuggestion
    category_name: str
    title: str
    mentions: list[DateMention] = field(default_factory=list)
    applied: dict[str, bool] = field(default_factory=dict)  # date, category, title
    date_confirmed: bool = False
    category_chosen: bool = False

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.to_json()
        data["mentions"] = [m.to_json() for m in self.mentions]
        return data


def classifier_for(conn: sqlite3.Connection) -> Classifier:
    """The classifier for this library, retrained when a person has chosen a category since."""
    path = conn.execute("PRAGMA database_list").fetchone()[2] or str(id(conn))
    count, latest = choices_fingerprint(conn)
    key = (path, count, latest)
    if key not in _classifiers:
        for old in [k for k in _classifiers if k[0] == path]:
            del _classifiers[old]
        _classifiers[key] = Classifier(chosen_categories(conn))
    return _classifiers[key]


def _iso_birth(value: str) -> str | None:
    digits = re.sub(r"\D", "", value or "")
    if len(digits) != 8:
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        return None


def person_birthdays(conn: sqlite3.Connection, person_id: int | None) -> list[str]:
    """The dates of birth (ISO) stored as who this person is; none for nobody."""
    known = stored_identity(conn, person_id) if person_id else None
    days = known.patient.birth_date.split("|") if known else []
    return [iso for day in days if (iso := _iso_birth(day))]


def _inputs(conn: sqlite3.Connection, record_id: int) -> tuple[sqlite3.Row, list, list]:
    row = conn.execute(
        "SELECT r.*, c.slug AS category FROM records r JOIN categories c ON c.id = r.category_id "
        "WHERE r.id = ?",
        (record_id,),
    ).fetchone()
    if row is None:
        raise NotFound(f"There is no record {record_id} in this library.")
    pages = [
        (p["number"], p["text"])
        for p in conn.execute(
            "SELECT number, text FROM pages WHERE record_id = ? ORDER BY number LIMIT ?",
            (record_id, PAGES_READ),
        )
    ]
    file_dates = [
        FileDate(d["value"], d["source"], d["kind"], d["detail"], d["precision"], d["end_value"])
        for d in conn.execute(
            "SELECT value, source, kind, detail, precision, end_value FROM found_dates "
            "WHERE record_id = ? AND source != 'text'",
            (record_id,),
        )
    ]
    meta = json.loads(row["meta"] or "{}")
    birth = _iso_birth(str(meta.get("patient_birth_date") or ""))
    if birth:
        file_dates.append(FileDate(birth, "dicom", "birth"))
    for iso in person_birthdays(conn, row["person_id"]):  # printed far from its label
        file_dates.append(FileDate(iso, "person", "birth"))
    return row, pages, file_dates


# Clinical documents name their type with a LOINC code: the category it means.
DOCUMENT_TYPES = {
    "18842-5": "discharge-summary",
    "11504-8": "surgery",  # surgical operation note
    "28570-0": "surgery",  # procedure note
    "11488-4": "clinic-letter",  # consultation note
    "11506-3": "clinic-letter",  # progress note
    "34117-2": "clinic-letter",  # history and physical
    "57133-1": "clinic-letter",  # referral note
    "18748-4": "imaging-report",  # diagnostic imaging study
    "11526-1": "pathology",  # pathology study
    "11502-2": "laboratory",  # laboratory report
    "18761-7": "discharge-summary",  # transfer summary note
    "34133-9": "other",  # summary of episode note (a continuity of care document)
}


# The lists of a whole health record: a FHIR file holding two or more is many visits'
# records in one (a patient portal's download), not a letter, a result or a prescription.
WHOLE_RECORD_LISTS = ("Problems", "Medicines", "Procedures", "Visits and stays")


def coded_category(meta: dict[str, Any]) -> CategorySuggestion | None:
    """The category a clinical document's coded type says, for sure; None if it says none."""
    coded = meta.get("clinical_document") or {}
    category = DOCUMENT_TYPES.get(str(coded.get("type_code") or ""))
    lists = [s for s in coded.get("sections") or [] if s in WHOLE_RECORD_LISTS]
    if category is None and meta.get("fhir_container") and len(lists) >= 2:
        reason = (
            "It is a whole health record (FHIR) holding " + ", ".join(lists).lower() + ": "
            "many documents' worth, filed as a summary of the record."
        )
        return CategorySuggestion("other", 1.0, [], reason)
    if category is None:
        return None
    named = coded.get("type") or "its type"
    reason = f"The document says it is a {named} (LOINC {coded['type_code']})."
    return CategorySuggestion(category, 1.0, [], reason)


def _titled(meta: dict[str, Any], text: str) -> str:
    """A clinical document's text under its title and its coded type's name, which its
    rendered pages may not show ("Summary of Patient Chart", "Critical care medicine
    Transfer summary note"): the words that say most what a document is."""
    coded = meta.get("clinical_document") or {}
    title = " ".join(str(coded.get(k) or "") for k in ("title", "type") if coded.get(k))
    return f"{title}\n{text}" if title else text


def analyse_record(
    conn: sqlite3.Connection,
    record_id: int,
    *,
    apply: bool = True,
    classifier: Classifier | None = None,
    today: date | None = None,
    library_votes: tuple[int, int] | None = None,
) -> Understanding:
    """Read a record's dates, category and title from its text; with `apply`, store them and
    change what no person has set: a confirmed date, a chosen category or a title a person
    wrote are never overwritten."""
    row, pages, file_dates = _inputs(conn, record_id)
    setting = get_setting(conn, DATE_ORDER.key)
    if library_votes is None:
        library_votes = library_order_votes(conn, record_id)
    mentions, order = read_record_dates(
        pages, setting, library_votes, today, name=str(row["original_name"] or "")
    )
    text = "\n".join(t for _, t in pages)
    meta = json.loads(row["meta"] or "{}")
    if row["kind"] == "dicom":
        text = " ".join(str(meta.get(k) or "") for k in ("study_description", "body_part"))
    text = _titled(meta, text)
    suggestion = coded_category(meta) or (classifier or classifier_for(conn)).suggest(
        text, kind=row["kind"], name=row["original_name"], record_id=record_id
    )
    chosen = record_was_chosen(conn, record_id)
    threshold = float(get_setting(conn, AUTO_CATEGORY.key))
    use_category = row["category"]
    if not chosen and suggestion.confidence >= threshold and _exists(conn, suggestion.category):
        use_category = suggestion.category
    date_category = use_category if use_category != "other" else suggestion.category
    choice = choose_clinical_date(
        mentions,
        file_dates,
        order,
        today,
        date_category,
        str(row["imported_at"] or "")[:10] or None,
    )
    when = (
        reduced_iso(row["clinical_date"], row["date_precision"])
        if row["date_confirmed"]
        else reduced_iso(choice.value, choice.precision)
    )
    title = suggest_title(use_category, text, when, meta, row["kind"])
    result = Understanding(
        record_id,
        choice,
        suggestion,
        _name(conn, suggestion.category),
        title,
        mentions,
        {"date": False, "category": False, "title": False},
        bool(row["date_confirmed"]),
        chosen,
    )
    if apply:
        with transaction(conn):
            _store(conn, row, result, order, use_category)
    return result


def reread_birthday_dated(conn: sqlite3.Connection, record_ids: list[int]) -> list[int]:
    """Read again the records dated by their person's date of birth, which a record is never
    about: a record moved to a person, or whose person's birthday became known, after it was
    read (a lab form printing "01/23/90" lines below its "Date of Birth" label). A date a
    person set is kept. Returns the records read again."""
    again = []
    births: dict[int, list[str]] = {}  # each person's, read once
    for record_id in record_ids:
        row = conn.execute(
            "SELECT person_id, clinical_date, date_confirmed FROM records WHERE id = ?",
            (record_id,),
        ).fetchone()
        if not row or row["date_confirmed"] or not row["clinical_date"] or not row["person_id"]:
            continue
        pid = row["person_id"]
        if pid not in births:
            births[pid] = person_birthdays(conn, pid)
        if row["clinical_date"] in births[pid]:
            analyse_record(conn, record_id)
            again.append(record_id)
    return again


def _exists(conn: sqlite3.Connection, slug: str) -> bool:
    return bool(conn.execute("SELECT 1 FROM categories WHERE slug = ?", (slug,)).fetchone())


def _name(conn: sqlite3.Connection, slug: str) -> str:
    row = conn.execute("SELECT name FROM categories WHERE slug = ?", (slug,)).fetchone()
    return str(row[0]) if row else slug


def _title_is_automatic(row: sqlite3.Row, previous: dict[str, Any] | None) -> bool:
    """True if no person has written this record's title."""
    if previous is not None:
        return row["title"] == previous["title_applied"]
    if row["kind"] == "dicom":
        meta = json.loads(row["meta"] or "{}")
        label = str(meta.get("study_description") or "")
        codes = meta.get("modalities") or []
        first = title_from_study(label, codes[0] if codes else "", str(meta.get("body_part") or ""))
        return row["title"] in (label.strip(), first) or row["title"].endswith("study")
    return row["updated_at"] == row["imported_at"]


def _date_changes(row: sqlite3.Row, d: DateChoice) -> dict[str, Any]:
    """The record's date, precision and period as chosen, where no person confirmed a date
    and something differs (the same day read from the text is better told as "from the text"
    than as a file's time)."""
    if row["date_confirmed"]:
        return {}
    chosen = {
        "clinical_date": d.value,
        "date_source": d.source,
        "date_precision": d.precision,
        "clinical_date_start": d.start,
        "clinical_date_end": d.end,
    }
    if not d.value and row["date_source"] in (None, "user"):
        return {}  # nothing found, and nothing chosen before to take back
    return {k: v for k, v in chosen.items() if row[k] != v}


def _store(
    conn: sqlite3.Connection, row: sqlite3.Row, u: Understanding, order: Any, use_category: str
) -> None:
    record_id = u.record_id
    previous = stored_suggestion(conn, record_id)
    conn.execute("DELETE FROM found_dates WHERE record_id = ? AND source = 'text'", (record_id,))
    conn.executemany(
        "INSERT INTO found_dates(record_id, value, source, kind, confidence, reason, written, "
        "page, precision, end_value) VALUES (?, ?, 'text', ?, ?, ?, ?, ?, ?, ?)",
        [
            (record_id, m.value, m.kind, m.confidence, m.cue, m.written, m.page, m.precision, m.end)
            for m in u.mentions
        ],
    )
    title_auto = _title_is_automatic(row, previous)
    c, d = u.category, u.date
    conn.execute(
        """INSERT OR REPLACE INTO suggestions(record_id, category, category_confidence,
           category_reason, category_words, category_applied, title, title_applied, date_value,
           date_kind, date_source, date_confidence, date_reason, day_first_votes,
           month_first_votes, applying, analysed_at, date_precision, date_start, date_end)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)""",
        (
            record_id,
            c.category,
            c.confidence,
            c.reason,
            json.dumps(c.words),
            int(use_category == c.category and not u.category_chosen),
            u.title,
            previous["title_applied"] if previous else None,
            d.value,
            d.kind,
            d.source,
            d.confidence,
            d.reason,
            order.day_first_votes,
            order.month_first_votes,
            now(),
            d.precision,
            d.start,
            d.end,
        ),
    )
    changes = _date_changes(row, d)
    if use_category != row["category"]:
        changes["category_id"] = conn.execute(
            "SELECT id FROM categories WHERE slug = ?", (use_category,)
        ).fetchone()[0]
    if u.title and title_auto and u.title != row["title"]:
        changes["title"] = u.title
    if changes:
        changes["updated_at"] = now()
        sets = ", ".join(f"{k} = ?" for k in changes)
        conn.execute(f"UPDATE records SET {sets} WHERE id = ?", [*changes.values(), record_id])
    if title_auto:
        conn.execute(
            "UPDATE suggestions SET title_applied = ? WHERE record_id = ?",
            (u.title or row["title"], record_id),
        )
    conn.execute("UPDATE suggestions SET applying = 0 WHERE record_id = ?", (record_id,))
    u.applied = {
        "date": "clinical_date" in changes,
        "category": "category_id" in changes,
        "title": "title" in changes,
    }
