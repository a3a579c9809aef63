"""Suggesting a record's category from its text: keyword rules plus a small local model."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from recordorg.core.paths import resources_dir
from recordorg.core.understanding.date_words import plain
from recordorg.core.understanding.naive_bayes import NaiveBayes, Speller, softmax, words

TITLE = 120  # the first two lines, up to this many characters, are a document's title
TITLE_LINES = 2
HEADING = 250  # characters at the top of a document where words count double
DECAY = 0.8  # each further phrase of a category counts this much of the one before
MENDED = 0.8  # share a phrase keeps when it was found only after mending misread words
SHAPE_WEIGHT = 1.0  # points for each word of a telling shape
MAX_SHAPES = 3  # words of a telling shape counted per category
WORD_SHAPES = {  # the endings of procedure names in English, German, French, Spanish, Italian
    "surgery": re.compile(
        r"[a-z]{3,}(?:ectom(?:y|ie|ia)|ektomie|otom(?:y|ie|ia)|ostom(?:y|ie|ia)"
        r"|oscop(?:y|ie|ia)|oskopie|oplast(?:y|ie|ia|ik))(?![a-z])"
    ),
}
DONE_HEAD = re.compile(  # a line saying what was done at a visit: "Procedure: CT of chest, …"
    r"^[ \t]*(?:procedures?(?: performed| done)?|eingriff|intervention|procedimiento|intervento)"
    r"[ \t]*:[ \t]*(?P<what>[^\n]{3,120})",
    re.MULTILINE,
)
DONE_KINDS = {  # what a procedure's name says it was, in the languages read
    "imaging-report": re.compile(
        r"(?<![a-z])(?:computed tomography|tomograph\w*|ct|mri|mrt|irm|magnetic resonance"
        r"|x-ray|radiograph\w*|ultrasound|sonograph\w*|echograph\w*|mammogra\w*|pet"
        r"|scintigra\w*|bone scan|scan)(?![a-z])"
    ),
    "surgery": re.compile(
        r"(?<![a-z])(?:biops\w*|biopsie|excision|resection|amputation|repair|insertion"
        r"|removal|implantation|[a-z]{3,}(?:ectomy|otomy|ostomy|oscopy|oplasty))(?![a-z])"
    ),
    "medication": re.compile(  # a treatment given at the visit: a cycle, an infusion
        r"(?<![a-z])(?:chemotherap\w*|chemoradi\w*|immunotherap\w*|infusion|chimiotherap\w*"
        r"|quimioterap\w*|chemioterap\w*)(?![a-z])"
    ),
}
HEADING_REST = 40  # characters a title line may hold after a part's heading ("(last filed)")
HEADING_GOES_ON = "(:,-/|"  # what may follow a part's heading on its line ("Allergies, alerts")
DONE_WEIGHT = 2.5  # points for each kind of thing a visit's procedure lines say was done
VISIT = re.compile(  # words saying a document is the summary of one visit
    r"(?:date of visit|visit date|encounter date|date of encounter|encounter for|visit summary"
    r"|besuchsdatum|datum der vorstellung|date de (?:la )?consultation|fecha de (?:la )?consulta"
    r"|data (?:della )?visita)"
)
STAY = re.compile(  # words saying a document is about a stay in hospital, not a visit
    r"(?:inpatient|hospital stay|hospitali[sz]ation|stationar|hospitalisierung|ingreso hospitalario"
    r"|ricovero)"
)
DIAGNOSED = re.compile(  # a line of a visit summary naming what was diagnosed or prescribed
    r"^[ \t]*(?:diagnos[ie]s|diagnose|diagnostic|diagnostico|diagnosi"
    r"|prescribed|verordnet|prescrit|recetado|prescritto)[ \t]*:[ \t]*\S",
    re.MULTILINE,
)
RULE_TEMPERATURE = 2.5  # rule points per factor e of odds
OTHER_BASE = 2.5  # rule points "other" gets, so that a few weak words do not win
MODEL_WEIGHT = 0.35  # share of the local model in the blend
MODEL_TEMPERATURE = 3.0  # naive Bayes is overconfident: its log odds are divided by this
ALIKE = 0.7  # a record this alike (cosine of word sets) to one a person filed goes there too
MAX_TEXT = 8000  # characters read from the start of a record
FLOOR = 1e-4


@dataclass
class CategorySuggestion:
    """A suggested category (slug), how sure, and the words that decided it."""

    category: str
    confidence: float
    words: list[str] = field(default_factory=list)
    reason: str = ""
    alternatives: list[tuple[str, float]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@lru_cache(maxsize=1)
def category_rules() -> dict[str, list[tuple[str, re.Pattern[str], float]]]:
    """The shipped keyword rules, compiled: {slug: [(phrase, pattern, weight)]}."""
    raw = json.loads((resources_dir() / "understanding" / "category_rules.json").read_text())
    rules = {}
    for slug, phrases in raw.items():
        if slug.startswith("_"):
            continue
        rules[slug] = [
            (phrase, re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])"), float(w))
            for phrase, w in phrases.items()
        ]
    return rules


@lru_cache(maxsize=1)
def section_headings() -> dict[str, dict[str, float]]:
    """The shipped headings of a record's parts: {slug: {heading: weight}}."""
    raw = json.loads((resources_dir() / "understanding" / "section_headings.json").read_text())
    return {slug: dict(headings) for slug, headings in raw.items() if not slug.startswith("_")}


