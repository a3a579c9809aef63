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
from recordorg.core.understanding.naive_bayes import NaiveBayes, softmax, words

HEADING = 250  # characters at the top of a document where words count double
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


def rule_scores(text: str) -> tuple[dict[str, float], dict[str, list[tuple[str, float]]]]:
    """Points per category from the keyword rules, and the phrases that earned them."""
    low = plain(text[:MAX_TEXT])
    scores: dict[str, float] = {"other": OTHER_BASE}
    found: dict[str, list[tuple[str, float]]] = {}
    for slug, phrases in category_rules().items():
        total = 0.0
        for phrase, _pattern, weight in phrases:
            at = first_whole(low, phrase)
            if at < 0:
                continue
            points = weight * (2.0 if at < HEADING else 1.0)
            total += points
            found.setdefault(slug, []).append((phrase, points))
        scores[slug] = total
    return scores, found


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
        tokens = words(body)
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
        decided = [p for p, _ in sorted(phrases.get(best, []), key=lambda x: -x[1])][:6]
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
            reason = "Because of the words " + ", ".join(f'"{w}"' for w in decided) + "."
        return CategorySuggestion(
            best,
            round(confidence, 3),
            decided,
            reason,
            [(slug, round(p, 3)) for slug, p in final[1:4]],
        )


def _name_words(name: str) -> str:
    """A file name as words ("CT_thorax-2024.pdf" → "CT thorax 2024 pdf")."""
    return " ".join(re.split(r"[\W_]+", name))
