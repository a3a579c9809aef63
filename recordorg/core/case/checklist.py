"""Is the case ready for review? What a reviewer needs, what satisfies it, what is missing.

``review_checklist(conn, person, today)`` returns one ``ChecklistItem`` per need, each
"done", "partial" or "missing", with the records and entries that satisfy it, or words on
what to look for. Suggestions nobody has confirmed never make an item "done".
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from recordorg.core.case.review import CaseEntry, CaseReview, load_case
from recordorg.core.catalogue.patient_identity import other_patients
from recordorg.core.catalogue.studies import DOCUMENT_CLASSES
from recordorg.core.wording import first_day, short_date

RECENT_DAYS = 90  # imaging and medication lists older than this are out of date
LETTER_DAYS = 120  # a clinic letter older than this is probably not the latest
DIAGNOSIS_DAYS = 60  # a pathology report this close to the diagnosis date is its report
FIRST_RESPONSE_DAYS = 56  # an ongoing line's first scan, and so its response, is due by now
MEDICATION_WORDS = (
    "current medication",
    "medications on discharge",
    "medication list",
    "discharge medication",
    "regular medication",
    "current treatment",
)


@dataclass
class ChecklistItem:
    """One thing a reviewer needs: done, partial or missing, and why."""

    key: str
    title: str
    status: str  # "done" | "partial" | "missing"
    detail: str
    record_ids: list[int] = field(default_factory=list)
    entry_ids: list[int] = field(default_factory=list)
    look_for: str = ""  # what to look for, when not done

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Checklist:
    person: str | None
    today: str
    items: list[ChecklistItem]

    @property
    def ready(self) -> bool:
        return all(item.status == "done" for item in self.items)

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "today": self.today,
            "ready": self.ready,
            "items": [item.to_json() for item in self.items],
        }


@dataclass
class _Rec:
    id: int
    title: str
    day: date | None
    category: str
    kind: str


def review_checklist(
    conn: sqlite3.Connection,
    person: str | None = None,
    today: date | None = None,
    question: str = "",
) -> Checklist:
    """The review-readiness checklist of a person's case; `question` is one asked elsewhere
    (an export's own question), which the checklist counts before the case's own."""
    today = today or date.today()
    case = load_case(conn, person)
    where = "r.person_id IS NULL" if case.person_id is None else "r.person_id = ?"
    recs = [
        _Rec(row[0], row[1], date.fromisoformat(row[2]) if row[2] else None, row[3], row[4])
        for row in conn.execute(
            "SELECT r.id, r.title, r.clinical_date, c.slug, r.kind FROM records r "
            f"JOIN categories c ON c.id = r.category_id WHERE {where} "
            "ORDER BY r.clinical_date IS NULL, r.clinical_date DESC, r.id DESC",
            [] if case.person_id is None else [case.person_id],
        )
    ]
    items = [
        _pathology(case, recs),
        _biomarkers(case, recs),
        _imaging(case, recs, today, _studies_with_reports(conn)),
        _treatment_lines(case, today),
        _medications(conn, recs, today),
        _letter(recs, today),
        _question(case, question),
    ]
    flagged = _right_person(conn, recs)
    return Checklist(case.person, today.isoformat(), ([flagged] if flagged else []) + items)


def _right_person(conn: sqlite3.Connection, recs: list[_Rec]) -> ChecklistItem | None:
    """Records naming another patient than the person (an item only when there are some)."""
    flags = other_patients(conn, [r.id for r in recs])
    if not flags:
        return None
    shown = "; ".join(f"record {i}: {flags[i].split(': ', 1)[-1]}" for i in sorted(flags))
    return ChecklistItem(
        "right_person",
        "Every record is this person's",
        "partial",
        f"{len(flags)} record(s) name another patient ({shown}).",
        sorted(flags),
        [],
        "Move each record to the person it names, or delete it; if this person's name or "
        "date of birth is set wrongly, correct it.",
    )


def _when(rec: _Rec) -> str:
    return short_date(rec.day.isoformat()) if rec.day else "no date"


def _pathology(case: CaseReview, recs: list[_Rec]) -> ChecklistItem:
    title = "Pathology report of the diagnosis"
    look = (
        "The pathology (histology) report of the biopsy or operation that first showed the "
        "cancer; ask the hospital's pathology department or the treating team."
    )
    pathology = [r for r in recs if r.category == "pathology"]
    diagnoses = [d for d in case.diagnoses if d.confirmed]
    cited = {c.record_id for d in diagnoses for c in d.citations}
    linked = [r for r in recs if r.id in cited and r.category in ("pathology", "other")]
    if not linked:
        days = [day for d in diagnoses if d.start and (day := first_day(d.start))]
        linked = [
            r
            for r in pathology
            if r.day and any(abs((r.day - day).days) <= DIAGNOSIS_DAYS for day in days)
        ]
    ids = [d.id for d in diagnoses]
    if linked:
        names = ", ".join(f"record {r.id} ({_when(r)})" for r in linked)
        return ChecklistItem(
            "pathology", title, "done", f"Found: {names}.", [r.id for r in linked], ids
        )
    if pathology:
        why = (
            "none is dated near the date of diagnosis"
            if diagnoses
            else "confirm the diagnosis in the case review to tell which one made it"
        )
        return ChecklistItem(
            "pathology",
            title,
            "partial",
            f"{len(pathology)} pathology report(s) in the library, but {why}.",
            [r.id for r in pathology],
            ids,
            look,
        )
    return ChecklistItem("pathology", title, "missing", "No pathology report yet.", [], ids, look)


def _biomarkers(case: CaseReview, recs: list[_Rec]) -> ChecklistItem:
    title = "Biomarker results"
    look = (
        "Receptor and molecular results (e.g. ER, PR, HER2, PD-L1, MSI/MMR, EGFR, KRAS) - in "
        "the pathology report or a molecular or genomic profiling report."
    )
    confirmed = [b for b in case.biomarkers if b.confirmed]
    waiting = [b for b in case.biomarkers if not b.confirmed]
    sources = sorted({c.record_id for b in confirmed for c in b.citations})
    note = f" {len(waiting)} more suggested, not yet confirmed." if waiting else ""
    if confirmed:
        shown = "; ".join(b.summary for b in confirmed[:8])
        return ChecklistItem(
            "biomarkers", title, "done", f"{shown}.{note}", sources, [b.id for b in confirmed]
        )
    if waiting:
        return ChecklistItem(
            "biomarkers",
            title,
            "partial",
            f"{len(waiting)} result(s) suggested from the records, none confirmed yet: check "
            "each against its source.",
            sorted({c.record_id for b in waiting for c in b.citations}),
            [b.id for b in waiting],
            look,
        )
    genomics = [r.id for r in recs if r.category == "genomics"]
    if genomics:
        return ChecklistItem(
            "biomarkers",
            title,
            "partial",
            "Genomics reports are in the library; add their results.",
            genomics,
            [],
            look,
        )
    return ChecklistItem("biomarkers", title, "missing", "No biomarker results yet.", [], [], look)


def _studies_with_reports(conn: sqlite3.Connection) -> set[int]:
    """Studies that carry their own report (a PDF inside one of their DICOM files)."""
    return {
        row[0]
        for row in conn.execute(
            "SELECT DISTINCT record_id FROM dicom_instances WHERE sop_class_uid IN "
            f"({','.join('?' * len(DOCUMENT_CLASSES))})",
            DOCUMENT_CLASSES,
        )
    }


def _imaging(
    case: CaseReview, recs: list[_Rec], today: date, with_reports: set[int] = frozenset()
) -> ChecklistItem:
    title = f"Imaging within the last {RECENT_DAYS} days, with its report"
    look = (
        f"The latest scan (CT, MRI or PET) from the last {RECENT_DAYS} days and the "
        "radiologist's written report of it; the images come on a CD or download link."
    )
    since = today - timedelta(days=RECENT_DAYS)
    studies = [
        r
        for r in recs
        if (r.kind == "dicom" or r.category == "imaging-study") and r.day and r.day >= since
    ]
    reports = [r for r in recs if r.category == "imaging-report" and r.day and r.day >= since]
    reports += [r for r in studies if r.id in with_reports]  # the report came with the images
    if reports:
        images = (
            f"; images: {len(studies)} study(ies)"
            if studies
            else "; the images themselves are not in the library"
        )
        shown = ", ".join(
            f"record {r.id} ({_when(r)}" + (", inside the study" if r in studies else "") + ")"
            for r in reports
        )
        return ChecklistItem(
            "imaging",
            title,
            "done",
            f"Reports: {shown}{images}.",
            list(dict.fromkeys(r.id for r in reports + studies)),
            [e.id for e in case.of_kind("imaging")],
        )
    if studies:
        shown = ", ".join(f"record {r.id} ({_when(r)})" for r in studies)
        return ChecklistItem(
            "imaging",
            title,
            "partial",
            f"Images from the last {RECENT_DAYS} days ({shown}) but no report of them.",
            [r.id for r in studies],
            [],
            look,
        )
    older = [
        r
        for r in recs
        if (r.category in ("imaging-report", "imaging-study") or r.kind == "dicom") and r.day
    ]
    if older:
        newest = max(older, key=lambda r: r.day)
        return ChecklistItem(
            "imaging",
            title,
            "partial",
            f"The newest imaging is from {_when(newest)}, {(today - newest.day).days} days ago.",
            [newest.id],
            [],
            look,
        )
    return ChecklistItem("imaging", title, "missing", "No imaging yet.", [], [], look)


def _line_gaps(line: CaseEntry, today: date) -> list[str]:
    """What a treatment line still lacks: confirmed, a start, an end (or ongoing), a response.

    An ongoing line needs the response so far once its first scan is due: only a line started
    in the last ``FIRST_RESPONSE_DAYS`` (or with no start at all, already a gap) is spared it.
    """
    start = first_day(line.get("start_date") or "")
    ongoing = bool(line.get("ongoing"))
    too_soon = ongoing and start is not None and (today - start).days < FIRST_RESPONSE_DAYS
    checks = (
        ("not confirmed", not line.confirmed),
        ("no start date", not line.get("start_date")),
        ("no end date (or mark it ongoing)", not line.get("end_date") and not ongoing),
        (
            "no response so far" if ongoing else "no best response",
            not line.get("best_response") and not too_soon,
        ),
    )
    return [words for words, missing in checks if missing]


def _treatment_lines(case: CaseReview, today: date) -> ChecklistItem:
    title = "Each treatment line with dates and response"
    look = (
        "Clinic letters and discharge summaries name each treatment, when it started and "
        "stopped, and how the cancer responded (scan reports say the response)."
    )
    lines = case.treatment_lines
    if not lines:
        return ChecklistItem(
            "treatment_lines", title, "missing", "No treatment lines yet.", [], [], look
        )
    problems = [
        f"{line.summary.split(' (best response')[0]}: {', '.join(gaps)}"
        for line in lines
        if (gaps := _line_gaps(line, today))
    ]
    sources = sorted({c.record_id for line in lines for c in line.citations})
    if problems:
        return ChecklistItem(
            "treatment_lines",
            title,
            "partial",
            "; ".join(problems) + ".",
            sources,
            [line.id for line in lines],
            look,
        )
    return ChecklistItem(
        "treatment_lines",
        title,
        "done",
        f"{len(lines)} line(s), each with dates and response.",
        sources,
        [line.id for line in lines],
    )


def _medications(conn: sqlite3.Connection, recs: list[_Rec], today: date) -> ChecklistItem:
    title = "Current medications"
    look = (
        "A list of every medicine taken now, with doses - from the latest clinic letter, "
        "discharge summary or the pharmacy."
    )
    since = today - timedelta(days=RECENT_DAYS)
    listing = [r for r in recs if r.category == "medication"]
    ids = [r.id for r in recs]
    if ids:
        marks = ",".join("?" * len(ids))
        words = " OR ".join("lower(text) LIKE ?" for _ in MEDICATION_WORDS)
        found = {
            row[0]
            for row in conn.execute(
                f"SELECT DISTINCT record_id FROM pages WHERE record_id IN ({marks}) AND ({words})",
                [*ids, *(f"%{w}%" for w in MEDICATION_WORDS)],
            )
        }
        listing += [r for r in recs if r.id in found and r not in listing]
    recent = [r for r in listing if r.day and r.day >= since]
    if recent:
        shown = ", ".join(f"record {r.id} ({_when(r)})" for r in recent[:5])
        return ChecklistItem(
            "medications", title, "done", f"Found: {shown}.", [r.id for r in recent]
        )
    if listing:
        newest = max(listing, key=lambda r: r.day or date.min)
        return ChecklistItem(
            "medications",
            title,
            "partial",
            f"The newest medication list is from {_when(newest)}; it may be out of date.",
            [newest.id],
            [],
            look,
        )
    return ChecklistItem("medications", title, "missing", "No medication list yet.", [], [], look)


def _letter(recs: list[_Rec], today: date) -> ChecklistItem:
    title = "The latest clinic letter"
    look = "The letter from the most recent visit to the oncologist (ask the clinic for a copy)."
    letters = [r for r in recs if r.category == "clinic-letter"]
    if not letters:
        return ChecklistItem("letter", title, "missing", "No clinic letter yet.", [], [], look)
    newest = max(letters, key=lambda r: r.day or date.min)
    if newest.day and (today - newest.day).days <= LETTER_DAYS:
        return ChecklistItem(
            "letter",
            title,
            "done",
            f"Record {newest.id}, {newest.title} ({_when(newest)}).",
            [newest.id],
        )
    return ChecklistItem(
        "letter",
        title,
        "partial",
        f"The newest clinic letter is from {_when(newest)}; is there a later one?",
        [newest.id],
        [],
        look,
    )


def _question(case: CaseReview, asked: str = "") -> ChecklistItem:
    title = "The question for the reviewer"
    entry = case.of_kind("question")
    if asked.strip() or case.question:
        question = asked.strip() or case.question
        return ChecklistItem("question", title, "done", question, [], [e.id for e in entry])
    return ChecklistItem(
        "question",
        title,
        "missing",
        "No question written yet.",
        [],
        [],
        "Write what you want the reviewer to answer, in a sentence or two.",
    )
