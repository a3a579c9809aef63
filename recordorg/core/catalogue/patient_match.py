"""Whether two mentions of a patient are one person: names in any written form, dates of
birth, sex and identifiers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Words around a name that are not the name ("Mrs", "Herr", "Dr", "Jr").
TITLES = frozenset(
    "mr mrs ms miss mx dr doctor prof herr frau fr hr m mme mlle monsieur madame sr sra srta "
    "senor senora sig sigra signor signora dott dssa jr sen md phd".split()
)
# Names that stand for nobody: anonymised studies, our own de-identified bundles' codes.
PLACEHOLDERS = frozenset(
    "anon anonym anonymous anonymized anonymised anonymisiert anonyme anonimo unknown "
    "unbekannt inconnu desconocido none patient test removed deidentified".split()
)
CASE_CODE = re.compile(r"^\s*CASE-[A-Z0-9]{6}\b")
# Letters that Unicode does not split into a base letter and an accent.
SPELLED_OUT = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i"})


@dataclass(frozen=True)
class Patient:
    """A patient as a record or a person's identity names them; empty fields are unknown."""

    name: str = ""  # as written: "DOE^JOHN", "John Doe", "Doe, John"
    birth_date: str = ""  # ISO YYYY-MM-DD; "A|B" when a text's 03/04/1961 could be either
    patient_id: str = ""
    sex: str = ""  # "F", "M", "O" or ""

    @property
    def known(self) -> bool:
        return bool(name_words(self.name) or self.birth_date or self.patient_id)

    def words(self) -> str:
        """'John Doe (born 1961-04-12)' or the like, for people to read."""
        name = display_name(self.name) or (
            f"patient ID {self.patient_id}" if self.patient_id else "a patient"
        )
        born = " or ".join(self.birth_date.split("|"))
        return f"{name} (born {born})" if born else name


def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, without accents, case, titles or punctuation, in the order
    written (DICOM's "FAMILY^GIVEN^MIDDLE" and "Family, Given" give their parts)."""
    alphabetic = (name or "").split("=")[0]
    text = unicodedata.normalize("NFKD", alphabetic.casefold().translate(SPELLED_OUT))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’`]", "", text)
    words = [w for w in re.findall(r"[^\W\d_]+", text) if w not in TITLES]
    if CASE_CODE.match(alphabetic) or all(w in PLACEHOLDERS for w in words):
        return ()
    return tuple(words)


def display_name(name: str) -> str:
    """A name as people write it: "DOE^JOHN" and "Doe, John" become "John Doe"."""
    name = " ".join((name or "").split("=")[0].split())
    if "^" in name:
        parts = [p.strip() for p in name.split("^")]
        family, given = parts[0], parts[1:3]
        name = " ".join(p for p in (*given, family) if p)
    elif name.count(",") == 1:  # "Doe, John"
        family, given = (p.strip() for p in name.split(","))
        name = f"{given} {family}".strip()
    lower = name.islower()
    return " ".join(w.capitalize() if lower or w.isupper() else w for w in name.split())


def _folded(words: tuple[str, ...]) -> tuple[str, ...]:
    """German umlauts written out ("Mueller") compare equal to the letter without them."""
    return tuple(re.sub(r"([aou])e", r"\1", w) for w in words)


def _word_matches(short: str, long: str) -> bool:
    if len(short) == 1 or len(long) == 1:
        return short[0] == long[0]
    return short == long


def names_match(a: str, b: str) -> bool | None:
    """Whether two names can be one person's, in any order and form; None when either is
    missing. Every word of the shorter name must be a word (or the initial) of the other,
    and at least one whole word must be shared: "DOE^JOHN" is "John Doe" and "Mr J. Doe",
    not "Jane Doe"."""
    first, second = _folded(name_words(a)), _folded(name_words(b))
    if not first or not second:
        return None
    short, long = sorted((first, second), key=len)
    left = list(long)
    whole = False
    for word in short:
        match = next((w for w in left if w == word), None)
        if match is None:
            match = next((w for w in left if _word_matches(word, w)), None)
        if match is None:
            return False
        whole = whole or (match == word and len(word) > 1)
        left.remove(match)
    return True if whole else None  # initials alone tell nothing


def _same_id(a: str, b: str) -> bool:
    return bool(a and b and a.strip().casefold() == b.strip().casefold())


def same_patient(a: Patient, b: Patient) -> bool | None:
    """True when the two are surely one person, False when surely two, None when unknown.

    A different date of birth, sex or name tells two people apart; the same identifier or
    the same name (with nothing that differs) tells one. Different identifiers alone tell
    nothing: each hospital numbers its patients its own way."""
    births = set(a.birth_date.split("|")) & set(b.birth_date.split("|")) - {""}
    if a.birth_date and b.birth_date and not births:
        return False
    if a.sex in ("F", "M") and b.sex in ("F", "M") and a.sex != b.sex:
        return False
    names = names_match(a.name, b.name)
    if names is False:
        return False
    if names or _same_id(a.patient_id, b.patient_id):
        return True
    if births:
        return True
    return None


def group_patients(patients: list[Patient]) -> list[list[int]]:
    """The indices of `patients` grouped by person, in order of first appearance; patients
    with nothing known join no group."""
    groups: list[list[int]] = []
    for index, patient in enumerate(patients):
        if not patient.known:
            continue
        for group in groups:
            verdicts = [same_patient(patients[i], patient) for i in group]
            if False not in verdicts and True in verdicts:
                group.append(index)
                break
        else:
            groups.append([index])
    return groups


def best_known(patients: list[Patient]) -> Patient:
    """One patient holding what several mentions of them know (the longest name)."""

    def first(values: list[str]) -> str:
        return next((v for v in values if v), "")

    names = sorted((p.name for p in patients if p.name), key=lambda n: -len(name_words(n)))
    return Patient(
        first(names),
        first(sorted((p.birth_date for p in patients), key=lambda b: "|" in b)),
        first([p.patient_id for p in patients]),
        first([p.sex for p in patients if p.sex in ("F", "M")]),
    )
