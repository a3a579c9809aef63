"""Reading radiotherapy courses out of a sentence: site, dose in Gy, fractions and dates."""

from __future__ import annotations

import re
from typing import Any

from recordorg.core.case.negation import PRESENT, assertion
from recordorg.core.case.proposal import Place, Proposal
from recordorg.core.case.sentence_dates import date_in, mentions_in, start_end, usable
from recordorg.core.case.vocabularies import term_finder

_FRACTIONS = r"(?:fractions?|fx|#|daily fractions?|frazioni|fraktionen|fracciones)"
_NUMBER = r"(\d{1,3}(?:[.,]\d{1,2})?)"
_DOSE = re.compile(
    rf"(?<![\w.]){_NUMBER}\s*Gy\b"
    rf"(?:\s*(?:in|/|over|x)\s*(\d{{1,2}})\s*{_FRACTIONS}(?!\w))?",
    re.I,
)
_PER_FRACTION = re.compile(
    rf"(?<![\w.])(\d{{1,2}})\s*(?:x|×|fractions? of)\s*{_NUMBER}\s*Gy\b", re.I
)
_RT_WORDS = re.compile(
    r"\b(radiotherapy|radiation|irradiat\w*|radiosurgery|SBRT|SABR|SRS|IMRT|VMAT|XRT|EBRT|"
    r"brachytherapy|RT|fractions?|radioterapia|strahlentherapie|bestrahlung|radiotherapie)\b",
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


_PERIOD_LABEL = re.compile(
    r"^\W*(treatment dates?|dates? of treatment|treatment period|course dates?|"
    r"periodo di trattamento|behandlungszeitraum|bestrahlungszeitraum|"
    r"p[ée]riode de traitement|periodo de tratamiento)\b",
    re.I,
)
_SITE_LABEL = re.compile(
    r"^\W*(?:treatment site|treated site|site|target|region|sede irradiata|sede|"
    r"zielvolumen|bestrahlungsregion|site traité|localisation|zona irradiada)\s*:\s*"
    r"([^\n.;:]{2,60})\.?[ \t]*$",
    re.I | re.M,
)
_FIRST_LABEL = re.compile(
    r"\b(start(ed)?( date)?|date started|first fraction|first treatment|begin)\W*$", re.I
)
_LAST_LABEL = re.compile(
    r"\b(end(ed)?( date)?|date completed|completed|last fraction|last treatment|"
    r"finish(ed)?( date)?)\W*$",
    re.I,
)


def fill_course_dates(found: list[Proposal], place: Place) -> None:
    """A radiotherapy summary that holds one course and gives its dates on labelled lines of
    their own ("Start date: ...", "Treatment dates: ... - ...") dates that course."""
    courses = [p for p in found if p.kind == "radiotherapy"]
    if place.category != "radiotherapy" or len(courses) != 1:
        return
    course = courses[0].fields
    if not course.get("site"):
        site = _SITE_LABEL.search(place.page_text)
        course["site"] = site.group(1).strip() if site else ""
    if course.get("start_date") or course.get("end_date"):
        return
    start, end = labelled_dates(place.page_text, place)
    course["start_date"] = usable("radiotherapy", "start_date", start)
    course["end_date"] = usable("radiotherapy", "end_date", end)


def labelled_dates(text: str, place: Place) -> tuple[str | None, str | None]:
    """The first and last day of treatment a page gives on labelled lines, when it gives
    each at most once."""
    starts: list[str] = []
    ends: list[str] = []
    for line in text.splitlines():
        mentions = mentions_in(line, place.order)
        if _PERIOD_LABEL.match(line) and len(mentions) == 2:
            starts.append(mentions[0].value)
            ends.append(mentions[1].value)
            continue
        for mention in mentions:
            before = line[: mention.offset][-30:]
            if _FIRST_LABEL.search(before):
                starts.append(mention.value)
            elif _LAST_LABEL.search(before):
                ends.append(mention.value)
    start = starts[0] if len(set(starts)) == 1 else None
    end = ends[0] if len(set(ends)) == 1 else None
    return start, end
