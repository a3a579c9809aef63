"""The dates a sentence gives an entry: one date, a start and an end, or a range."""

from __future__ import annotations

import re

from recordorg.core.case.kinds import clean_fields
from recordorg.core.errors import UserError
from recordorg.core.understanding.dates import DateMention, DateOrder, find_dates

_UNTIL_ON = r"(?:(?!progress|relaps|recurr|stopp|discontinu|complet|end|\.\s|;).)*\bon\W*$"
_START = re.compile(
    r"\b(start\w*|since|from|commenc\w*|began|begin\w*|initiat\w*)\W*$"
    rf"|\b(start\w*|commenc\w*|began|begun|initiat\w*|prescribed|received|given|administered)\b"
    rf"{_UNTIL_ON}",
    re.I,
)
_END = re.compile(
    r"\b(to|until|till|stopp\w*|discontinu\w*|ended|end|finish\w*|completed|through)\W*$"
    r"|\b(end\w*|finish\w*|complet\w*|stopp\w*|discontinu\w*)\b(?:(?!start|commenc|\.\s|;).)*"
    r"\bon\W*$",
    re.I,
)
_RANGE = re.compile(r"^\s*(-|–|—|to|until|till|through)\s*$", re.I)


_AS_WRITTEN = {"day": 10, "month": 7, "year": 4}  # how much of an ISO date each precision keeps


def mentions_in(sentence: str, order: DateOrder) -> list[DateMention]:
    """The dates in a sentence, leaving out dates of birth; a date written without its day
    keeps only what was written ("March 2023": "2023-03"), never an invented day."""
    found = []
    for mention in find_dates(sentence, order):
        if mention.kind == "birth":
            continue
        keep = _AS_WRITTEN.get(getattr(mention, "precision", "day"))
        if keep is None:
            continue  # a quarter or a season is no date an entry can hold
        mention.value = mention.value[:keep]
        found.append(mention)
    return found


def date_in(sentence: str, order: DateOrder) -> str | None:
    """The sentence's date when it gives exactly one."""
    mentions = mentions_in(sentence, order)
    return mentions[0].value if len(mentions) == 1 else None


def start_end(sentence: str, order: DateOrder) -> tuple[str | None, str | None]:
    """The start and end a sentence gives ("from 2 May to 15 May 2024", "started on ...",
    "04/01/2025 - 04/14/2025"); a date with no word saying which is left out."""
    mentions = mentions_in(sentence, order)
    start = end = None
    for index, mention in enumerate(mentions):
        before = sentence[max(0, mention.offset - 80) : mention.offset]
        if index and _RANGE.match(before[-(mention.offset - _end_of(mentions[index - 1])) :]):
            start, end = start or mentions[index - 1].value, end or mention.value
        elif _END.search(before):
            end = end or mention.value
        elif _START.search(before):
            start = start or mention.value
    return start, end


def _end_of(mention: DateMention) -> int:
    return mention.offset + len(mention.written)


def usable(kind: str, name: str, value: str | None) -> str | None:
    """The value when the entry's date field takes it (a full date, or a partial one once
    the field does), else None."""
    if not value:
        return None
    try:
        return clean_fields(kind, {name: value})[name]
    except UserError:
        return None
