"""Reading events out of a sentence: hospital admissions and responses to treatment (RECIST)."""

from __future__ import annotations

import re
from typing import Any

from recordorg.core.case.negation import PRESENT, assertion
from recordorg.core.case.proposal import Place, Proposal
from recordorg.core.case.sentence_dates import date_in, mentions_in, usable

RESPONSE_WORDS = {
    "complete response": "Complete response",
    "complete metabolic response": "Complete metabolic response",
    "partial response": "Partial response",
    "partial metabolic response": "Partial metabolic response",
    "stable disease": "Stable disease",
    "progressive disease": "Progressive disease",
    "progression of disease": "Progressive disease",
    "disease progression": "Progressive disease",
}
_RESPONSE = re.compile(
    r"\b(" + "|".join(sorted(RESPONSE_WORDS, key=len, reverse=True)) + r")\b", re.I
)
_RECIST = re.compile(r"\b(i?RECIST(?: ?v?1\.[01])?|PERCIST|Lugano|RANO)\b")
_REASON = re.compile(r"reason for admission\s*:\s*([^\n.;]{3,120})", re.I)
_REPORTS = ("imaging-report",)
_ADMITTED = re.compile(r"admi(tted|ssion)|hospitali[sz]", re.I)


def find_events(sentence: str, place: Place) -> list[Proposal]:
    """Admissions and responses a sentence states, each with its date; undated ones are
    left out (an event is a point on the timeline)."""
    return _admissions(sentence, place) + _responses(sentence, place)


def event_key(fields: dict[str, Any]) -> str:
    """Admissions are the same when they start the same day; other events when their title
    and date are."""
    day = fields.get("start_date") or ""
    if fields.get("event_type") == "admission":
        return f"event|admission|{day}"
    title = (fields.get("title") or "").split(" (")[0].lower()
    return f"event|{fields.get('event_type') or 'other'}|{title}|{day}"


def _admissions(sentence: str, place: Place) -> list[Proposal]:
    if not _ADMITTED.search(sentence):
        return []
    mentions = mentions_in(sentence, place.order)
    admitted = next((m for m in mentions if m.kind == "admission"), None)
    if admitted is None:
        return []
    cue_start = max(0, admitted.offset - len(admitted.cue) - 5)
    if assertion(sentence, cue_start, admitted.offset + len(admitted.written)) != PRESENT:
        return []
    discharged = next((m for m in mentions if m.kind == "discharge"), None)
    reason = _REASON.search(place.page_text)
    fields = {
        "event_type": "admission",
        "title": "Hospital admission",
        "start_date": usable("event", "start_date", admitted.value),
        "end_date": usable("event", "end_date", discharged.value if discharged else None),
        "detail": f"Reason: {reason.group(1).strip()}" if reason else "",
    }
    if not fields["start_date"]:
        return []
    return [place.proposal("event", event_key(fields), fields, sentence)]


def _responses(sentence: str, place: Place) -> list[Proposal]:
    found = []
    for match in _RESPONSE.finditer(sentence):
        if assertion(sentence, match.start(), match.end()) != PRESENT:
            continue
        day = date_in(sentence, place.order)
        if day is None and place.category in _REPORTS:
            day = place.record_date  # the study the report describes
        day = usable("event", "start_date", day)
        if day is None:
            continue
        criteria = _RECIST.search(sentence)
        title = RESPONSE_WORDS[match.group(1).lower()]
        fields = {
            "event_type": "other",
            "title": f"{title} ({criteria.group(1)})" if criteria else title,
            "start_date": day,
        }
        found.append(place.proposal("event", event_key(fields), fields, sentence))
        break  # one response per sentence
    return found
