"""Suggesting a record's category from its text: keyword rules plus a small local model."""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any

from recordorg.core.date_words import plain
from recordorg.core.naive_bayes import NaiveBayes, softmax, words
from recordorg.core.paths import resources_dir

HEADING = 250  # characters at the top of a document where words count double
RULE_TEMPERATURE = 2.5  # rule points per factor e of odds
OTHER_BASE = 2.5  # rule points "other" gets, so that a few weak words do not win
MODEL_WEIGHT = 0.35  # share of the local model in the blend (more as corrections grow)
CORRECTION_WEIGHT = 3.0  # a person's choice counts as this many seed examples
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


def rule_scores(text: str) -> tuple[dict[str, float], dict[str, list[tuple[str, float]]]]:
    """Points per category from the keyword rules, and the phrases that earned them."""
    low = plain(text[:MAX_TEXT])
    scores: dict[str, float] = {"other": OTHER_BASE}
    found: dict[str, list[tuple[str, float]]] = {}
    for slug, phrases in category_rules().items():
        total = 0.0
        for phrase, pattern, weight in phrases:
            m = pattern.search(low)
            if m is None:
                continue
            points = weight * (2.0 if m.start() < HEADING else 1.0)
            total += points
            found.setdefault(slug, []).append((phrase, points))
        scores[slug] = total
    return scores, found


class Classifier:
    """Keyword rules blended with a naive Bayes model of the seeds and this library's choices."""

    def __init__(self, corrections: list[tuple[str, str]] = ()) -> None:
        examples = [(text, slug, 1.0) for text, slug in seed_examples()]
        examples += [(text, slug, CORRECTION_WEIGHT) for text, slug in corrections]
        self.model = NaiveBayes().fit(examples)
        self.corrections = len(corrections)

    def suggest(self, text: str, *, kind: str = "", name: str = "") -> CategorySuggestion:
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
        model = self.model.probabilities(tokens)
        share = MODEL_WEIGHT + min(0.35, self.corrections / 60)
        blend = {
            slug: (1 - share) * math.log(rules.get(slug, 0.0) + FLOOR)
            + share * math.log(model.get(slug, 0.0) + FLOOR)
            for slug in set(rules) | set(model)
        }
        final = sorted(softmax(blend).items(), key=lambda kv: kv[1], reverse=True)
        best, confidence = final[0]
        runner_up = final[1][0] if len(final) > 1 else best
        decided = [p for p, _ in sorted(phrases.get(best, []), key=lambda x: -x[1])][:6]
        if len(decided) < 3:
            decided += [
                w for w in self.model.telling_words(tokens, best, runner_up)
                if w not in decided
            ][: 3 - len(decided)]
        if best == "other":
            reason = "No words typical of a category were found."
        else:
            reason = "Because of the words " + ", ".join(f'"{w}"' for w in decided) + "."
        return CategorySuggestion(
            best, round(confidence, 3), decided, reason,
            [(slug, round(p, 3)) for slug, p in final[1:4]],
        )


def _name_words(name: str) -> str:
    """A file name as words ("CT_thorax-2024.pdf" → "CT thorax 2024 pdf")."""
    return " ".join(re.split(r"[\W_]+", name))
