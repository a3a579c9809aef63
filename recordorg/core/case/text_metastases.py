"""Reading where a cancer has spread out of a sentence ("liver and bone metastases")."""

from __future__ import annotations

import re
from typing import Any

from recordorg.core.case.negation import PRESENT, assertion
from recordorg.core.case.proposal import Place, Proposal
from recordorg.core.case.sentence_dates import date_in, usable
from recordorg.core.case.vocabularies import as_written, term_finder

_SPREAD = re.compile(
    r"\b(metasta(?:sis|ses|tic)|mets|secondar(?:y|ies)|metastasen?|m[ée]tastases?|metastasi|"
    r"met[áa]stasis)\b",
    re.I,
)
_BREAK = re.compile(r"[;:.]|\b(with|but|and no|or no|while|whereas|on)\b", re.I)
_AFTER = re.compile(
    r"^\s*(?:disease\s+|lesions?\s+|deposits?\s+)?(?:to|in|of|involving|within|at|"
    r"in der|im|in den|dans le|dans la|dans les|du|des|au|aux|nel|nella|nei|al|alla|"
    r"en el|en la|en los|del|de la|eines|einer|d'un|d'une|di un|di una|de un|de una)\s+",
    re.I,
)
_LISTED = re.compile(r"^[^()]{0,40}?\(([^()]{2,60})\)")
_ONLY_SITES = re.compile(r"^[\w\s,/-]*$")
_DISTANT = re.compile(r"\b(distant|non-?regional|contralateral)\b", re.I)
REACH = 60  # how far from "metastases" its sites are read
_REPORTS = ("imaging-report",)


def find_metastases(sentence: str, place: Place) -> list[Proposal]:
    """Every site a sentence states the cancer has spread to; lymph nodes only when called
    distant (regional ones are staging, not spread)."""
    found: dict[str, Proposal] = {}
    for spread in _SPREAD.finditer(sentence):
        for start, end, site, written in _sites(sentence, spread):
            if site["id"] == "lymph-nodes" and not _DISTANT.search(sentence):
                continue  # nodes near the tumour are its stage (N), not its spread
            if assertion(sentence, start, end) != PRESENT:
                continue
            if assertion(sentence, spread.start(), spread.end()) != PRESENT:
                continue  # "liver: no metastases", "a haemangioma, not a metastasis"
            site_name = as_written(site, written, "names_after")
            fields = {"site": site_name, "first_seen": _first_seen(sentence, place)}
            key = metastasis_key(fields)
            found.setdefault(key, place.proposal("metastasis", key, fields, sentence))
    return list(found.values())


def metastasis_key(fields: dict[str, Any]) -> str:
    """Metastatic sites are the same when their site is."""
    mentions = term_finder("body_sites").find(fields.get("site") or "")
    site = mentions[0].item["id"] if mentions else (fields.get("site") or "").lower()
    return f"metastasis|{site}"


Site = tuple[int, int, dict[str, Any], str]  # where it is named, the site, the words


def _sites(sentence: str, spread: re.Match[str]) -> list[Site]:
    """The sites a mention of spread names: before it ("liver and bone metastases"), after
    it ("metastases to the liver"), or listed after it ("metastatic breast cancer (liver,
    bone)")."""
    found = []
    if not spread.group(1).lower().startswith("metastatic"):
        before = sentence[max(0, spread.start() - REACH) : spread.start()]
        cut = max((m.end() for m in _BREAK.finditer(before)), default=0)
        offset = spread.start() - len(before) + cut
        found += [(offset + m.start, offset + m.end, m.item, m.text) for m in _finder(before[cut:])]
    after = sentence[spread.end() : spread.end() + REACH]
    lead = _AFTER.match(after)
    listed = _LISTED.match(after)
    if lead:
        rest = after[lead.end() :]
        rest = rest[: _BREAK.search(rest).start()] if _BREAK.search(rest) else rest
        offset = spread.end() + lead.end()
        found += [(offset + m.start, offset + m.end, m.item, m.text) for m in _finder(rest, True)]
    elif listed and _ONLY_SITES.match(listed.group(1)):
        offset = spread.end() + listed.start(1)
        found += [
            (offset + m.start, offset + m.end, m.item, m.text) for m in _finder(listed.group(1))
        ]
    return [f for f in found if f[2]["metastatic"]]


def _finder(text: str, after_a_word: bool = False) -> list[Any]:
    """Sites named in the text; after "in"/"to" also their names in other languages."""
    return term_finder("body_sites", "names_after" if after_a_word else "").find(text)


def _first_seen(sentence: str, place: Place) -> str | None:
    day = date_in(sentence, place.order)
    if day is None and place.category in _REPORTS:
        day = place.record_date  # the study the report describes
    return usable("metastasis", "first_seen", day)
