"""A readable name for an imaging study from its own label: "CT CHEST W/O" is "CT chest".

The label a scanner writes (DICOM StudyDescription) is short, upper case and abbreviated. It
is read word by word: the examination ("CT", "MR"), the body words people abbreviate ("ABD",
"PEL", "LT"), the contrast ("W/O", "WO", "W", "C+") set apart; every other word is kept as
written, only lower-cased in an all-capitals label, so no anatomy is ever made up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from recordorg.core.understanding.date_words import plain

# The examination a word names, and the modality codes of the DICOM files.
EXAMINATIONS = {
    "ct": "CT",
    "cat": "CT",
    "tc": "CT",
    "tac": "CT",
    "tdm": "CT",
    "cta": "CT angiogram",
    "mr": "MRI",
    "mri": "MRI",
    "mrt": "MRI",
    "irm": "MRI",
    "rm": "MRI",
    "mra": "MR angiogram",
    "pet": "PET",
    "pet-ct": "PET-CT",
    "nm": "Nuclear medicine scan",
    "us": "Ultrasound",
    "ultrasound": "Ultrasound",
    "xr": "X-ray",
    "x-ray": "X-ray",
    "xray": "X-ray",
    "cr": "X-ray",
    "dx": "X-ray",
    "mg": "Mammogram",
    "mammo": "Mammogram",
    "mammogram": "Mammogram",
}
BY_CODE = {"CT": "CT", "MR": "MRI", "PT": "PET", "US": "Ultrasound", "MG": "Mammogram"}
BY_CODE |= {"CR": "X-ray", "DX": "X-ray", "NM": "Nuclear medicine scan"}
# Body words as people write them out; the whole regions are joined "chest/abdomen/pelvis".
REGIONS = {
    "head": "head",
    "brain": "brain",
    "neck": "neck",
    "chest": "chest",
    "thorax": "chest",
    "abd": "abdomen",
    "abdo": "abdomen",
    "abdomen": "abdomen",
    "pel": "pelvis",
    "pelv": "pelvis",
    "pelvis": "pelvis",
    # the same regions as other languages write them
    "kopf": "head",
    "schadel": "head",
    "tete": "head",
    "cabeza": "head",
    "testa": "head",
    "cerebrale": "brain",
    "cerebral": "brain",
    "cerveau": "brain",
    "encefalo": "brain",
    "hals": "neck",
    "cou": "neck",
    "cuello": "neck",
    "collo": "neck",
    "torax": "chest",
    "torace": "chest",
    "thoracique": "chest",
    "addome": "abdomen",
    "abdominal": "abdomen",
    "becken": "pelvis",
    "bassin": "pelvis",
    "pelvico": "pelvis",
    "bacino": "pelvis",
}
WORDS = {
    "c-spine": "cervical spine",
    "t-spine": "thoracic spine",
    "l-spine": "lumbar spine",
    "ext": "extremity",
}
SIDES = {"lt": "left", "left": "left", "rt": "right", "right": "right"}
SIDES |= {"bilat": "bilateral", "bil": "bilateral", "bilateral": "bilateral"}
FILLER = {"of", "the", "and", "&", "scan", "exam", "study", "contrast", "iv", "con"}
FILLER |= {"de", "du", "des", "del", "der", "y", "e", "et", "und"}
# Short words that are plain words, not abbreviations: lower-cased like longer ones.
SHORT_WORDS = {"to", "mid", "for", "in", "on", "at", "leg", "arm", "hip", "ear", "eye", "jaw"}
SHORT_WORDS |= {"toe", "low", "up", "all", "top", "end"}
_BOTH = r"w\s*/\s*wo?|w\s*/?\s*o\s*(?:&|and|\+|/)\s*w|w\s*(?:&|and|\+)?\s*wo|wwo"
CONTRASTS = [  # (words, pattern); the first that matches says the contrast
    (
        "with and without contrast",
        rf"\b(?:{_BOTH}|with and without|pre\s*(?:&|and|/)\s*post|(?:nativ|ohne) und mit km)\b",
    ),
    (
        "without contrast",
        r"\b(?:w\s*/\s*o(?!\w)|wo|without|non[- ]?con\w*|nc)\b|\bc-(?!\w)|\bnativ\b"
        r"|\b(?:ohne|sans|sin|senza) (?:km|injection|contraste|mdc)\b",
    ),
    (
        "with contrast",
        r"\b(?:w|with|post[- ]?contrast)\b(?!-)|\bc\+"
        r"|\b(?:mit|avec|con) (?:km|injection|contraste|mdc)\b",
    ),
]


@dataclass(frozen=True)
class StudyName:
    """What a study's label says: the examination, the body region and the contrast."""

    examination: str  # "CT", "MRI"; "" if neither the label nor the files say
    region: str  # "chest/abdomen/pelvis", "left knee"; words not known kept as written
    contrast: str = ""  # "with contrast", "without contrast", "with and without contrast"

    @property
    def title(self) -> str:
        """ "MRI left knee", "CT chest/abdomen/pelvis", "CT study"."""
        return f"{self.examination or 'Imaging'} {self.region or 'study'}"


