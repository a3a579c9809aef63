"""Reading radiotherapy courses out of a sentence: site, dose in Gy, fractions and dates."""

from __future__ import annotations

import re
from typing import Any

from recordorg.core.case.negation import PRESENT, assertion
from recordorg.core.case.proposal import Place, Proposal
from recordorg.core.case.sentence_dates import date_in, start_end, usable
from recordorg.core.case.vocabularies import term_finder

_NUMBER = r"(\d{1,3}(?:[.,]\d{1,2})?)"
_DOSE = re.compile(
    rf"(?<![\w.]){_NUMBER}\s*Gy\b"
    rf"(?:\s*(?:in|/|over|x)\s*(\d{{1,2}})\s*(?:fractions?|fx|#|daily fractions?)(?!\w))?",
    re.I,
)
_PER_FRACTION = re.compile(
    rf"(?<![\w.])(\d{{1,2}})\s*(?:x|×|fractions? of)\s*{_NUMBER}\s*Gy\b", re.I
)
_RT_WORDS = re.compile(
    r"\b(radiotherapy|radiation|irradiat\w*|radiosurgery|SBRT|SABR|SRS|IMRT|VMAT|XRT|EBRT|"
    r"brachytherapy|RT|fractions?)\b",
    re.I,
)
_PER_FRACTION_WORDS = re.compile(r"^\s*(per|/|a|each)\s*(fraction|fx|#|day)", re.I)
_VERTEBRAE = re.compile(
    r"\b[CTLS]\d{1,2}(?:\s*[-–]\s*[CTLS]?\d{1,2})?(?:\s+(?:spine|vertebra\w*|vertebral body))?"
    r"|\b(?:whole[- ]brain|whole[- ]pelvis|chest wall|supraclavicular fossa|"
    r"(?:cervical|thoracic|lumbar|sacral) spine|spine|pelvis|hip|femur|humerus|rib|sacrum)\b",
    re.I,
)
_SIDE = re.compile(r"\b(left|right)\s+$", re.I)
_INTENT = re.compile(r"\b(palliative|radical|curative|adjuvant|neoadjuvant)\b", re.I)
_FRACTION_DOSE = re.compile(
    r"((per|each|a) fraction|fraction(al)? dose|dose per fraction)\W*$", re.I
)
_AFTER_SITE = re.compile(r"^[^;.]*?\bto\s+(?:the\s+)?", re.I)
_MAX_GY = 90.0  # no course goes beyond this; a larger number is not a dose


def find_radiotherapy(sentence: str, place: Place) -> list[Proposal]:
    """A course of radiotherapy a sentence states was given ("T10-L2 spine, 30 Gy in 10
    fractions"); a dose per fraction is not a course, nor a planned or discussed one."""
    if not _RT_WORDS.search(sentence) and "Gy" not in sentence:
        return []
    found = []
    doses = _doses(sentence)
    if not doses:
        return _course_without_dose(sentence, place)
    for match, dose, fractions in doses:
        if assertion(sentence, match.start(), match.end()) != PRESENT:
            continue
        if _PER_FRACTION_WORDS.match(sentence[match.end() :]) or _FRACTION_DOSE.search(
            sentence[: match.start()]
        ):
            continue
        site = _site(sentence[: match.start()]) or _site_after(sentence[match.end() :])
        if not ((_RT_WORDS.search(sentence) or fractions) and (fractions or site)):
            continue
        start, end = _dates(sentence, place, fractions)
        intent = _INTENT.search(sentence)
        fields = {
            "site": site,
            "dose_gy": dose,
            "fractions": fractions,
            "start_date": usable("radiotherapy", "start_date", start),
            "end_date": usable("radiotherapy", "end_date", end),
            "intent": intent.group(1).lower() if intent else "",
        }
        found.append(place.proposal("radiotherapy", radiotherapy_key(fields), fields, sentence))
    return found


def radiotherapy_key(fields: dict[str, Any]) -> str:
    """A course is the same when its site, dose and fractions are."""
    site = " ".join((fields.get("site") or "").lower().split())
    dose = fields.get("dose_gy")
    return (
        f"radiotherapy|{site}|{dose:g}|{fields.get('fractions') or ''}"
        if dose
        else (f"radiotherapy|{site}|{fields.get('start_date') or ''}")
    )


def _doses(sentence: str) -> list[tuple[re.Match[str], float, int | None]]:
    found = []
    taken: list[tuple[int, int]] = []
    for match in _PER_FRACTION.finditer(sentence):
        count, each = int(match.group(1)), float(match.group(2).replace(",", "."))
        found.append((match, round(count * each, 2), count))
        taken.append(match.span())
    for match in _DOSE.finditer(sentence):
        if any(a <= match.start() < b for a, b in taken):
            continue
        dose = float(match.group(1).replace(",", "."))
        count = int(match.group(2)) if match.group(2) else None
        found.append((match, dose, count))
    return [f for f in found if 0 < f[1] <= _MAX_GY]


def _site(before: str) -> str:
    """The site named last before the dose: vertebrae ("T10-L2 spine") or a body site."""
    before = re.split(r"[;.]", before)[-1]
    places = [(m.start(), m.end(), m.group(0)) for m in _VERTEBRAE.finditer(before)]
    places += [(m.start, m.end, m.item["name"]) for m in term_finder("body_sites").find(before)]
    if not places:
        return ""
    start, _, name = max(places, key=lambda p: (p[1], -p[0]))
    side = _SIDE.search(before[:start])
    return f"{side.group(1).lower()} {name}" if side else name


def _site_after(after: str) -> str:
    """A site named after the dose: "... 50 Gy in 25 fractions to the chest wall"."""
    lead = _AFTER_SITE.match(after)
    if lead is None:
        return ""
    rest = re.split(r"[;,.(]|\b(on|from|with|and)\b", after[lead.end() :])[0]
    return _site(rest) if rest.strip() else ""


def _dates(sentence: str, place: Place, fractions: int | None) -> tuple[str | None, str | None]:
    """The course's start and end; a single fraction's one date is both."""
    start, end = start_end(sentence, place.order)
    if fractions == 1 and not (start or end):
        start = end = date_in(sentence, place.order)
    return start, end


_DONE = re.compile(
    r"\b(performed|received|underwent|undergone|completed|given|delivered|treated with)\b", re.I
)


def _course_without_dose(sentence: str, place: Place) -> list[Proposal]:
    """A course a sentence says was given on a date, with no dose ("radiation therapy,
    performed 07/26/1985"): suggested with its date only."""
    words = _RT_WORDS.search(sentence)
    if words is None or words.group(1).lower() in ("rt", "fraction", "fractions"):
        return []
    if not _DONE.search(sentence) or assertion(sentence, *words.span()) != PRESENT:
        return []
    start, end = start_end(sentence, place.order)
    start = start or date_in(sentence, place.order)
    start = usable("radiotherapy", "start_date", start)
    if start is None:
        return []
    after = sentence[words.end() :]
    fields = {
        "site": _site(sentence[: words.start()]) or _site_after(after),
        "start_date": start,
        "end_date": usable("radiotherapy", "end_date", end),
    }
    return [place.proposal("radiotherapy", radiotherapy_key(fields), fields, sentence)]
