"""A small naive Bayes text model, trained locally on examples and a library's corrections."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from recordorg.core.understanding.date_words import plain

STOP_WORDS = frozenset(
    "the and of in to a an is was with for on at by or as be are this that from no not"
    " der die das und mit von zu im ist den des ein eine le la les et de des du un une en"
    " est pour el los las y del con por se il lo gli e di da per che".split()
)
EVIDENCE_CAP = 40  # a long document counts as at most this many words of evidence
_WORD = re.compile(r"[a-z][a-z0-9]+")
_TOKEN = re.compile(r"[a-z0-9]{3,}")
_LOOKALIKES = (str.maketrans("0158", "olsb"), str.maketrans("0158", "oisb"))  # 0 read for o…
SHORTEST_MENDED = 5  # shorter words are too alike to each other to mend safely


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


def _trigrams(word: str) -> set[str]:
    padded = f"^{word}$"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _within(a: str, b: str, limit: int) -> bool:
    """True if `a` becomes `b` with at most `limit` letters changed, added or dropped."""
    if abs(len(a) - len(b)) > limit:
        return False
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        best = row[0]
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
            best = min(best, row[j])
        if best > limit:
            return False
    return row[-1] <= limit


# Letters a scanner takes for one another; a word differing from a known one only by these
# (or, in a long word, by one letter lost or added) was misread, while "diagnose" and
# "diagnosi" are words of two languages.
_LOOK_ALIKE = ("il1jtf!|", "ceo0a", "nmurh", "gq9y", "s5", "bh6", "od0a", "z2", "vy", "kx")


def _alike(a: str, b: str) -> bool:
    return any(a in group and b in group for group in _LOOK_ALIKE)


def _misread(token: str, word: str, limit: int) -> bool:
    """True if `token` is how a scanner could have read `word`."""
    if len(token) == len(word):
        changed = [(a, b) for a, b in zip(token, word, strict=True) if a != b]
        return len(changed) <= limit and all(_alike(a, b) for a, b in changed)
    return len(token) >= 8 and _within(token, word, 1)


class Speller:
    """Mends words a scanner misread ("Pathologlscher", "Entlassungsbcricht", "h1stology") to
    the nearest word it knows, by shared letter triples and then at most one change in a short
    word or two in a long one; words it knows and words too unlike any are left as they are."""

    def __init__(self, known: Iterable[str]) -> None:
        self.known = frozenset(w for w in known if w.isalpha() and len(w) >= 3)
        self.index: dict[str, list[str]] = defaultdict(list)
        for word in (w for w in self.known if len(w) >= SHORTEST_MENDED):
            for gram in _trigrams(word):
                self.index[gram].append(word)
        self.mend_word = lru_cache(maxsize=20000)(self._mend_word)

    def _mend_word(self, token: str) -> str:
        if token in self.known or sum(c.isalpha() for c in token) < len(token) - 2:
            return token
        for lookalike in _LOOKALIKES:
            if (letters := token.translate(lookalike)) in self.known:
                return letters
        if len(token) < SHORTEST_MENDED:
            return token
        shared: Counter[str] = Counter()
        for gram in _trigrams(token):
            shared.update(self.index.get(gram, ()))
        limit = 1 if len(token) < 8 else 2
        for word, _ in shared.most_common(8):
            if word.startswith(token) or token.startswith(word):
                continue  # another form of a word ("consult", "consulta"), not a misreading
            if (word[0] == token[0] or word[1:3] == token[1:3]) and _misread(token, word, limit):
                return word
        return token

    def mend(self, low: str) -> str:
        """Lower-case, accent-free text with misread words replaced by the words meant."""
        return _TOKEN.sub(lambda m: self.mend_word(m.group(0)), low)
