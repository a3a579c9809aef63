"""Reading sentences out of a page's text, and biomarker results out of each sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from recordorg.core.case.vocabularies import (
    Grammar,
    Marker,
    marker_finder,
)

ABBREVIATIONS = {
    "dr",
    "mr",
    "mrs",
    "ms",
    "prof",
    "vs",
    "e.g",
    "i.e",
    "approx",
    "no",
    "fig",
    "st",
    "ca",
    "cf",
    "etc",
    "inc",
    "nr",
}
_END = re.compile(r"[.!?](?=\s+[A-Z0-9(\[\"'])")
_HANGING = re.compile(
    r"(,|-|\b(and|or|of|the|with|to|in|on|for|a|an|by|at|from|plus|"
    r"per|than|was|were|is|are))$",
    re.I,
)
_READS_ON = re.compile(r"[a-z0-9(%/+,.;:)\-]|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_WINDOW = 90  # how far after a marker's name its result is looked for


def _row_wraps_on(row: str, line: str, header: int, long: bool) -> bool:
    """Whether `line` goes on a table row that a page too narrow for it wrapped: the row's
    line was long, and the wrap fell at a cell border ("… |" then "20070103 | Active", or
    "… Boston Scientific" then "| Implanted 04/13/2016 by") or, with every cell of the header
    already there, in its last cell ("… Implanted 04/13/2016 by" then "Fleming, Barry")."""
    if not (header and long and " | " in row) or row.count("|") > header:
        return False
    if line.startswith("| ") or row.endswith(" |"):
        return row.count("|") + line.count("|") <= header
    return "|" not in line and row.count("|") == header


def _paragraphs(page_text: str) -> list[str]:
    """The paragraphs of a page: lines a page wrapped joined, table rows each their own."""
    lines = [" ".join(line.split()) for line in page_text.splitlines()]
    longest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    wrapped: bool | str = False
    header = 0  # the cell borders of the table header above, while in a table
    previous = ""  # the line before, as the page has it
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current, wrapped, header = "", False, 0
            continue
        row = " | " in line or line.startswith("| ")  # a table's row is a line of its own
        was_long, previous = len(previous) >= 0.6 * longest, line
        if current and _row_wraps_on(current, line, header, was_long):
            current += " " + line
            continue
        if (
            current
            and not row
            and (wrapped is True or (wrapped == "next" and _READS_ON.match(line)))
        ):
            current += " " + line
        else:
            if current:
                paragraphs.append(current)
            header = (header or line.count("|")) if row else 0
            current = line
        wrapped = (
            not row and longest >= 40 and len(line) >= 0.6 * longest and line[-1] not in ".!?:;"
        )
        if wrapped and not _HANGING.search(line):
            wrapped = "next"  # joined only if the next line reads on (lower case, digits)
    if current:
        paragraphs.append(current)
    return paragraphs


def sentences(page_text: str) -> list[str]:
    """The sentences of a page: wrapped lines joined, blank lines and full stops splitting."""
    found: list[str] = []
    for paragraph in _paragraphs(page_text):
        start = 0
        for end in _END.finditer(paragraph):
            word = paragraph[: end.start()].rsplit(" ", 1)[-1].lower().lstrip("(")
            if word in ABBREVIATIONS or len(word) == 1:
                continue
            found.append(paragraph[start : end.end()].strip())
            start = end.end()
        if paragraph[start:].strip():
            found.append(paragraph[start:].strip())
    return found


@dataclass(frozen=True)
class BiomarkerFinding:
    """A biomarker result read in a sentence."""

    marker: str  # the vocabulary id, e.g. "HER2"
    result: str  # in plain words, e.g. "negative (IHC 1+)"
    key: str  # what makes two findings the same result, e.g. "HER2|negative"
    outcome: str | None
    values: tuple[str, ...]
    quote: str


def _phrase_regex(phrase: str) -> re.Pattern[str]:
    flags = 0 if phrase.isupper() and len(phrase) <= 3 else re.IGNORECASE
    body = re.escape(phrase).replace(r"\ ", r"\s+")
    return re.compile(rf"(?<!\w){body}(?!\w)", flags)


_NEGATION = re.compile(r"(not|no|non|negative|wild)\b", re.I)
_PHRASES: dict[str, list[tuple[str, re.Pattern[str]]]] = {}


def _outcome(grammar: Grammar, window: str) -> str | None:
    """The result word in a window: the earliest (then longest), unless another one follows
    straight after it ("mutation not detected")."""
    if grammar.name not in _PHRASES:
        _PHRASES[grammar.name] = [
            (outcome, _phrase_regex(p)) for outcome, ps in grammar.outcomes.items() for p in ps
        ]
    hits = sorted(
        (
            (m.start(), -(m.end() - m.start()), m.end(), outcome)
            for outcome, regex in _PHRASES[grammar.name]
            for m in regex.finditer(window)
        ),
    )
    if not hits:
        return None
    _, _, end, outcome = hits[0]
    for other_start, _, other_end, other in hits[1:]:
        negation = _NEGATION.match(window, other_start)
        if end <= other_start <= end + 3 and other != outcome and negation:
            end, outcome = other_end, other
    if outcome in grammar.provisional:
        later = [h for h in hits if h[0] >= end and h[3] not in grammar.provisional]
        outcome = later[0][3] if later else outcome
    return outcome


def _values(grammar: Grammar, window: str) -> list[tuple[str, str]]:
    taken: list[tuple[int, int]] = []
    values: list[tuple[str, str]] = []
    for rule in grammar.values:
        match = rule.pattern.search(window)
        if match is None or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        taken.append(match.span())
        values.append((rule.name, rule.format.format(" ".join(match.group(1).split()))))
    return values


def _infer(grammar: Grammar, values: list[tuple[str, str]]) -> str | None:
    rule = grammar.infer
    wanted = rule.get("value")
    wanted = wanted if isinstance(wanted, list) else [wanted]
    value = next((v for name, v in values if name in wanted), None)
    if not rule or value is None:
        return None
    if "map" in rule:
        return rule["map"].get(value.split()[-1])
    if "at_least" in rule:
        number = float(re.sub(r"[^\d.]", "", value) or 0)
        below = "<" in value or number < rule["at_least"]
        return rule["else"] if below else rule["then"]
    return rule.get("then")


def _result(marker: Marker, outcome: str | None, values: list[tuple[str, str]]) -> tuple[str, str]:
    shown = [v for _, v in values]
    key_kind = marker.grammar.key
    if key_kind == "value":
        text = ", ".join(shown) + (f" ({outcome})" if outcome and shown else outcome or "")
        key_part = shown[0] if shown else outcome or ""
    else:
        text = (outcome or "") + (f" ({', '.join(shown)})" if shown else "")
        key_part = outcome or ""
        if key_kind == "outcome+value" and shown:
            key_part += "|" + shown[0]
    return text.strip(), f"{marker.id}|{key_part}".lower()


_BEFORE = re.compile(
    r"\b(?:(positive|negative) for|(loss of|lost)|(no|without|absence of|not))\b[^.;,]*$", re.I
)


def _said_before(grammar: Grammar, text: str) -> str | None:
    """A result written before the marker's name: "positive for ER", "No KRAS mutation"."""
    match = _BEFORE.search(text)
    if match is None:
        return None
    if match.group(2):  # "loss of MLH1 and PMS2 expression": the protein is not made
        return next((o for o, ws in grammar.outcomes.items() if "loss of expression" in ws), None)
    word = (match.group(1) or "negative").lower()
    if word == "positive":
        return next(
            (o for o in ("positive", "mutated", "rearranged") if o in grammar.outcomes), None
        )
    return next((o for o in ("negative", "not detected") if o in grammar.outcomes), None)


