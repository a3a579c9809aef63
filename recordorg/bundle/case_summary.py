"""The case review as a bundle shows it: plain rows, record numbers of the bundle, dates and
names as the export's options say. An adapter over recordorg.core's case review, checklist
and timeline; a library without a case review gives an empty summary.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from recordorg.bundle.plan import BundlePlan
from recordorg.core.errors import UserError

log = logging.getLogger(__name__)
_RECORD = re.compile(r"\brecord (\d+)\b")
_AGO = re.compile(r",? \d[\d,]* (?:days?|weeks?|months?|years?) ago\b", re.I)
OTHER_KINDS = ("metastasis", "procedure", "radiotherapy", "imaging", "event")


@dataclass
class Source:
    """Where a fact comes from, as a record number of this bundle (None: not included)."""

    number: int | None
    page: int | None = None
    held: str = ""  # what many coded entries cited there are: "Medicines: 48 entries, …"

    @property
    def words(self) -> str:
        if self.number is None:
            return "a record not in this bundle"
        held = f" ({self.held})" if self.held else ""
        return f"record {self.number}" + (f", page {self.page}" if self.page else "") + held


@dataclass
class Fact:
    """One line of the summary: what it is, when, whether confirmed, and its sources."""

    label: str
    text: str
    date: str | None
    confirmed: bool
    sources: list[Source] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # table columns, for tables
    kind: str = ""  # the case-review kind: diagnosis, biomarker, treatment_line, ...


@dataclass
class CheckRow:
    title: str
    status: str  # done | partial | missing
    detail: str


@dataclass
class CaseSummary:
    """What the bundle's index, review PDF and FHIR say about the case."""

    available: bool = False
    question: str = ""
    diagnoses: list[Fact] = field(default_factory=list)
    biomarkers: list[Fact] = field(default_factory=list)
    treatments: list[Fact] = field(default_factory=list)
    other: list[Fact] = field(default_factory=list)
    checklist: list[CheckRow] = field(default_factory=list)
    unconfirmed: int = 0
    timeline_svg: bytes | None = None
    timeline_layout: Any = None  # the TimelineLayout REVIEW.PDF draws and INDEX.HTM lists
    timeline_note: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("timeline_svg")
        data.pop("timeline_layout")
        return data


BIOMARKER_COLUMNS = [
    ("marker", "Marker"),
    ("result", "Result"),
    ("method", "Method"),
    ("date", "Specimen date"),
    ("lab", "Laboratory"),
]
TREATMENT_COLUMNS = [
    ("line", "Line"),
    ("regimen", "Regimen"),
    ("drugs", "Drugs"),
    ("intent", "Intent"),
    ("start", "Start"),
    ("end", "End"),
    ("cycles", "Cycles"),
    ("response", "Best response"),
    ("reason", "Reason stopped"),
]


class _Texts:
    """Turns library text into bundle text: dates moved and names replaced (`clean`, once
    per text), record numbers of the bundle."""

    def __init__(
        self, plan: BundlePlan, clean: Callable[[str], str], names: Callable[[str], str]
    ) -> None:
        self.plan = plan
        self.clean = clean
        self.names = names

    def date(self, iso: Any) -> str | None:
        return self.plan.options.bundle_date(str(iso)) if iso else None

    def relative(self, text: str) -> str:
        """Text without the spans of time counted from today ("1353 days ago") when the
        bundle is de-identified: with the day it was made, they would give real dates back."""
        if not self.plan.options.deidentify:
            return text
        return _AGO.sub("", text)

    def text(self, value: Any, *, dates: bool = True) -> str:
        """Library text for the bundle; dates=False for text made from bundle text already
        (its dates were moved once)."""
        text = (self.clean if dates else self.names)(str(value or ""))
        return _RECORD.sub(lambda m: self._record_words(int(m[1])), text)

    def _record_words(self, record_id: int) -> str:
        number = self.plan.number_of(record_id)
        return f"record {number}" if number else "a record not in this bundle"

    def sources(self, entry: Any) -> list[Source]:
        from recordorg.core.case.source_groups import grouped_sources

        found: dict[tuple[int | None, int | None], Source] = {}
        for group in grouped_sources(entry.citations):
            held = group.summary(self.date) if group.count > 1 else ""
            source = Source(self.plan.number_of(group.record_id), group.page, held)
            known = found.setdefault((source.number, source.page), source)
            if held and not known.held:
                found[(source.number, source.page)] = source
        return list(found.values())