@lru_cache(maxsize=1)
def seed_examples() -> tuple[tuple[str, str], ...]:
    """The shipped examples the local model starts from: (text, category slug)."""
    raw = json.loads((resources_dir() / "understanding" / "seed_examples.json").read_text())
    return tuple((item["text"], item["category"]) for item in raw)


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def first_whole(low: str, phrase: str) -> int:
    """Where `phrase` first stands as whole words in `low`, or -1 (str.find is ~30x faster
    than a regular expression per phrase, which made analysis the slowest part of import)."""
    start = 0
    while (at := low.find(phrase, start)) >= 0:
        end = at + len(phrase)
        if (at == 0 or low[at - 1] not in _WORD_CHARS) and (
            end == len(low) or low[end] not in _WORD_CHARS
        ):
            return at
        start = at + 1
    return -1


def _zone(at: int, title: int) -> float:
    """How much a phrase counts where it stands: the title most, then the heading."""
    return 3.0 if at < title else 2.0 if at < HEADING else 1.0


def title_end(low: str) -> int:
    """Where a document's title ends: after its first two lines that hold words."""
    end, seen = 0, 0
    for line in low[:TITLE].splitlines(keepends=True):
        end += len(line)
        seen += any(c.isalpha() for c in line)
        if seen == TITLE_LINES:
            break
    return min(end, TITLE)


def _shape_points(low: str, title: int) -> dict[str, list[tuple[str, float]]]:
    """Points from the shape of words ("-ectomy", "-scopie"), in whatever language."""
    found: dict[str, list[tuple[str, float]]] = {}
    for slug, pattern in WORD_SHAPES.items():
        seen: dict[str, float] = {}
        for match in pattern.finditer(low):
            seen.setdefault(match.group(0), SHAPE_WEIGHT * _zone(match.start(), title))
        found[slug] = sorted(seen.items(), key=lambda kv: -kv[1])[:MAX_SHAPES]
    return found


def _heading_points(low: str, title: int) -> dict[str, list[tuple[str, float]]]:
    """Points from a heading that opens the document ("REVIEW OF SYSTEMS", "VITAL SIGNS (LAST
    FILED)"): a part of a record sent alone, as patient portals send them, is filed with the
    record it is part of. Only a first line that is the heading and little more counts (a
    clinical document's first part follows its title; a letter's parts follow its letterhead)."""
    line = next((s for s in (t.strip(" \t:") for t in low[:title].splitlines()) if s), "")
    best: dict[str, tuple[str, float]] = {}  # each category's weightiest heading
    for slug, headings in section_headings().items():
        for heading, weight in headings.items():
            rest = line[len(heading) :].strip()
            if not line.startswith(heading) or len(rest) > HEADING_REST:
                continue
            if (not rest or rest[0] in HEADING_GOES_ON) and weight > best.get(slug, ("", 0))[1]:
                best[slug] = (heading, weight)
    zone = _zone(0, title)  # a title's weight
    return {slug: [(heading, weight * zone)] for slug, (heading, weight) in best.items()}


