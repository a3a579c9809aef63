"""Reading operations, biopsies and ports out of a sentence, with their side, site and date."""

from __future__ import annotations

import re
from typing import Any

from recordorg.core.case.negation import PRESENT, assertion, clause_around
from recordorg.core.case.proposal import Place, Proposal
from recordorg.core.case.sentence_dates import date_in, usable
from recordorg.core.case.vocabularies import Mention, as_written, term_finder

_SIDES = r"(left|right|bilateral|ipsilateral|gauche|droite?|links|rechts|sinistr[ao]|destr[ao])?"
_JOINED = re.compile(
    rf"^\s*{_SIDES}\s*(,|with|and|plus|\+|&|avec|et|mit|und|con|e|y)?\s*{_SIDES}\s*$", re.I
)
_SIDE = re.compile(r"\b(left|right|bilateral|both)\b", re.I)
_SIDE_WORDS = {"both": "bilateral"}
_SIDE_AFTER = re.compile(
    r"\W{0,3}(\w+\s)?(?:(gauche|links|sinistr[ao]|izquierd[ao])|"
    r"(droite?|rechts|destr[ao]|derech[ao]))\b",
    re.I,
)
_OF_SITE = re.compile(r"^\s*(?:of|from|in|to)\s+(?:the\s+)?((?:left|right)\s+)?", re.I)
_EARLIER = re.compile(r"\b(previous(ly)?|prior|history of|in the past|earlier|years ago)\b", re.I)
_NOT_DONE_TO = re.compile(r"^\W*(removal|removed|explant\w*|taken out|revision)\b", re.I)
_SPECIMEN = ("pathology", "genomics")
# What ends the words naming where a procedure was done: another clause, or another finding
# ("breast cancer, ER 95% (core biopsy ...)": the biopsy's site is not told).
_OTHER_THING = re.compile(
    r"[;:.()]|\b(and|cancer|carcinoma\w*|metasta\w*|tumou?rs?|malignan\w*|disease)\b", re.I
)
_INSERTED = re.compile(r"\b(insert\w*|plac\w*|implant\w*|sited|put in|new)\b", re.I)
# A list of the devices a person carries: each one on it was put in ("Biliary Stent, May 5, 2013"
# under "MEDICAL EQUIPMENT").
_DEVICE_LIST = re.compile(r"\b(implant\w*|medical equipment|(medical )?devices)\b", re.I)
_ANOTHER_DAY = re.compile(
    r"\b(scar|seen|review\w*|exam\w*|clinic|follow[- ]up|visit|appointment|attend\w*|"
    r"healed|healing|wound)\b",
    re.I,
)
SITE_REACH = 70  # how far before a procedure a body site is read as its site


def find_procedures(sentence: str, place: Place) -> list[Proposal]:
    """Every procedure a sentence states was done: one proposal per group of procedures
    written together ("left mastectomy with axillary dissection")."""
    found = []
    for group in _groups(term_finder("procedures", "names_foreign").find(sentence), sentence):
        start, end = group[0].start, group[-1].end
        if assertion(sentence, start, end) != PRESENT:
            continue
        if _NOT_DONE_TO.match(sentence[end:]):
            continue
        main = group[0].item
        side, site = _side_and_site(sentence, start, end, main)
        if not side:  # "mastectomie totale gauche avec curage axillaire", "Mastektomie links"
            written_after = _SIDE_AFTER.match(sentence, group[0].end)
            side = "" if not written_after else "left" if written_after.group(2) else "right"
        if main.get("generic") and not site:
            continue  # "a biopsy" of nowhere named says too little
        if main.get("inserted") and not (
            _INSERTED.search(sentence[:start] + " " + sentence[end:])
            or _DEVICE_LIST.search(place.section)
        ):
            continue  # "port flush", "implanted port in situ", "breast implant rupture"
        day = _date(sentence, start, end, place, main)
        name = " with ".join(as_written(m.item, m.text, "names_foreign") for m in group)
        fields = {"name": name, "performed_on": day, "site": _join(side, site)}
        found.append(place.proposal("procedure", procedure_key(fields), fields, sentence))
    return found


def procedure_key(fields: dict[str, Any]) -> str:
    """What makes two procedures the same: an organ removed on one side is removed once;
    other procedures are the same only on the same day."""
    mentions = term_finder("procedures", "names_foreign").find(fields.get("name") or "")
    if not mentions:
        return "procedure|" + " ".join((fields.get("name") or "").lower().split())
    main = mentions[0].item
    site = (fields.get("site") or "").lower()
    side = next((w for w in ("left", "right", "bilateral") if w in site.split()), "")
    if main.get("once"):
        return f"procedure|{main['id']}|{side}"
    return f"procedure|{main['id']}|{fields.get('performed_on') or site}"


def _groups(mentions: list[Mention[dict[str, Any]]], sentence: str) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups and _JOINED.match(sentence[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _side_and_site(sentence: str, start: int, end: int, main: dict[str, Any]) -> tuple[str, str]:
    before = sentence[max(0, start - SITE_REACH) : start]
    before = _OTHER_THING.split(before)[-1]
    after = sentence[end : end + SITE_REACH]
    site = main.get("site", "")
    sites = term_finder("body_sites").find(before)
    of_site = _OF_SITE.match(after)
    if of_site:
        named = term_finder("body_sites").find(after[of_site.end() :])
        if named and named[0].start == 0:
            sites, before = named, of_site.group(1) or ""
    if sites:
        site = sites[-1].item["name"]
    side = _SIDE.findall(before) or _SIDE.findall(of_site.group(1) or "" if of_site else "")
    word = side[-1].lower() if side else ""
    return _SIDE_WORDS.get(word, word), site


def _date(sentence: str, start: int, end: int, place: Place, main: dict[str, Any]) -> str | None:
    """The date in the procedure's own clause (not the day of a visit that mentions it); in
    an operative or pathology report without one, the report's operation or specimen."""
    before, after = clause_around(sentence, start, end)
    clause = before + sentence[start:end] + after
    if _ANOTHER_DAY.search(clause):
        return None
    day = date_in(clause, place.order)
    if day is None and not _EARLIER.search(sentence):
        if place.category in _SPECIMEN and main["group"] == "biopsy":
            day = place.collected  # the specimen the report is about
        elif place.category == "surgery" and main["group"] == "surgery":
            day = place.record_date  # the operation the report is about
    return usable("procedure", "performed_on", day)


def _join(side: str, site: str) -> str:
    return " ".join(p for p in (side, site) if p)
