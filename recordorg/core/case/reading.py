"""Reading one record's pages, sentence by sentence, for every kind of case-review entry."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from recordorg.core.case.proposal import Place, Proposal
from recordorg.core.case.sentence_dates import mentions_in, row_start_end, start_end, usable
from recordorg.core.case.text import BiomarkerFinding, find_biomarkers, find_method, sentences
from recordorg.core.case.text_diagnosis import find_diagnosis
from recordorg.core.case.text_events import find_events
from recordorg.core.case.text_metastases import find_metastases
from recordorg.core.case.text_procedures import find_procedures
from recordorg.core.case.text_radiotherapy import fill_course_dates, find_radiotherapy
from recordorg.core.case.text_treatments import find_regimens
from recordorg.core.case.vocabularies import markers, regimen_name
from recordorg.core.understanding.dates import DateOrder, order_votes, resolve_order

Reader = Callable[[str, Place], list[Proposal]]


def read_record(
    record_id: int,
    category: str,
    record_date: str | None,
    pages: list[tuple[int, str]],
    order: DateOrder | None = None,
    sections: frozenset[str] = frozenset(),
) -> list[Proposal]:
    """Everything one record's pages suggest: biomarker results, treatment lines,
    procedures, radiotherapy, diagnoses, metastatic sites and events; dates read in the
    record's `order` (the one its own date was read in), else in the order its pages tell.
    `sections` are the section titles a clinical document names (in lower case): a line
    that is one heads what follows, however it is written ("Planned Procedure")."""
    order = order or resolve_order(_votes(pages))
    found: list[Proposal] = []
    headings = ["", "", ""]  # the section, its sub-heading and the table header above, kept
    for number, text in pages:  # from page to page: a section goes on over a page's end
        place = Place(record_id, category, record_date, number, order, text, headings[0])
        said = sentences(text)
        page_found: list[Proposal] = []
        line_at: dict[int, int] = {}  # a treatment line's sentence, by id of its proposal
        for index, sentence in enumerate(said):
            found += biomarkers_in(said, index, place)
            _follow_headings(headings, sentence, sections)
            if headings[0] != place.section:
                place = replace(place, section=headings[0])
            if any(NOT_DONE_HEADING.search(h) for h in headings[:2]) or NOT_DONE_COLUMN.search(
                headings[2]
            ):
                continue  # a plan, a family history, a list of orders: nothing done yet
            for read in READERS:
                new = read(sentence, place)
                if "|" in sentence and headings[2]:
                    row_dates(new, headings[2], sentence, place)
                line_at.update((id(p), index) for p in new if p.kind == "treatment_line")
                page_found += new
        fill_course_dates(page_found, place)
        found += same_day_regimens(page_found, line_at)
    return found


def same_day_regimens(found: list[Proposal], line_at: dict[int, int]) -> list[Proposal]:
    """Cancer medicines started on the same day in lines next to each other are one regimen
    ("Prescribed: cisplatin ... on 07/26/1985" then "Prescribed: paclitaxel ... on
    07/26/1985")."""
    lines = sorted(((line_at[id(p)], p) for p in found if id(p) in line_at), key=lambda t: t[0])
    groups: list[list[Proposal]] = []
    last = -9
    for index, proposal in lines:
        day = proposal.fields.get("start_date") or ""
        previous = groups[-1][-1] if groups else None
        if previous and len(day) == 10 and day == previous.fields.get("start_date"):
            if index - last <= 1:
                groups[-1].append(proposal)
                last = index
                continue
        groups.append([proposal])
        last = index
    for group in groups:
        if len({p.key for p in group}) > 1:
            _one_regimen(group, found)
    return found


def _one_regimen(group: list[Proposal], found: list[Proposal]) -> None:
    names = list(dict.fromkeys(d for p in group for d in p.drugs or []))
    first = group[0]
    first.drugs = names
    first.key = "treatment_line|" + "+".join(sorted(names))
    first.fields["regimen"] = regimen_name(names)
    for other in group[1:]:
        for name, value in other.fields.items():
            if first.fields.get(name) in (None, "") and value not in (None, ""):
                first.fields[name] = value
        first.citations += [c for c in other.citations if c not in first.citations]
        found.remove(other)


# Sections whose lines say what is planned, ordered or someone else's, not what was done.
NOT_DONE_HEADING = re.compile(
    r"\b(plan\w*|family|goals?|instructions?|orders?|recommend\w*|differential|allerg\w*|"
    r"referr\w*|risks?|screening|scheduled|upcoming|future|pending)\b",
    re.I,
)


# A table's columns saying its rows are yet to come ("Planned Activity | Planned Date"); a
# column of "Instructions" or "Allergies" beside what was given says nothing of the kind.
NOT_DONE_COLUMN = re.compile(r"\b(plan\w*|scheduled|upcoming|future|recommend\w*|due)\b", re.I)


def _follow_headings(headings: list[str], sentence: str, sections: frozenset[str]) -> None:
    """Keep the section heading ("PLAN OF CARE"), sub-heading ("Family history:") and
    table header ("Planned Activity | Planned Date") the sentence stands under."""
    if sentence.lower() in sections:
        headings[:] = [sentence, "", ""]
        return
    words = sentence.split()
    if not words or any(c.isdigit() for c in sentence) or "|" in sentence:
        if "|" in sentence and not any(c.isdigit() for c in sentence):
            headings[2] = sentence
        return
    if len(words) > 8 or not any(c.isalpha() for c in sentence):
        return
    if sentence.upper() == sentence:
        headings[:] = [sentence, "", ""]
    elif sentence.endswith(":"):
        headings[1:] = [sentence, ""]


def biomarkers_in(said: list[str], index: int, place: Place) -> list[Proposal]:
    """The biomarker results of one sentence, with the method named in it or just before."""
    sentence = said[index]
    found = []
    for finding in find_biomarkers(sentence):
        method = find_method(sentence) or _method_before(said, index)
        if method not in markers()[finding.marker].grammar.methods:
            method = ""  # "CEA 12.4 ng/mL" after "ER positive by IHC" was not stained
        specimen = _result_date(sentence, finding, place)
        fields = {
            "marker": finding.marker,
            "result": finding.result,
            "method": method,
            "specimen_date": usable("biomarker", "specimen_date", specimen),
        }
        found.append(place.proposal("biomarker", "biomarker|" + finding.key, fields, sentence))
    return found


def row_dates(found: list[Proposal], header: str, row: str, place: Place) -> None:
    """A treatment line read from a table row takes the dates (and "Active") its columns
    give, where the row's own words gave none."""
    lines = [p for p in found if p.kind == "treatment_line"]
    if not lines:
        return
    start, end, still = row_start_end(header, row, place.order)
    for line in lines:
        fields = line.fields
        fields["start_date"] = fields["start_date"] or usable("treatment_line", "start_date", start)
        fields["end_date"] = fields["end_date"] or usable("treatment_line", "end_date", end)
        if still and not fields["end_date"]:
            fields["ongoing"] = True


# Between a result and its own date: "34 U/mL (2023-10-20)", "86 U/mL on 19/04/2024".
_JUST_AFTER = re.compile(r"[\s(,]*(?:on|dated|from|of)?[\s(:]*", re.I)


def _result_date(sentence: str, finding: BiomarkerFinding, place: Place) -> str | None:
    """The day a result is from: the sentence's one date; of several, the one written right
    after the result's value, else none (a wrong day is worse than none); with no date in
    the sentence, the page's collection date (a report's own date for pathology)."""
    mentions = mentions_in(sentence, place.order)
    if len(mentions) == 1:
        return mentions[0].value
    if mentions:
        written = (finding.values or (finding.result,))[0]
        at = sentence.lower().find(written.lower())
        if at < 0:
            return None
        end = at + len(written)
        after = [m for m in mentions if m.offset >= end]
        if after and _JUST_AFTER.fullmatch(sentence[end : after[0].offset]):
            return after[0].value
        return None
    if place.collected is not None:
        return place.collected
    return place.record_date if place.category in ("pathology", "genomics") else None


def treatment_lines(sentence: str, place: Place) -> list[Proposal]:
    """The treatment lines a sentence states were given (never one declined, not funded,
    held, planned or only discussed)."""
    found = []
    for regimen in find_regimens(sentence):
        start, end = start_end(sentence, place.order)
        fields = {
            "line_number": regimen.line_number,
            "intent": regimen.intent,
            "regimen": regimen.regimen,
            "start_date": usable("treatment_line", "start_date", start),
            "end_date": usable("treatment_line", "end_date", end),
        }
        proposal = place.proposal("treatment_line", regimen.key, fields, sentence)
        proposal.drugs = list(regimen.drugs)
        found.append(proposal)
    return found


READERS: list[Reader] = [
    treatment_lines,
    find_procedures,
    find_radiotherapy,
    find_diagnosis,
    find_metastases,
    find_events,
]


def _votes(pages: list[tuple[int, str]]) -> tuple[int, int]:
    day = month = 0
    for _, text in pages:
        d, m = order_votes(text)
        day, month = day + d, month + m
    return day, month


def _method_before(said: list[str], index: int) -> str:
    for earlier in reversed(said[max(0, index - 8) : index]):
        method = find_method(earlier)
        if method:
            return method
    return ""