def _done_points(low: str, title: int) -> dict[str, list[tuple[str, float]]]:
    """Points from the lines saying what was done ("Procedure: Fine needle biopsy of lung"):
    a visit summary whose procedure was a scan reads as the scan's report, one whose procedure
    was an operation or a biopsy as the operation's note. A visit at which a diagnosis was
    made ("Diagnosis: …") or a medicine prescribed, and nothing operated on or given (a
    chemotherapy cycle is the treatment's record), is the visit's letter: a scan there was
    part of the work-up, where a biopsy's diagnosis is the biopsy's result."""
    found: dict[str, list[tuple[str, float]]] = {}
    for line in DONE_HEAD.finditer(low):
        for slug, pattern in DONE_KINDS.items():
            if (named := pattern.search(line.group("what"))) and slug not in found:
                found[slug] = [(named.group(0), DONE_WEIGHT * _zone(line.start(), title))]
    if "surgery" in found or "medication" in found:  # operated on, or treated
        return found
    visit = VISIT.search(low) and not STAY.search(low[:title])
    if visit and (diagnosed := DIAGNOSED.search(low)):
        said = diagnosed.group(0).split(":")[0].strip()
        return {"clinic-letter": [(said, DONE_WEIGHT * _zone(diagnosed.start(), title))]}
    return found


def _phrase_points(
    low: str, mended: str, phrases: list[tuple[str, re.Pattern[str], float]], title: int
) -> list[tuple[str, float]]:
    points = []
    for phrase, _pattern, weight in phrases:
        at = first_whole(mended, phrase)  # mending changes only unknown words, so this finds
        if at >= 0:  # every phrase of the text as it came, and those a misreading hid
            share = MENDED if mended is not low and first_whole(low, phrase) < 0 else 1.0
            points.append((phrase, weight * _zone(at, title) * share))
    return points


@lru_cache(maxsize=4)
def mended_text(text: str) -> tuple[str, str]:
    """The start of a text in lower case without accents, as it came and with misread words
    mended (the same object when nothing needed mending)."""
    low = plain(text[:MAX_TEXT])
    mended = shipped_speller().mend(low)
    return low, low if mended == low else mended


def rule_scores(text: str) -> tuple[dict[str, float], dict[str, list[tuple[str, float]]]]:
    """Points per category from the keyword rules, and the phrases that earned them. Words a
    scanner misread are mended first; each further phrase of a category counts less than the
    one before, so a page of lab values in a clinic letter does not outweigh its title."""
    low, mended = mended_text(text)
    title = title_end(mended)
    shapes = _shape_points(mended, title)
    for more in (_done_points(mended, title), _heading_points(mended, title)):
        for slug, points in more.items():
            shapes[slug] = shapes.get(slug, []) + points
    scores: dict[str, float] = {"other": OTHER_BASE}
    found: dict[str, list[tuple[str, float]]] = {}
    for slug, phrases in category_rules().items():
        points = _phrase_points(low, mended, phrases, title) + shapes.get(slug, [])
        points.sort(key=lambda kv: -kv[1])
        scores[slug] = scores.get(slug, 0.0) + sum(p * DECAY**i for i, (_, p) in enumerate(points))
        if points:
            found[slug] = points
    return scores, found


@lru_cache(maxsize=1)
def shipped_speller() -> Speller:
    """A speller that knows the words of the shipped rules and examples."""
    known = {w for phrases in category_rules().values() for p, _, _ in phrases for w in p.split()}
    for text, _ in seed_examples():
        known.update(w for w in words(text) if " " not in w)
    return Speller(known)


def _word_set(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if " " not in w and not any(c.isdigit() for c in w))


