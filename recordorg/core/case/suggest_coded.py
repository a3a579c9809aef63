"""Case suggestions from the coded entries of clinical documents (C-CDA): problems become
diagnoses and metastatic sites, medicines treatment lines, results biomarkers where the
vocabulary knows the test, procedures procedures, hospital stays events. Each cites its
record, section and entry; dates are the coded ones, as precise as they were written."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Any

from recordorg.core.case.kinds import KINDS
from recordorg.core.case.proposal import Place, Proposal
from recordorg.core.case.reading import biomarkers_in, treatment_lines
from recordorg.core.case.text_diagnosis import find_diagnosis
from recordorg.core.case.text_events import event_key
from recordorg.core.case.text_metastases import find_metastases
from recordorg.core.case.text_procedures import find_procedures, procedure_key
from recordorg.core.understanding.dates import resolve_order
from recordorg.core.wording import reduced_iso

# Secondary (metastatic) cancer in ICD-10: C77-C79; in words, "secondary" or "metastasis".
_SECONDARY_CODE = re.compile(r"^C7[7-9]")
_SECONDARY_WORDS = re.compile(r"\bsecondary malignant neoplasm of( the)?\b", re.I)
_STAY = re.compile(r"\b(admission|admitted|inpatient|hospitali[sz]\w*|stay)\b", re.I)
_NOT_DONE = {"aborted", "cancelled", "canceled", "nullified", "new", "held"}
_OVER = {"stopped", "completed"}
_ORDER = resolve_order((0, 0))
# A treatment line's prescriptions, by the line's key: the record and the coded entry.
Given = dict[str, list[tuple[int, dict[str, Any]]]]


def coded_proposals(rows: Iterable[sqlite3.Row]) -> list[Proposal]:
    """Proposals from the coded entries kept with each record (rows of records with their
    id, meta, category slug and clinical date)."""
    found: list[Proposal] = []
    given: Given = {}
    for row in rows:
        meta = json.loads(row["meta"] or "{}")
        for entry in given_together(meta.get("coded_entries") or []):
            proposals = entry_proposals(row["id"], row["slug"], row["clinical_date"], entry)
            for proposal in proposals:
                if proposal.kind == "treatment_line":
                    given.setdefault(proposal.key, []).append((row["id"], entry))
            found += proposals
    _end_repeated_regimens(found, given)
    return _stays_of_cycles(found, given)


def _stays_of_cycles(found: list[Proposal], given: Given) -> list[Proposal]:
    """A hospital stay that began on a day a treatment line was prescribed is the stay in
    which that cycle was given: it becomes a source of the line, not an event of its own
    (48 monthly chemotherapy admissions are the line's 48 cycles, not 48 other events)."""
    lines = {p.key: p for p in found if p.kind == "treatment_line"}
    line_of_day = {
        (record_id, e.get("start")): lines[key]
        for key, entries in given.items()
        for record_id, e in entries
    }
    kept = []
    for proposal in found:
        record_id = proposal.citations[0][0] if proposal.citations else None
        line = line_of_day.get((record_id, proposal.fields.get("start_date")))
        if proposal.kind == "event" and line is not None:
            line.citations += proposal.citations
        else:
            kept.append(proposal)
    return kept


def _end_repeated_regimens(found: list[Proposal], given: Given) -> None:
    """A regimen prescribed on several days, every prescription over (stopped or completed)
    and none with an end of its own, ran until the last day it was prescribed: a line of 48
    monthly cycles of cisplatin and paclitaxel ends with its last cycle, not 'to ?'."""
    for proposal in found:
        entries = [m for _, e in given.get(proposal.key) or [] for m in e.get("together") or [e]]
        days = {e.get("start") for e in entries}
        over = all(e.get("status") in _OVER and not e.get("end") for e in entries)
        if len(days) > 1 and None not in days and over:
            proposal.fields["end_date"] = max(str(d) for d in days)


def given_together(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entries, with medicines started on the same day joined into one (cisplatin and
    paclitaxel prescribed at one visit are one regimen, not two lines)."""
    by_day: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        if entry.get("kind") == "medication" and entry.get("start") and entry.get("name"):
            by_day.setdefault(entry["start"], []).append(entry)
    joined: dict[int, dict[str, Any]] = {}
    for group in by_day.values():
        names = {e["name"].casefold() for e in group}
        if len(names) > 1:
            joined[id(group[0])] = {
                **group[0],
                "name": " and ".join(dict.fromkeys(e["name"] for e in group)),
                "together": group,
            }
            joined.update({id(e): {} for e in group[1:]})
    return [joined.get(id(e), e) for e in entries if joined.get(id(e), e)]


def drawn_from_codes(row: sqlite3.Row) -> bool:
    """True for a record whose pages were drawn from its coded facts (a FHIR health record),
    so its text adds nothing to them."""
    return '"fhir_container"' in (row["meta"] or "")


def entry_proposals(
    record_id: int, category: str, record_date: str | None, entry: dict[str, Any]
) -> list[Proposal]:
    """What one coded entry suggests (nothing for one negated, planned or not done)."""
    if entry.get("negated") or entry.get("planned") or entry.get("status") in _NOT_DONE:
        return []
    reader = _READERS.get(entry.get("kind", ""))
    if reader is None or not entry.get("name"):
        return []
    place = Place(record_id, category, record_date, int(entry.get("page") or 1), _ORDER)
    proposals = reader(entry, place)
    quote = "; ".join(citation(e) for e in entry.get("together") or [entry])
    for proposal in proposals:
        proposal.citations = [(record_id, place.page, quote)]
        _coded_dates(proposal, entry)
        if proposal.kind == "procedure":  # keyed again with its coded day: a biopsy in 2003
            proposal.key = procedure_key(proposal.fields)  # and one in 2009 are two
    return proposals


def citation(entry: dict[str, Any]) -> str:
    """Where the fact stands, and the day the entry gives: "Problems, entry 2: Carcinoma of
    breast (SNOMED CT 254837009), 2023-03" (source_groups reads the section and day back)."""
    code = " ".join(p for p in (entry.get("system"), entry.get("code")) if p)
    value = f": {entry['value']}" if entry.get("value") else ""
    coded = f" ({code})" if code else ""
    section = entry.get("section") or "Entries"
    source = f" ({entry['resource']})" if entry.get("resource") else ""
    day = reduced_iso(entry.get("start") or None, entry.get("precision") or "day")
    when = f", {day}" if day else ""
    return f"{section}, entry {entry.get('entry')}{source}: {entry['name']}{value}{coded}{when}"


def _problem(entry: dict[str, Any], place: Place) -> list[Proposal]:
    name = entry["name"]
    secondary = bool(_SECONDARY_CODE.match(entry.get("code") or ""))
    if _SECONDARY_WORDS.search(name):
        name, secondary = _SECONDARY_WORDS.sub("metastasis to", name), True
    sentence = f"Problem: {name}."
    found = find_metastases(sentence, place)
    if not secondary:
        found += find_diagnosis(sentence, place)
    return found


def _medication(entry: dict[str, Any], place: Place) -> list[Proposal]:
    return treatment_lines(f"Medication: {entry['name']}.", place)


def _result(entry: dict[str, Any], place: Place) -> list[Proposal]:
    said = entry.get("finding") or f"{entry['name']}: {entry.get('value') or ''}"
    return biomarkers_in([said], 0, place)


def _procedure(entry: dict[str, Any], place: Place) -> list[Proposal]:
    return find_procedures(f"Procedure: {entry['name']}.", place)


def _encounter(entry: dict[str, Any], place: Place) -> list[Proposal]:
    """A hospital stay becomes an admission; visits to a clinic are left to the records
    (a FHIR encounter says which it is by its class)."""
    start, end = entry.get("start") or "", entry.get("end") or ""
    stay = entry.get("inpatient")
    if not start or stay is False or not (stay or _STAY.search(entry["name"]) or end > start):
        return []
    generic = bool(_CLASS_ONLY.match(entry["name"]))  # "Encounter Inpatient" says only its class
    fields = {
        "event_type": "admission",
        "title": "Hospital stay" if generic else entry["name"],
        "start_date": start,
        "end_date": end or None,
        "detail": entry["name"] if generic else "",
    }
    return [place.proposal("event", event_key(fields), fields, entry["name"])]


_CLASS_ONLY = re.compile(
    r"^\s*(encounter\s+)?(inpatient|hospital)(\s+(encounter|stay|admission))?\s*$", re.I
)


_READERS = {
    "problem": _problem,
    "medication": _medication,
    "result": _result,
    "procedure": _procedure,
    "encounter": _encounter,
}
_END_FIELD = {"treatment_line": "end_date", "event": "end_date"}


def _coded_dates(proposal: Proposal, entry: dict[str, Any]) -> None:
    """The entry's coded start (and end), as precise as written, in the proposal's fields."""
    spec = KINDS[proposal.kind]
    start = reduced_iso(entry.get("start") or None, entry.get("precision") or "day")
    if spec.start and start:
        proposal.fields[spec.start] = start
        if proposal.kind == "event":
            proposal.key = event_key(proposal.fields)
    end_field = _END_FIELD.get(proposal.kind)
    if end_field and entry.get("end"):
        proposal.fields[end_field] = entry["end"]


def count_coded(rows: Iterable[sqlite3.Row]) -> Counter[str]:
    """How many coded entries of each kind the records keep."""
    counts: Counter[str] = Counter()
    for row in rows:
        for entry in json.loads(row["meta"] or "{}").get("coded_entries") or []:
            counts[entry.get("kind", "")] += 1
    return counts
