"""Suggesting case-review entries from the records: every kind the review has.

Each suggestion quotes its source line and page and waits for a person to confirm, edit or
reject it. A suggestion is never made twice: not when it is already there (it only gains the
new sources), not when a person entered the same fact, and never again once rejected.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from recordorg.core.case.edit import insert_citation, insert_entry, resolve_person
from recordorg.core.case.kinds import KINDS
from recordorg.core.case.proposal import Proposal
from recordorg.core.case.reading import read_record
from recordorg.core.case.suggest_coded import coded_proposals, drawn_from_codes
from recordorg.core.case.text import find_biomarkers
from recordorg.core.case.text_diagnosis import (
    diagnosis_key,
    finish_diagnosis,
    staged_at_diagnosis,
)
from recordorg.core.case.text_events import event_key
from recordorg.core.case.text_metastases import metastasis_key
from recordorg.core.case.text_procedures import procedure_key
from recordorg.core.case.text_radiotherapy import radiotherapy_key
from recordorg.core.catalogue.database import transaction
from recordorg.core.catalogue.settings import DATE_ORDER, get_setting
from recordorg.core.understanding.dates import DateOrder, record_order
from recordorg.core.understanding.stored import library_order_votes
from recordorg.core.understanding.study_names import study_name

_SCAN = re.compile(
    r"\b(CT|MRI?|PET|scan|ultrasound|sonograph\w*|X-?ray|radiograph\w*|"
    r"mammogra\w*|scintigraph\w*|imaging)\b",
    re.I,
)
REPORT_DAYS = 14  # an imaging report this close to a study is taken as its report


@dataclass
class SuggestReport:
    """What a run of suggestions did."""

    records_read: int = 0
    added: list[int] = field(default_factory=list)
    sources_added: int = 0
    already_there: int = 0
    rejected_before: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def suggest(conn: sqlite3.Connection, person: str | None = None) -> SuggestReport:
    """Read a person's records and add what they suggest to the case review."""
    pid, _ = resolve_person(conn, person)
    report = SuggestReport()
    where = "r.person_id IS NULL" if pid is None else "r.person_id = ?"
    rows = conn.execute(
        "SELECT r.id, r.kind, r.title, r.clinical_date, r.page_count, r.meta, c.slug, "
        "r.original_name "
        f"FROM records r JOIN categories c ON c.id = r.category_id WHERE {where} "
        "ORDER BY r.clinical_date IS NULL, r.clinical_date, r.id",
        [] if pid is None else [pid],
    ).fetchall()
    dates_read_as = order_of_records(conn)
    proposals: dict[str, Proposal] = {}
    for proposal in coded_proposals(rows):  # coded facts first: their words and dates win
        _merge(proposals, proposal)
    for row in rows:
        report.records_read += 1
        if drawn_from_codes(row):
            continue  # its pages say only what its coded facts said above
        pages = [
            (p[0], p[1])
            for p in conn.execute(
                "SELECT number, text FROM pages WHERE record_id = ? ORDER BY number", (row["id"],)
            )
        ]
        order = dates_read_as(row["id"], pages, row["original_name"] or "")
        sections = _section_titles(row)
        for proposal in read_record(
            row["id"], row["slug"], row["clinical_date"], pages, order, sections
        ):
            _merge(proposals, proposal)
    for proposal in imaging_proposals(rows):
        _merge(proposals, proposal)
    with transaction(conn):
        existing = _existing_keys(conn, pid)
        for proposal in proposals.values():
            _store(conn, pid, proposal, existing, report)
    return report


def _section_titles(row: sqlite3.Row) -> frozenset[str]:
    """The section titles a clinical document names, in lower case."""
    coded = json.loads(row["meta"] or "{}").get("clinical_document") or {}
    return frozenset(str(t).lower() for t in coded.get("sections") or [] if str(t).strip())


def order_of_records(conn: sqlite3.Connection):
    """How to tell each record's day/month order as its own date was read: the library's
    setting and the votes of its other records (summed once, its own taken away)."""
    setting = str(get_setting(conn, DATE_ORDER.key))
    total = library_order_votes(conn)
    own = {
        row[0]: (int(row[1] or 0), int(row[2] or 0))
        for row in conn.execute(
            "SELECT record_id, day_first_votes, month_first_votes FROM suggestions"
        )
    }

    def order(record_id: int, pages: list[tuple[int, str]], name: str) -> DateOrder:
        mine = own.get(record_id, (0, 0))
        others = (total[0] - mine[0], total[1] - mine[1])
        return record_order(pages, setting, others, name=name)

    return order