class Classifier:
    """Keyword rules blended with a naive Bayes model of the seed examples and this library's
    choices; a record nearly the same as one a person filed follows that person's choice."""

    def __init__(self, corrections: Sequence[tuple[str, str] | tuple[str, str, int]] = ()) -> None:
        examples = [(text, slug, 1.0) for text, slug in seed_examples()]
        examples += [(c[0], c[1], 1.0) for c in corrections]
        self.model = NaiveBayes().fit(examples)
        self.filed = [(_word_set(c[0]), c[1], c[2] if len(c) > 2 else None) for c in corrections]

    def _most_alike(self, text: str, skip: int | None) -> tuple[float, str, int | None]:
        mine = _word_set(text)
        best: tuple[float, str, int | None] = (0.0, "", None)
        for theirs, slug, record_id in self.filed:
            if mine and theirs and (skip is None or record_id != skip):
                alike = len(mine & theirs) / math.sqrt(len(mine) * len(theirs))
                if alike > best[0]:
                    best = (alike, slug, record_id)
        return best

    def suggest(
        self, text: str, *, kind: str = "", name: str = "", record_id: int | None = None
    ) -> CategorySuggestion:
        """The likeliest category; `record_id` keeps a record from following its own filing."""
        if kind == "dicom":
            return CategorySuggestion(
                "imaging-study", 0.99, ["DICOM"], "These are images from a scanner (DICOM)."
            )
        body = f"{text[:MAX_TEXT]}\n{_name_words(name)}"
        if len(words(text)) < 3:
            return CategorySuggestion("other", 0.0, [], "There is no text to go by yet.")
        points, phrases = rule_scores(body)
        rules = softmax({slug: p / RULE_TEMPERATURE for slug, p in points.items()})
        tokens = words(mended_text(body)[1])
        model = softmax(
            {k: v / MODEL_TEMPERATURE for k, v in self.model.log_scores(tokens).items()}
        )
        blend = {
            slug: (1 - MODEL_WEIGHT) * math.log(rules.get(slug, 0.0) + FLOOR)
            + MODEL_WEIGHT * math.log(model.get(slug, 0.0) + FLOOR)
            for slug in set(rules) | set(model)
        }
        final = sorted(softmax(blend).items(), key=lambda kv: kv[1], reverse=True)
        alike, filed_as, filed_id = self._most_alike(body, record_id)
        if alike >= ALIKE:
            share = dict(final)
            share[filed_as] = max(share.get(filed_as, 0.0), alike)
            final = sorted(share.items(), key=lambda kv: kv[1], reverse=True)
        best, confidence = final[0]
        runner_up = final[1][0] if len(final) > 1 else best
        ranked = sorted(phrases.get(best, []), key=lambda x: -x[1])
        decided = list(dict.fromkeys(p for p, _ in ranked))[:6]
        if len(decided) < 3:
            decided += [
                w for w in self.model.telling_words(tokens, best, runner_up) if w not in decided
            ][: 3 - len(decided)]
        if alike >= ALIKE and best == filed_as:
            which = f"record {filed_id}" if filed_id else "a record"
            reason = (
                f"It is {round(alike * 100)}% alike to {which}, which you filed in this category."
            )
        elif best == "other":
            reason = "No words typical of a category were found."
        else:
            reason = _words_reason(decided, mended_text(body)[0])
        return CategorySuggestion(
            best,
            round(confidence, 3),
            decided,
            reason,
            [(slug, round(p, 3)) for slug, p in final[1:4]],
        )


def _words_reason(decided: list[str], low: str) -> str:
    """Why, in words: the deciding words, and which of them the scan misread."""
    reason = "Because of the words " + ", ".join(f'"{w}"' for w in decided) + "."
    misread = [w for w in decided if any(first_whole(low, part) < 0 for part in w.split())]
    if misread:
        reason += " The scan misread " + ", ".join(f'"{w}"' for w in misread) + "; read as meant."
    return reason


def _name_words(name: str) -> str:
    """A file name as words ("CT_thorax-2024.pdf" → "CT thorax 2024 pdf")."""
    return " ".join(re.split(r"[\W_]+", name))