def case_summary(
    conn: sqlite3.Connection,
    plan: BundlePlan,
    clean: Callable[[str], str] = lambda s: s,
    names: Callable[[str], str] = lambda s: s,
    today: date | None = None,
) -> CaseSummary:
    """The summary of the bundle's person, or an empty one if there is no case review."""
    summary = CaseSummary(question=plan.options.question)
    try:
        from recordorg.core.case.checklist import review_checklist
        from recordorg.core.case.review import load_case
    except ImportError:  # a recordorg without the case review
        return summary
    try:
        case = load_case(conn, plan.person)
    except (UserError, sqlite3.OperationalError) as error:
        log.info("no case review for the bundle: %s", type(error).__name__)
        return summary
    texts = _Texts(plan, clean, names)
    summary.available = True
    summary.question = texts.text(plan.options.question or case.question)
    summary.unconfirmed = len(case.unconfirmed)
    for entry in case.entries:
        if entry.kind == "question":
            continue
        text = texts.text(entry.summary)
        fact = Fact(
            _label_for(entry.label, text),
            text,
            texts.date(entry.start),
            entry.confirmed,
            texts.sources(entry),
            kind=entry.kind,
        )
        if entry.kind == "diagnosis":
            summary.diagnoses.append(fact)
        elif entry.kind == "biomarker":
            fact.cells = {
                "marker": texts.text(entry.get("marker")),
                "result": texts.text(entry.get("result")),
                "method": texts.text(entry.get("method")),
                "date": texts.date(entry.get("specimen_date")) or "",
                "lab": texts.text(entry.get("lab")),
            }
            summary.biomarkers.append(fact)
        elif entry.kind == "treatment_line":
            fact.cells = _treatment_cells(entry, texts)
            summary.treatments.append(fact)
        elif entry.kind in OTHER_KINDS:
            summary.other.append(fact)
    try:
        checklist = review_checklist(conn, plan.person, today, plan.options.question or "")
        summary.checklist = [
            CheckRow(i.title, i.status, texts.text(texts.relative(i.detail)))
            for i in checklist.items
        ]
    except (UserError, sqlite3.OperationalError) as error:
        log.info("no checklist for the bundle: %s", type(error).__name__)
    _timeline(summary, case, plan, texts, today)
    return summary


def _treatment_cells(entry: Any, texts: _Texts) -> dict[str, str]:
    end = texts.date(entry.get("end_date")) or ("ongoing" if entry.get("ongoing") else "")
    return {
        "line": str(entry.get("line_number") or ""),
        "regimen": texts.text(entry.get("regimen")),
        "drugs": ", ".join(texts.text(d.name) for d in entry.drugs),
        "intent": texts.text(entry.get("intent")),
        "start": texts.date(entry.get("start_date")) or "",
        "end": end,
        "cycles": str(entry.get("cycles") or ""),
        "response": str(entry.get("best_response") or ""),
        "reason": texts.text(entry.get("reason_stopped")),
    }


TIMELINE_WIDTH = 1100  # pixels: the drawing in INDEX.HTM, whose key numbers its list uses


def _timeline(
    summary: CaseSummary, case: Any, plan: BundlePlan, texts: _Texts, today: date | None
) -> None:
    """Draw the timeline with the bundle's dates and record numbers (none if dates are
    removed)."""
    if plan.options.remove_dates:
        summary.timeline_note = "The timeline is left out because dates were removed."
        return
    try:
        from recordorg.core.case.kinds import KINDS
        from recordorg.core.case.timeline import RecordDot, build_timeline
        from recordorg.core.case.timeline_render import timeline_svg
    except ImportError:
        return
    moved = []
    for entry in case.entries:
        spec = KINDS.get(entry.kind)
        if spec is None:
            continue
        fields = dict(entry.fields)
        for f in spec.fields:
            if f.type == "date" and fields.get(f.name):
                fields[f.name] = texts.date(fields[f.name])
            elif f.type == "text" and fields.get(f.name):
                fields[f.name] = texts.clean(fields[f.name])
        citations = [
            replace(c, quote="" if plan.options.deidentify else c.quote)
            for c in entry.citations
            if plan.number_of(c.record_id)
        ]
        moved.append(replace(entry, fields=fields, citations=citations))
    dots = [
        RecordDot(
            p.record.id,
            texts.text(p.record.title),
            texts.date(p.record.clinical_date_start or p.record.clinical_date),
            p.record.category,
            p.record.category_name,
            texts.date(p.record.clinical_date_end),
            p.record.date_precision,
        )
        for p in plan.records
        if p.record.clinical_date
    ]
    day = date.fromisoformat(texts.date((today or date.today()).isoformat()))
    layout = build_timeline(replace(case, entries=moved), dots, day)
    if not layout.items():
        summary.timeline_note = "Nothing dated to draw on a timeline yet."
        return
    for item in layout.items():
        item.detail = texts.text(item.detail, dates=False)  # its dates are already moved
        item.label = texts.text(item.label, dates=False)
    title = f"Treatment history: {plan.subject}"

    def link(record_id: int) -> str | None:
        number = plan.number_of(record_id)
        return f"#record-{number}" if number else None

    summary.timeline_svg = timeline_svg(layout, TIMELINE_WIDTH, title, link, key=False)
    summary.timeline_layout = layout  # its key is the list of events beside the picture


def _label_for(label: str, text: str) -> str:
    """The kind's name before a fact, unless the fact already says it ("Metastasis: liver"
    needs no "Metastatic site:" in front)."""
    stem = label.split()[0].lower()[:5]
    return "" if text.lower().startswith(stem) else label
