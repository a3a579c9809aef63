"""The coded entries of a clinical document's sections (problems, medicines, results,
procedures, encounters, allergies), kept as plain facts with the vocabulary they name."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from recordorg.formats.ccda_narrative import local_name
from recordorg.formats.ccda_values import (
    CdaTime,
    child,
    children,
    code_system,
    text_of,
    time_range,
    typed,
)

# Sections by their LOINC code, and the kind of entry each holds.
SECTION_KINDS = {
    "11450-4": "problem",
    "11348-0": "problem",  # history of past illness
    "10160-0": "medication",
    "29549-3": "medication",  # medications administered
    "10183-2": "medication",  # hospital discharge medications
    "30954-2": "result",
    "47519-4": "procedure",
    "29554-3": "procedure",  # procedure description
    "46240-8": "encounter",
    "48765-2": "allergy",
    "11369-6": "immunization",
    "8716-3": "vital sign",
}
STATEMENTS = ("act", "observation", "substanceAdministration", "procedure", "encounter",
              "organizer", "supply")  # fmt: skip


@dataclass
class CodedEntry:
    """One fact an entry states, with where it sits (section, entry number, page)."""

    kind: str  # "problem", "medication", "result", "procedure", "encounter", "allergy", ...
    section: str  # the section's title as written
    entry: int  # 1-based, within its section
    page: int  # the page of the record's text that holds the section
    name: str  # what it is, in words
    code: str = ""
    system: str = ""  # "SNOMED CT", "RxNorm", "LOINC", ...
    start: str = ""  # ISO start
    precision: str = "day"
    end: str = ""
    value: str = ""  # a result's value with its unit
    status: str = ""
    negated: bool = False
    planned: bool = False  # ordered, proposed or intended, not done

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def section_kind(section: Any) -> str:
    code = child(section, "code")
    return SECTION_KINDS.get(code.get("code", "") if code is not None else "", "")


def read_entries(
    section: Any, title: str, page: int, references: dict[str, str]
) -> list[CodedEntry]:
    """The facts a section's entries state; a result organizer gives one per test."""
    kind = section_kind(section)
    if not kind:
        return []
    found: list[CodedEntry] = []
    for number, entry in enumerate(children(section, "entry"), 1):
        for statement in entry:
            if local_name(statement.tag) in STATEMENTS:
                found += _facts(kind, statement, title, number, page, references)
    return found


def _facts(
    kind: str, statement: Any, title: str, number: int, page: int, refs: dict[str, str]
) -> list[CodedEntry]:
    name = local_name(statement.tag)
    if kind == "result" and name == "organizer":
        tests = [o for c in children(statement, "component") for o in children(c, "observation")]
        return [_fact(kind, t, title, number, page, refs, statement) for t in tests]
    if kind in ("problem", "allergy") and name == "act":
        inner = [
            o for r in children(statement, "entryRelationship") for o in children(r, "observation")
        ]
        return [_fact(kind, o, title, number, page, refs, statement) for o in inner[:1]]
    return [_fact(kind, statement, title, number, page, refs, None)]


def _fact(
    kind: str,
    element: Any,
    title: str,
    number: int,
    page: int,
    refs: dict[str, str],
    outer: Any,
) -> CodedEntry:
    coded = _what(kind, element)
    start, end = _when(element, outer)
    status = child(outer if outer is not None else element, "statusCode")
    fact = CodedEntry(
        kind,
        title,
        number,
        page,
        _words(coded, element, refs),
        (coded.get("code") or "") if coded is not None else "",
        code_system(coded.get("codeSystem"), coded.get("codeSystemName"))
        if coded is not None
        else "",
        start.value if start else "",
        start.precision if start else "day",
        end.last_day if end else "",
        _value(element) if kind in ("result", "vital sign") else "",
        status.get("code", "") if status is not None else "",
        element.get("negationInd") == "true",
        (element.get("moodCode") or "EVN") not in ("EVN", "GOL"),
    )
    return fact


def _what(kind: str, element: Any) -> Any:
    """The coded element naming the fact: a problem's value, a medicine's product, an
    allergy's substance, else the statement's own code."""
    if kind == "medication":
        material = child(element, "consumable", "manufacturedProduct", "manufacturedMaterial")
        return child(material, "code")
    if kind == "immunization":
        material = child(element, "consumable", "manufacturedProduct", "manufacturedMaterial")
        return child(material, "code")
    if kind == "allergy":
        substance = child(element, "participant", "participantRole", "playingEntity", "code")
        return substance if substance is not None else child(element, "value")
    if kind == "problem":
        value = child(element, "value")
        return value if value is not None else child(element, "code")
    return child(element, "code")


def _words(coded: Any, element: Any, refs: dict[str, str]) -> str:
    """What the narrative calls the fact (through its reference), else the code's name."""
    if coded is not None:
        reference = child(coded, "originalText", "reference")
        target = (reference.get("value") or "") if reference is not None else ""
        if target.startswith("#") and refs.get(target[1:]):
            return refs[target[1:]]
        written = text_of(child(coded, "originalText"))
        if written:
            return written
        if coded.get("displayName"):
            return " ".join(coded.get("displayName").split())
        for translation in children(coded, "translation"):
            if translation.get("displayName"):
                return " ".join(translation.get("displayName").split())
    reference = child(element, "text", "reference")
    target = (reference.get("value") or "") if reference is not None else ""
    return refs.get(target[1:], "") if target.startswith("#") else text_of(child(element, "text"))


def _when(element: Any, outer: Any) -> tuple[CdaTime | None, CdaTime | None]:
    for holder in (element, outer):
        if holder is None:
            continue
        for time in children(holder, "effectiveTime"):
            if typed(time) in ("PIVL_TS", "EIVL_TS"):
                continue  # how often, not when
            start, end = time_range(time)
            if start or end:
                return start, end
    return None, None


def _value(element: Any) -> str:
    value = child(element, "value")
    if value is None:
        return ""
    if value.get("value"):
        return " ".join(p for p in (value.get("value"), value.get("unit") or "") if p and p != "1")
    if value.get("displayName"):
        return value.get("displayName")
    return text_of(value)
