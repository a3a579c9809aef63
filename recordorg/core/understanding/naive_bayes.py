"""A small naive Bayes text model, trained locally on examples and a library's corrections."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from recordorg.core.understanding.date_words import plain

STOP_WORDS = frozenset(
    "the and of in to a an is was with for on at by or as be are this that from no not"
    " der die das und mit von zu im ist den des ein eine le la les et de des du un une en"
    " est pour el los las y del con por se il lo gli e di da per che".split()
)
EVIDENCE_CAP = 40  # a long document counts as at most this many words of evidence
_WORD = re.compile(r"[a-z][a-z0-9]+")


def words(text: str) -> list[str]:
    """The words and word pairs of a text, lower case, accents removed, digits-only dropped."""
    single = [w for w in _WORD.findall(plain(text)) if w not in STOP_WORDS]
    return single + [f"{a} {b}" for a, b in zip(single, single[1:], strict=False)]


class NaiveBayes:
    """Multinomial naive Bayes over words and word pairs, with evidence capped per document."""

    def __init__(self, alpha: float = 0.3) -> None:
        self.alpha = alpha
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.totals: Counter[str] = Counter()
        self.docs: Counter[str] = Counter()
        self.vocabulary: set[str] = set()

    def fit(self, examples: Iterable[tuple[str, str, float]]) -> NaiveBayes:
        """Learn from (text, label, weight) examples."""
        for text, label, weight in examples:
            tokens = words(text)
            for token, n in Counter(tokens).items():
                self.counts[label][token] += n * weight
                self.totals[label] += n * weight
            self.docs[label] += weight
            self.vocabulary.update(tokens)
        return self

    @property
    def labels(self) -> list[str]:
        return sorted(self.docs)

    def _log_p(self, token: str, label: str) -> float:
        size = len(self.vocabulary) or 1
        return math.log(
            (self.counts[label][token] + self.alpha) / (self.totals[label] + self.alpha * size)
        )

    def log_scores(self, tokens: list[str]) -> dict[str, float]:
        """Log prior plus capped log likelihood per label (known words only)."""
        known = [t for t in tokens if t in self.vocabulary]
        scale = min(1.0, EVIDENCE_CAP / len(known)) if known else 0.0
        total_docs = sum(self.docs.values()) or 1.0
        scores = {}
        for label in self.labels:
            likelihood = sum(self._log_p(t, label) for t in known)
            scores[label] = math.log(self.docs[label] / total_docs) + scale * likelihood
        return scores

    def probabilities(self, tokens: list[str]) -> dict[str, float]:
        return softmax(self.log_scores(tokens))

    def telling_words(self, tokens: list[str], label: str, other: str, n: int = 5) -> list[str]:
        """The words that most favour `label` over `other` in this text."""
        gain: Counter[str] = Counter()
        for token, count in Counter(t for t in tokens if t in self.vocabulary).items():
            delta = self._log_p(token, label) - self._log_p(token, other)
            if delta > 0.5:
                gain[token] = delta * count
        return [token for token, _ in gain.most_common(n)]


def softmax(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    top = max(scores.values())
    exps = {k: math.exp(v - top) for k, v in scores.items()}
    total = sum(exps.values())
    return {k: v / total for k, v in exps.items()}