def study_name(
    description: str, codes: list[str] | tuple[str, ...] = (), body_part: str = ""
) -> StudyName:
    """The readable name of a study from its label, its files' modality codes and the body
    part the files name."""
    text, contrast = _contrast(description)
    text = re.sub(r"\bpet\s*[/-]?\s*c?t\b", "PET-CT", text, flags=re.I)
    words = [part for w in re.split(r"[\s/,;()]+", text) if w for part in _parts(w)]
    examination = next((EXAMINATIONS[plain(w)] for w in words if plain(w) in EXAMINATIONS), "")
    rest = [w for w in words if plain(w) not in EXAMINATIONS and plain(w) not in FILLER]
    region = _region(rest, description.isupper()) or _region(body_part.split(), True)
    if not examination:
        examination = _by_code(set(codes))
    return StudyName(examination, region, contrast)


def _parts(word: str) -> list[str]:
    """ "Thorax-CT" is two words; "C-SPINE" and "X-RAY" are one."""
    if "-" not in word or plain(word) in EXAMINATIONS or plain(word) in WORDS:
        return [word]
    return [part for part in word.split("-") if part]


def _contrast(description: str) -> tuple[str, str]:
    """The label without its contrast words, and the contrast they say."""
    low = plain(description)
    for words, pattern in CONTRASTS:
        found = re.search(pattern, low)
        if found:
            cut = description[: found.start()] + " " + description[found.end() :]
            return cut, words
    return description, ""


def _by_code(codes: set[str]) -> str:
    if {"PT", "CT"} <= codes:
        return "PET-CT"
    return next((BY_CODE[c] for c in sorted(codes) if c in BY_CODE), "")


def _region(words: list[str], capitals: bool) -> str:
    """ "left knee" from ["KNEE", "LT"]; whole regions one after another join with "/"."""
    sides = [SIDES[w.lower()] for w in words if w.lower() in SIDES]
    parts: list[str] = []
    for word in words:
        low = plain(word)
        if low in SIDES:
            continue
        named = REGIONS.get(low) or WORDS.get(low) or _as_written(word, capitals)
        joins = (
            parts
            and low in REGIONS
            and parts[-1].rsplit(" ", 1)[-1].split("/")[-1] in REGIONS.values()
        )
        if named in parts[-1:] or (joins and named in parts[-1].split("/")):
            continue
        if joins:
            parts[-1] += f"/{named}"
        else:
            parts.append(named)
    side = " and ".join(dict.fromkeys(sides))
    return " ".join([side, *parts] if side else parts)


def _as_written(word: str, capitals: bool) -> str:
    """A word not known kept as written; in an all-capitals label lower-cased, unless it is
    short enough to be an abbreviation ("IAC", "TAP")."""
    if capitals and (len(word) > 3 or word.lower() in SHORT_WORDS):
        return word.lower()
    return word
