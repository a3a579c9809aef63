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


# A table's date columns: when a medicine was started, stopped, or both ("Effective Dates
# (start - stop)"), in the languages read; and the words of a status still running.
_START_COLUMN = re.compile(
    r"\b(start\w*|effective|begin\w*|began|from|since|beginn|debut|inicio|inizio)\b", re.I
)
_END_COLUMN = re.compile(r"\b(stop\w*|end\w*|until|discontinu\w*|ende|fin|fine)\b", re.I)
_STILL_GIVEN = re.compile(
    r"^\s*(active|ongoing|current|continuing|laufend|en cours|activo)\s*$", re.I
)

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


def row_start_end(header: str, row: str, order: DateOrder) -> tuple[str | None, str | None, bool]:
    """The start, the end, and whether still given, that a table row tells by its columns
    ("Medication | Effective Date(s) | Status" over "bevacizumab … | 2018-02-15 | Active");
    a row with a cell more or less than its header pairs its one dated cell with the
    header's one date column. Nothing is taken from a column whose heading does not say."""
    heads = [h.strip() for h in header.split("|")]
    cells = [c.strip() for c in row.split("|")]
    dated = [(i, mentions_in(c, order)) for i, c in enumerate(cells)]
    dated = [(i, found) for i, found in dated if found]
    columns = [i for i, h in enumerate(heads) if _START_COLUMN.search(h) or _END_COLUMN.search(h)]
    if len(heads) == len(cells):
        pairs = [(heads[i], found) for i, found in dated]
    elif len(dated) == 1 and len(columns) == 1:
        pairs = [(heads[columns[0]], dated[0][1])]
    else:
        pairs = []
    start = end = None
    for head, found in pairs:
        starts, ends = bool(_START_COLUMN.search(head)), bool(_END_COLUMN.search(head))
        if starts and ends:  # one column for both: its first date and its second
            start, end = start or found[0].value, end or (found[1].value if found[1:] else None)
        elif starts:
            start = start or found[0].value
        elif ends:
            end = end or found[0].value
    still = any(_STILL_GIVEN.match(c) for c in cells) and end is None
    return start, end, still


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
