"""The faster forms of the date patterns read exactly what the plain forms read."""

from __future__ import annotations

import random
import re

from recordorg.core.understanding.date_words import MONTH_BY_NAME, one_of, without_connectors

PLAIN_CONNECTORS = re.compile(
    r"(?:[\s:;,.=\-]|\b(?:on|of|at|the|from|am|vom|den|le|du|del|de|il|el)\b)+$"
)


def test_one_of_matches_the_longest_word_as_a_list_of_words_would() -> None:
    names = sorted(MONTH_BY_NAME, key=len, reverse=True)
    tree = re.compile(rf"\b({one_of(names)})\b")
    listed = re.compile(rf"\b({'|'.join(names)})\b")
    text = " ".join(names) + " sept. septembre decembre mar marzo maerz juin junio jun x"
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in listed.finditer(text)]
    assert re.fullmatch(one_of(["a", "ab", "abc"]), "ab")
    assert not re.fullmatch(one_of(["april"]), "apri")


def test_trailing_connectors_go_as_the_pattern_anchored_at_the_end_took_them() -> None:
    random.seed(7)
    pieces = ["on", "of", "the", "salon", "de", "del", " ", ":", ",", "-", "date", "seen"]
    pieces += ["x_on", "2024", "\n", "\t", "vom", "am", "ham", "on_", "="]
    for _ in range(20_000):
        text = "".join(random.choice(pieces) for _ in range(random.randint(0, 8)))
        assert without_connectors(text) == PLAIN_CONNECTORS.sub("", text), text
    assert without_connectors("Seen in clinic on the: ") == "Seen in clinic"
    assert without_connectors("Datum vom ") == "Datum"
    assert without_connectors("Salon") == "Salon"