def imaging_proposals(rows: list[sqlite3.Row]) -> list[Proposal]:
    """An imaging entry per imaging study, linked to the report written closest to it."""
    import json

    reports = [
        r
        for r in rows
        if r["kind"] != "dicom"
        and (r["slug"] == "imaging-report" or (r["slug"] == "other" and _SCAN.search(r["title"])))
    ]
    used: set[int] = set()
    found = []
    for row in rows:
        if row["kind"] != "dicom":
            continue
        meta = json.loads(row["meta"] or "{}")
        modalities = meta.get("modalities", [])
        matching = _reports_of(row["clinical_date"], modalities, reports, used)
        report = matching[0] if matching else None
        named = study_name(
            str(meta.get("study_description") or ""), modalities, str(meta.get("body_part") or "")
        )
        fields = {
            "modality": named.examination or ", ".join(modalities),
            "region": named.region or row["title"],
            "study_date": row["clinical_date"],
            "study_record_id": row["id"],
            "report_record_id": report["id"] if report else None,
        }
        citations = [(row["id"], None, row["title"])]
        for other in matching:
            used.add(other["id"])
            citations.append((other["id"], None, other["title"]))
        found.append(Proposal("imaging", f"imaging|study:{row['id']}", fields, citations=citations))
    for report in reports:
        if report["id"] not in used:
            found.append(
                Proposal(
                    "imaging",
                    f"imaging|report:{report['id']}",
                    {
                        "region": report["title"],
                        "study_date": report["clinical_date"],
                        "report_record_id": report["id"],
                    },
                    citations=[(report["id"], None, report["title"])],
                )
            )
    return found


MODALITY_WORDS = {
    "CT": r"\bCT\b|computed tomograph",
    "MR": r"\bMRI?\b|magnetic resonance",
    "PT": r"\bPET\b",
    "US": r"ultrasound|sonograph|\bUS\b",
    "MG": r"mammogra",
    "CR": r"x-?ray|radiograph",
    "DX": r"x-?ray|radiograph",
    "NM": r"scintigraph|bone scan",
}


def _reports_of(
    day: str | None, modalities: list[str], reports: list, used: set[int]
) -> list[sqlite3.Row]:
    """The reports of a study: within REPORT_DAYS of it, not naming another modality;
    closest first."""
    if not day:
        return []
    own = [MODALITY_WORDS[m] for m in modalities if m in MODALITY_WORDS]
    others = [w for m, w in MODALITY_WORDS.items() if m not in modalities and w not in own]
    found = []
    for report in reports:
        if report["id"] in used or not report["clinical_date"]:
            continue
        gap = abs((date.fromisoformat(report["clinical_date"]) - date.fromisoformat(day)).days)
        title = report["title"]
        names_own = any(re.search(w, title, re.I) for w in own)
        names_other = any(re.search(w, title, re.I) for w in others)
        if gap <= REPORT_DAYS and (names_own or not names_other):
            found.append((gap, not names_own, report["id"], report))
    return [f[3] for f in sorted(found)]


_EARLIEST = ("start_date", "diagnosed_on", "first_seen")
_LATEST = ("end_date", "stage_now")  # records are read oldest first: the newest stage wins


def _merge(proposals: dict[str, Proposal], new: Proposal) -> None:
    """Fold a proposal into one with the same key: fill gaps, widen dates, add sources."""
    old = proposals.get(new.key)
    if new.kind == "diagnosis":
        days = [
            d for d in (new.fields.get("diagnosed_on"), old and old.fields.get("diagnosed_on")) if d
        ]
        new.fields = staged_at_diagnosis(new.fields, min(days, default=None))
    if old is None:
        proposals[new.key] = new
        return
    for name, value in new.fields.items():
        if value in (None, ""):
            continue
        if old.fields.get(name) in (None, ""):
            old.fields[name] = value
        elif name in _EARLIEST:
            old.fields[name] = _finer(old.fields[name], value) or min(old.fields[name], value)
        elif name == "end_date":
            old.fields[name] = _finer(old.fields[name], value) or max(old.fields[name], value)
        elif name in _LATEST:
            old.fields[name] = value
    known = set(old.citations)
    old.citations += [c for c in new.citations if c not in known]


