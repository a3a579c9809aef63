"""The shipped vocabularies of cancer medicines and biomarkers, and finding their names in text."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Generic, TypeVar

from recordorg.core.paths import resources_dir

T = TypeVar("T")


@dataclass(frozen=True)
class ValueRule:
    """A value a result can carry (a percentage, a score, a variant), as a regular expression."""

    name: str
    pattern: re.Pattern[str]
    format: str


@dataclass(frozen=True)
class Grammar:
    """How the results of one family of markers are written."""

    name: str
    outcomes: dict[str, tuple[str, ...]]
    values: tuple[ValueRule, ...]
    infer: dict[str, Any]
    key: str  # "outcome", "value" or "outcome+value": what makes two results the same
    provisional: tuple[str, ...] = ()  # outcomes that give way to a later one
    methods: tuple[str, ...] = ()  # the testing methods its results can come from


@dataclass(frozen=True)
class Marker:
    """A biomarker, the names it goes by, and results its very name implies (MSS, dMMR)."""

    id: str
    name: str
    grammar: Grammar
    synonyms: tuple[str, ...]
    implied: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Drug:
    """A cancer medicine by its generic name, with its class and other names."""

    name: str
    drug_class: str
    class_name: str
    anticancer: bool
    other_names: tuple[str, ...]


@dataclass(frozen=True)
class Regimen:
    """A named combination of drugs (FOLFOX); text_match False for ambiguous short names."""

    name: str
    drugs: frozenset[str]
    other_names: tuple[str, ...]
    text_match: bool


@dataclass(frozen=True)
class Mention(Generic[T]):
    """Where a vocabulary term was found in a text."""

    start: int
    end: int
    text: str
    item: T


class TermFinder(Generic[T]):
    """Finds whole-word mentions of many names at once, the longest name winning.

    Names with capitals or digits only (ER, 5-FU) match case-sensitively; others any case.
    """

    def __init__(self, names: dict[str, T]) -> None:
        names = {(n if n.isascii() else _unaccented(n)): item for n, item in names.items()}
        self.items = names
        self.lookup = {name.lower(): item for name, item in names.items()}
        exact = sorted((n for n in names if _case_sensitive(n)), key=len, reverse=True)
        loose = sorted((n for n in names if not _case_sensitive(n)), key=len, reverse=True)
        self._exact = _alternation(exact, 0)
        self._loose = _alternation(loose, re.IGNORECASE)

    def find(self, text: str) -> list[Mention[T]]:
        """Every mention in the text, accents aside ("létrozole"), longest first."""
        text = text if text.isascii() else _unaccented(text)
        found = []
        for regex in (self._exact, self._loose):
            if regex is None:
                continue
            for match in regex.finditer(text):
                name = match.group(0)
                item = self.items.get(name) or self.lookup[name.lower()]
                found.append(Mention(match.start(), match.end(), name, item))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        chosen: list[Mention[T]] = []
        for mention in found:
            if not chosen or mention.start >= chosen[-1].end:
                chosen.append(mention)
        return chosen


def _unaccented(text: str) -> str:
    """The text with accents taken off its letters, the same length ("é" to "e")."""
    return "".join(_base_letter(c) for c in text)


@cache
def _base_letter(char: str) -> str:
    base = unicodedata.normalize("NFKD", char)[:1]
    return base if base.isascii() and base else char


def _case_sensitive(name: str) -> bool:
    return name == name.upper() or any(c.isupper() for c in name[1:])


def _alternation(names: list[str], flags: int) -> re.Pattern[str] | None:
    if not names:
        return None
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w]|-\w*\d)", flags)


@cache
def markers() -> dict[str, Marker]:
    """Every biomarker in resources/vocabularies/biomarkers.json, by id."""
    data = json.loads((resources_dir() / "vocabularies" / "biomarkers.json").read_text())
    grammars = {
        name: Grammar(
            name,
            {k: tuple(v) for k, v in g["outcomes"].items()},
            tuple(
                ValueRule(v["name"], re.compile(v["pattern"], re.IGNORECASE), v["format"])
                for v in g["values"]
            ),
            g.get("infer", {}),
            g["key"],
            tuple(g.get("provisional", ())),
            tuple(g["methods"]),
        )
        for name, g in data["grammars"].items()
    }
    return {
        m["id"]: Marker(
            m["id"], m["name"], grammars[m["grammar"]], tuple(m["synonyms"]), m.get("implied", {})
        )
        for m in data["markers"]
    }


@cache
def marker_finder() -> TermFinder[tuple[Marker, str | None]]:
    """Finds biomarker names; each hit is (marker, the result its name implies or None)."""
    names: dict[str, tuple[Marker, str | None]] = {}
    for marker in markers().values():
        for synonym in marker.synonyms:
            names[synonym] = (marker, None)
        for synonym, outcome in marker.implied.items():
            names[synonym] = (marker, outcome)
    return TermFinder(names)


@cache
def _drug_data() -> dict[str, Any]:
    return json.loads((resources_dir() / "vocabularies" / "oncology_drugs.json").read_text())


@cache
def drugs() -> dict[str, Drug]:
    """Every medicine in resources/vocabularies/oncology_drugs.json, by generic name."""
    data = _drug_data()
    classes = data["classes"]
    return {
        d["name"]: Drug(
            d["name"],
            d["class"],
            classes[d["class"]]["name"],
            bool(classes[d["class"]]["anticancer"]),
            tuple(d["other_names"]),
        )
        for d in data["drugs"]
    }


@cache
def regimens() -> list[Regimen]:
    return [
        Regimen(
            r["name"],
            frozenset(r["drugs"]),
            tuple(r["other_names"]),
            bool(r.get("text_match", True)),
        )
        for r in _drug_data()["regimens"]
    ]


@cache
def drug_finder() -> TermFinder[Drug | Regimen]:
    """Finds medicines by any of their names, and regimens by theirs (FOLFOX)."""
    names: dict[str, Drug | Regimen] = {}
    for regimen in regimens():
        if regimen.text_match:
            for name in (regimen.name, *regimen.other_names):
                names[name] = regimen
    for drug in drugs().values():
        for name in (drug.name, *drug.other_names):
            names[name] = drug
    return TermFinder(names)


def find_drug(name: str) -> Drug | None:
    """A medicine by its generic or any other name, in any case."""
    mentions = drug_finder().find(name.strip())
    if len(mentions) == 1 and isinstance(mentions[0].item, Drug):
        return mentions[0].item
    return drugs().get(name.strip().lower())


def regimen_name(drug_names: list[str]) -> str:
    """The common name of a set of drugs: "FOLFOX", "FOLFIRI + bevacizumab", else the
    drugs joined with " + "."""
    wanted = frozenset(drug_names)
    for regimen in sorted(regimens(), key=lambda r: -len(r.drugs)):
        if regimen.drugs <= wanted:
            rest = [n for n in drug_names if n not in regimen.drugs]
            return " + ".join([regimen.name, *rest])
    return " + ".join(drug_names)


@cache
def vocabulary(name: str) -> dict[str, dict[str, Any]]:
    """The terms of a plain vocabulary file (body_sites, histologies, procedures), by id."""
    data = json.loads((resources_dir() / "vocabularies" / f"{name}.json").read_text())
    terms = next(v for k, v in data.items() if k != "about")
    return {term["id"]: term for term in terms}


@cache
def term_finder(name: str, also: str = "") -> TermFinder[dict[str, Any]]:
    """Finds the terms of a plain vocabulary file by any of their names (and the names in
    their field `also`, e.g. "names_after")."""
    return TermFinder(
        {
            term_name: term
            for term in vocabulary(name).values()
            for term_name in (*term["names"], *term.get(also, ()))
        }
    )


def as_written(term: dict[str, Any], text: str, field: str) -> str:
    """A term's English name, with the words as written when they were another language's
    ("liver (Leber)"), so the entry says both what it is and what the record said."""
    english = {_unaccented(n).lower() for n in term["names"]}
    foreign = {_unaccented(n).lower() for n in term.get(field, ())} - english
    if " ".join(text.split()).lower() in foreign:
        return f"{term['name']} ({' '.join(text.split())})"
    return str(term["name"])
