"""Reading cancer treatments out of a sentence: the medicines given together, line and intent."""

from __future__ import annotations

import re
from dataclasses import dataclass

from recordorg.core.case.negation import NOT_GIVEN
from recordorg.core.case.vocabularies import Drug, Regimen, drug_finder, drugs, regimen_name


@dataclass(frozen=True)
class RegimenFinding:
    """Cancer medicines given together, read in one clause of a sentence."""

    drugs: tuple[str, ...]  # generic names, in the order written
    regimen: str
    key: str  # the set of drugs, e.g. "treatment_line|letrozole+palbociclib"
    line_number: int | None
    intent: str
    clause: str
    quote: str


_CLAUSE = re.compile(
    r";|\b(?:then|followed by|switched to|changed to|moved on to|replaced by|"
    r"after which|instead of|rather than|start(?:ed|ing)|commenced|began|later|"
    r"subsequently|afterwards|thereafter)\b",
    re.I,
)
# "X and Y were both given", "... respectively": the drugs joined by "and" are separate lines.
_GIVEN_APART = re.compile(r"\b(both|each|respectively|separately|sequential(ly)?)\b", re.I)
_BOTH = re.compile(r"\bboth\b", re.I)
_APART = re.compile(_CLAUSE.pattern + r"|\band\b", re.I)
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "5th": 5,
    "6th": 6,
}
_LINE = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|[1-6](?:st|nd|rd|th))[\s-]+line\b"
    r"|\b([1-6])L\b",
    re.I,
)
_INTENT = re.compile(r"\b(neoadjuvant|adjuvant|palliative|curative|maintenance|radical)\b", re.I)


def _line_number(text: str) -> int | None:
    match = _LINE.search(text)
    if match is None:
        return None
    return ORDINALS[match.group(1).lower()] if match.group(1) else int(match.group(2))


def find_regimens(sentence: str) -> list[RegimenFinding]:
    """Cancer treatments given in a sentence, one finding per clause naming cancer drugs.

    Sentences that only discuss options or associations, or say a treatment was declined,
    not funded, held or planned, are passed over.
    """
    if NOT_GIVEN.search(sentence):
        return []
    clause_ends = _APART if _GIVEN_APART.search(sentence) else _CLAUSE
    cuts = [0, *(m.start() for m in clause_ends.finditer(sentence)), len(sentence)]
    clauses = [sentence[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]
    groups: list[tuple[str, list[str]]] = []
    for clause in clauses:
        names: list[str] = []
        for mention in drug_finder().find(clause):
            item: Drug | Regimen = mention.item
            members = sorted(item.drugs) if isinstance(item, Regimen) else [item.name]
            names += [n for n in members if drugs()[n].anticancer and n not in names]
        if names:
            groups.append((clause, names))
    if _BOTH.search(sentence) and len(groups) != 2:
        return []  # "A and B and C were both given": which two lines cannot be told
    found = []
    for clause, names in groups:
        line = _line_number(clause) or (_line_number(sentence) if len(groups) == 1 else None)
        intent = _INTENT.search(clause) or (_INTENT.search(sentence) if len(groups) == 1 else None)
        found.append(
            RegimenFinding(
                tuple(names),
                regimen_name(names),
                "treatment_line|" + "+".join(sorted(names)),
                line,
                intent.group(1).lower() if intent else "",
                clause.strip(),
                sentence,
            )
        )
    return found


def supportive_drugs(sentence: str) -> list[str]:
    """Medicines named that are not cancer treatment (denosumab, dexamethasone...)."""
    return [
        m.item.name
        for m in drug_finder().find(sentence)
        if isinstance(m.item, Drug) and not m.item.anticancer
    ]
