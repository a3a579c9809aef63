"""The patient a document names: a name after a label ("Patient: …", "Name: …", "Nom :")
and a date of birth ("DOB: …", "Geb.-Datum …"). It misses rather than invents: a name is
taken only after a label, only when it looks like a name."""

from __future__ import annotations

import re

from recordorg.core.catalogue.patient_match import TITLES, Patient
from recordorg.core.understanding.date_words import language_of
from recordorg.core.understanding.dates import (
    DateMention,
    DateOrder,
    find_dates,
    order_votes,
    resolve_order,
)

LINES_READ = 60  # names and dates of birth stand in a document's heading
BIRTH_REACH = 40  # characters read after a word of birth for its date
# Labels a name follows, each at the start of a line (or after a wide gap), then a colon.
NAME_LABELS = (
    r"patient(?:'s)?\s+name",
    r"name\s+of\s+(?:the\s+)?patient",
    r"patient(?:in|\(in\)|e|\(e\))?",
    r"pt\.?\s+name",
    r"(?:full\s+)?name",
    r"patient(?:en)?name",
    r"(?:nach)?name,\s*vorname",
    r"vorname\s+(?:und\s+)?(?:nach)?name",
    r"nom(?:\s+du\s+patient|\s+et\s+pr[ée]nom|\s+pr[ée]nom)?",
    r"nombre(?:\s+del\s+paciente|\s+y\s+apellidos)?",
    r"paciente",
    r"paziente",
    r"(?:cognome\s+e\s+nome|nome\s+e\s+cognome)",
)
REGARDING = r"(?:re|betrifft|betreff|objet|asunto|oggetto)"
_LABEL = re.compile(
    rf"(?:^|\t|\s{{3,}}|\|\s*)(?:(?P<label>{'|'.join(NAME_LABELS)})|(?P<re>{REGARDING}))"
    r"\s*:\s*(?P<value>[^\n]*)",
    re.IGNORECASE | re.MULTILINE,
)
# Where a name ends: a wide gap, a digit, brackets, or the next label on the line.
_NAME_END = re.compile(
    r"\s{2,}|\t|[|;(\[\d/]|,?\s*\b(?:d\.?\s?o\.?\s?b|date|data|born|birth|geb|geboren|n[ée]e?|"
    r"nato|nata|nacido|nacida|fecha|mrn|nhs|id|hosp|sex|gender|age|alter|dossier|versichert|ward|"
    r"address|adresse|tel|phone)\b",
    re.IGNORECASE,
)
_BIRTH_HINT = re.compile(
    r"\b(?:d\.?\s?o\.?\s?b\b|birth|born|geb|naissance|n[ée]e?\b|nacimiento|nac\.|nascita|nat[oa]\b)",
    re.IGNORECASE,
)
PARTICLES = frozenset("von van de da di del della der den du des la le zu ter y e af".split())
NOT_NAMES = frozenset(
    """unknown information details report name date patient hospital clinic department
    female male not see none anonymous anonymised anonymized test sample n a na unbekannt
    inconnu desconocido sconosciuto weiblich mannlich männlich""".split()
)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*\^?[\w'’.-]*", re.UNICODE)


def find_patient(pages: list[str]) -> Patient | None:
    """The patient named at the head of a document, or None when it names nobody clearly."""
    text = "\n".join(pages[:2])
    head = "\n".join(text.splitlines()[:LINES_READ])
    birth = _birth_date(head, resolve_order(order_votes(text), language=language_of(text)))
    name = _name(head, has_birth=bool(birth))
    if not name and not birth:
        return None
    return Patient(name=name, birth_date=birth)


def _birth_date(text: str, order: DateOrder) -> str:
    """The date the text calls a date of birth, when it gives one and only one (read just
    after each word of birth, on its line or at the start of the next)."""
    pieces = []
    for hint in _BIRTH_HINT.finditer(text):
        line_end = text.find("\n", hint.start())
        line_end = len(text) if line_end < 0 else line_end
        start = max(text.rfind("\n", 0, hint.start()) + 1, hint.start() - 20)  # "Date of"
        piece = text[start : min(line_end, hint.end() + BIRTH_REACH)]
        if not re.search(r"\d", text[hint.end() : line_end]):
            piece += " " + text[line_end + 1 : line_end + 1 + BIRTH_REACH].split("\n")[0]
        pieces.append(piece)
    text = "\n".join(pieces)
    if not text:
        return ""
    found = {
        _either(m, order)
        for m in find_dates(text, order)
        if m.kind == "birth" and m.kind_certainty >= 0.8
    }
    return found.pop() if len(found) == 1 else ""


def _either(mention: DateMention, order: DateOrder) -> str:
    """A date of birth as read, or both readings ("A|B") of a 03/04/1961 that neither the
    numbers, the separator, the document's other dates nor its language tell: no guess."""
    if not mention.order or order.why in ("document", "language") or "." in mention.written:
        return mention.value
    year, month, day = mention.value.split("-")
    return "|".join(sorted({mention.value, f"{year}-{day}-{month}"}))


def _name(text: str, *, has_birth: bool) -> str:
    names = []
    for match in _LABEL.finditer(text):
        line = match.group("value")
        if match.group("re") and not (has_birth and _NAME_END.search(line)):
            continue  # "Re: …" names the patient only beside a date of birth
        name = _as_name(line)
        if name:
            names.append(name)
    distinct = {tuple(n.casefold().split()) for n in names}
    return names[0] if len(distinct) == 1 else ""


def _as_name(value: str) -> str:
    """The name at the start of a labelled value, or "" when it does not look like one."""
    end = _NAME_END.search(value)
    value = (value[: end.start()] if end else value).strip(" ,.:-")
    words = value.replace(",", " , ").split()
    titled = False
    kept: list[str] = []
    for word in words:
        bare = word.strip(".").casefold()
        if word == ",":
            kept.append(word)
        elif bare in TITLES and not kept:
            titled = True
        elif bare in PARTICLES and kept:
            kept.append(word)
        elif not _WORD.fullmatch(word) or not word[0].isupper() or bare in NOT_NAMES:
            return ""
        else:
            kept.append(word)
    named = [
        part
        for w in kept
        for part in w.split("^")
        if part and w != "," and w.casefold() not in PARTICLES
    ]
    if not named or len(named) > 5 or (len(named) < 2 and not titled):
        return ""
    return " ".join(kept).replace(" ,", ",").strip(", ")