def find_biomarkers(sentence: str) -> list[BiomarkerFinding]:
    """Every biomarker result in one sentence ("ER 95%, PR 20%, HER2 1+ (negative)")."""
    mentions = marker_finder().find(sentence)
    found: list[BiomarkerFinding] = []
    waiting: list[Marker] = []  # "ER, PR and HER2 negative": ER and PR share HER2's result
    index = 0
    while index < len(mentions):
        mention = mentions[index]
        marker, implied = mention.item
        following = index + 1
        while following < len(mentions) and mentions[following].item[0].id == marker.id:
            following += 1
        stop = mentions[following].start if following < len(mentions) else len(sentence)
        reach = sentence[mention.end : min(stop, mention.end + _WINDOW)]
        window = reach.split(";")[0]
        before = sentence[mentions[index - 1].end if index else 0 : mention.start][-30:]
        index = following
        outcome = implied or _outcome(marker.grammar, window)
        if outcome in marker.grammar.provisional:  # "2+ (equivocal); ISH not amplified"
            outcome = _outcome(marker.grammar, reach)
        outcome = _said_before(marker.grammar, before) or outcome
        values = _values(marker.grammar, window)
        outcome = outcome or _infer(marker.grammar, values)
        if outcome is None and not values:
            waiting = (
                waiting + [marker] if re.fullmatch(r"[\s,/&]*(and|or)?[\s,/&]*", window) else []
            )
            continue
        for earlier in waiting:
            if outcome in earlier.grammar.outcomes:
                text, key = _result(earlier, outcome, [])
                found.append(BiomarkerFinding(earlier.id, text, key, outcome, (), sentence))
        waiting = []
        text, key = _result(marker, outcome, values)
        found.append(
            BiomarkerFinding(marker.id, text, key, outcome, tuple(v for _, v in values), sentence)
        )
    return found


METHODS = [
    (re.compile(r"\b(FISH|SISH|CISH|ISH)\b|in situ hybridi[sz]ation", re.I), "ISH"),
    (re.compile(r"\bNGS\b|next[- ]generation sequencing|sequencing panel|gene panel", re.I), "NGS"),
    (re.compile(r"\b(22C3|SP263|SP142|28-8)\b"), "IHC"),
    (re.compile(r"\bIHC\b|immunohistochemi", re.I), "IHC"),
    (re.compile(r"\b(RT-)?PCR\b"), "PCR"),
    (re.compile(r"genomic (profiling|testing)|liquid biopsy|ctDNA", re.I), "genomic profiling"),
]


_NOT_DONE = re.compile(r"\bnot (required|done|performed|indicated|available)|\bpending\b", re.I)


def find_method(text: str) -> str:
    """The testing method a sentence names (IHC, ISH, NGS, PCR), or "" (also when the
    sentence says it was not done)."""
    if _NOT_DONE.search(text):
        return ""
    for regex, method in METHODS:
        if regex.search(text):
            return method
    return ""