def _finer(a: Any, b: Any) -> Any:
    """Of two dates that are one ("2023-02" and "2023-02-10"), the more precise; else None."""
    if isinstance(a, str) and isinstance(b, str) and (a.startswith(b) or b.startswith(a)):
        return max(a, b, key=len)
    return None


# How an entry of each kind read from text is keyed, from its own fields.
FIELD_KEYS = {
    "procedure": procedure_key,
    "radiotherapy": radiotherapy_key,
    "diagnosis": diagnosis_key,
    "metastasis": metastasis_key,
    "event": event_key,
}


def entry_keys(conn: sqlite3.Connection, entry_id: int, kind: str) -> set[str]:
    """The keys an existing entry's own fields give, so a person's entry is not suggested."""
    if kind == "biomarker":
        row = conn.execute(
            "SELECT marker, result FROM case_biomarkers WHERE entry_id = ?", (entry_id,)
        ).fetchone()
        return {"biomarker|" + f.key for f in find_biomarkers(f"{row[0]} {row[1]}")[:1]}
    if kind == "treatment_line":
        from recordorg.core.case.vocabularies import find_drug

        names = sorted(
            {
                (find_drug(r[0]).name if find_drug(r[0]) else r[0].lower())
                for r in conn.execute(
                    "SELECT name FROM case_treatment_drugs WHERE entry_id = ?", (entry_id,)
                )
            }
        )
        return {"treatment_line|" + "+".join(names)} if names else set()
    if kind in FIELD_KEYS:
        spec = KINDS[kind]
        names = [f.name for f in spec.fields]
        row = conn.execute(
            f"SELECT {', '.join(names)} FROM {spec.table} WHERE entry_id = ?", (entry_id,)
        ).fetchone()
        return {FIELD_KEYS[kind](dict(zip(names, row, strict=True)))}
    if kind == "imaging":
        row = conn.execute(
            "SELECT study_record_id, report_record_id FROM case_imaging WHERE entry_id = ?",
            (entry_id,),
        ).fetchone()
        return {
            f"imaging|study:{row[0]}" if row[0] else "",
            f"imaging|report:{row[1]}" if row[1] else "",
        } - {""}
    return set()


def _existing_keys(conn: sqlite3.Connection, pid: int | None) -> dict[str, tuple[int, str]]:
    where = "person_id IS NULL" if pid is None else "person_id = ?"
    keys: dict[str, tuple[int, str]] = {}
    for entry_id, kind, status, key in conn.execute(
        f"SELECT id, kind, status, suggestion_key FROM case_entries WHERE {where} "
        "ORDER BY status = 'rejected' DESC, id",
        [] if pid is None else [pid],
    ):
        found = {key} if key else set()
        if status != "rejected":
            found |= entry_keys(conn, entry_id, kind)
        for k in found:
            keys.setdefault(k, (entry_id, status))
    return keys


def _store(
    conn: sqlite3.Connection,
    pid: int | None,
    proposal: Proposal,
    existing: dict[str, tuple[int, str]],
    report: SuggestReport,
) -> None:
    if proposal.key in existing:
        entry_id, status = existing[proposal.key]
        if status == "rejected":
            report.rejected_before += 1
            return
        report.already_there += 1
        if status == "suggested":
            before = conn.execute(
                "SELECT count(*) FROM case_citations WHERE entry_id = ?", (entry_id,)
            ).fetchone()[0]
            for record_id, page, quote in proposal.citations:
                insert_citation(conn, entry_id, record_id, page, quote)
            after = conn.execute(
                "SELECT count(*) FROM case_citations WHERE entry_id = ?", (entry_id,)
            ).fetchone()[0]
            report.sources_added += after - before
        return
    fields = finish_diagnosis(proposal.fields) if proposal.kind == "diagnosis" else proposal.fields
    entry_id = insert_entry(
        conn,
        proposal.kind,
        fields,
        person_id=pid,
        status="suggested",
        origin="suggested",
        citations=proposal.citations,
        drugs=proposal.drugs,
        suggestion_key=proposal.key,
    )
    existing[proposal.key] = (entry_id, "suggested")
    report.added.append(entry_id)
