"""Words for reading dates: month names and the labels that say what a date is about."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection
from functools import lru_cache

# Month names and abbreviations in English, German, French, Spanish and Italian, written
# without accents (text is compared after its accents are removed).
MONTHS: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "janner", "janvier", "janv", "enero", "ene", "gennaio", "gen"),
    2: ("february", "feb", "febr", "februar", "fevrier", "fevr", "fev", "febrero", "febbraio"),
    3: ("march", "mar", "marz", "maerz", "mars", "marzo"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "mag"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug"),
    8: ("august", "aug", "aout", "agosto", "ago"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott"),
    11: ("november", "nov", "novembre", "noviembre"),
    12: ("december", "dec", "dezember", "dez", "decembre", "diciembre", "dicembre", "dic"),
}
MONTH_BY_NAME = {name: number for number, names in MONTHS.items() for name in names}


def one_of(words: Collection[str]) -> str:
    """A regular expression matching any of `words`, the longest where several fit, led by
    the letters they can start with: written as a tree of shared beginnings ("a(?:pr(?:il)?
    |ug(?:ust)?)"), which a search tries about three times faster than a list of words."""
    tree: dict = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}

    def branch(node: dict) -> str:
        ways = [re.escape(k) + branch(v) for k, v in sorted(node.items()) if k]
        if not ways:
            return ""
        body = ways[0] if len(ways) == 1 else "(?:" + "|".join(ways) + ")"
        return f"(?:{body})?" if "" in node else body

    firsts = "".join(sorted({re.escape(w[0]) for w in words if w}))
    return f"(?=[{firsts}]){branch(tree)}"


# What a date is about, told by the words just before it. Patterns are matched on
# lower-case text without accents; the nearest match to the date wins.
KIND_CUES: dict[str, tuple[str, ...]] = {
    "birth": (
        r"d\.?\s?o\.?\s?b\b",
        r"date of birth",
        r"birth\s?date",
        r"\bborn\b",
        r"birthday",
        r"geburtsdatum",
        r"\bgeb\b\.?",
        r"geboren",
        r"date de naissance",
        r"\bnee?(\s?\(e\))?$",
        r"naissance",
        r"fecha de nacimiento",
        r"f\.\s?nac",
        r"nacimiento",
        r"nacid[oa]",
        r"data di nascita",
        r"\bnat[oa]\b",
        r"nascita",
    ),
    "report": (
        r"\breport(ed)?\b",
        r"report date",
        r"date of report",
        r"\bsigned\b",
        r"\bsignature",
        r"verified",
        r"validated",
        r"authori[sz]ed",
        r"finali[sz]ed",
        r"approved",
        r"written",
        r"dictated",
        r"\bissued",
        r"befunddatum",
        r"\bbefund\b",
        r"befundet",
        r"unterschrieben",
        r"unterzeichnet",
        r"freigegeben",
        r"validiert",
        r"\bsigne",
        r"\bvalide",
        r"compte rendu",
        r"\bedite",
        r"redige",
        r"firmado",
        r"validado",
        r"fecha del? informe",
        r"informado",
        r"firmato",
        r"validato",
        r"refertato",
        r"data (del )?referto",
        r"\breferto",
    ),
    "collection": (
        r"collected",
        r"collection",
        r"specimen",
        r"sample (date|taken|drawn)",
        r"\bdrawn",
        r"entnahme",
        r"entnommen",
        r"abnahme",
        r"\bpreleve",
        r"prelevement",
        r"recolectad[oa]",
        r"toma de (la )?muestra",
        r"fecha de (la )?muestra",
        r"extraccion",
        r"prelievo",
        r"prelevato",
        r"campione",
    ),
    "procedure": (
        r"exam(ination)?( date)?",
        r"date of (exam|examination|study|procedure|operation|surgery"
        r"|service|scan|imaging)",
        r"study date",
        r"procedure",
        r"\boperation",
        r"\bsurgery",
        r"performed",
        r"date of service",
        r"service date",
        r"untersuchung",
        r"untersucht",
        r"op-datum",
        r"operiert",
        r"eingriff",
        r"de l'examen",
        r"\bexamen",
        r"realise",
        r"intervention",
        r"fecha de (la )?(exploracion|estudio|prueba|intervencion)",
        r"realizad[oa]",
        r"exploracion",
        r"\besame",
        r"eseguit[oa]",
        r"intervento",
        r"treatment (dates?|period|given)",
        r"dates? of (treatment|radiotherapy|chemotherapy|irradiation)",
        r"\bcycle \d+,? day \d+",
        r"\bc\d+d\d+\b",
        r"zyklus \d+,? tag \d+",
        r"behandlungszeitraum",
        r"bestrahlung(szeitraum)?",
    ),
    "visit": (
        r"\bvisit",
        r"\bencounter( date)?",
        r"\bseen\b",
        r"clinic (date|visit)",
        r"date of (visit|consultation|clinic)",
        r"attended",
        r"consultation date",
        r"consultation$",
        r"vorstellung",
        r"sprechstunde",
        r"konsultation",
        r"ambulant",
        r"consultation du",
        r"\bvue?$",
        r"\bvisite",
        r"\bconsulta\b",
        r"fecha de (la )?consulta",
        r"\bvisita",
    ),
    "admission": (
        r"admitted",
        r"admission",
        r"aufnahme",
        r"aufgenommen",
        r"\bentree",
        r"\badmise?\b",
        r"hospitalise",
        r"ingreso",
        r"ingresad[oa]",
        r"ricovero",
        r"ricoverat[oa]",
        r"ammissione",
    ),
    "discharge": (
        r"discharged?",
        r"entlassung",
        r"entlassen",
        r"\bsortie",
        r"\balta\b",
        r"fecha de alta",
        r"dimissione",
        r"dimess[oa]",
    ),
    "received": (
        r"received",
        r"eingang",
        r"eingegangen",
        r"\brecue?\b",
        r"recibid[oa]",
        r"ricevut[oa]",
        r"accettazione",
    ),
    "printed": (
        r"printed",
        r"print date",
        r"\bfax(ed)?\b",
        r"\bsent\b",
        r"gedruckt",
        r"druckdatum",
        r"ausdruck",
        r"imprime",
        r"impreso",
        r"stampato",
        r"data di stampa",
        r"generated",
    ),
    "history": (
        r"comparison",
        r"compared (with|to)",
        r"\bprior\b",
        r"previous(ly)?",
        r"\bsince\b",
        r"\bstarted\b",
        r"\bbegan\b",
        r"\bdiagnosed\b",
        r"beginn",
        r"begonnen",
        r"\bdebut",
        r"\bdebute",
        r"\binicio",
        r"iniciad[oa]",
        r"\biniziat[oa]",
        r"\binizio",
        r"vergleich",
        r"voruntersuchung",
        r"vorbefund",
        r"\bseit\b",
        r"comparaison",
        r"anterieur",
        r"precedent",
        r"\bdepuis\b",
        r"comparacion",
        r"\bprevi[oa]\b",
        r"anterior",
        r"\bdesde\b",
        r"confronto",
        r"precedente",
        r"\bdal\b",
    ),
    "expiry": (  # when a permission, a restriction or a document stops applying
        r"(effective|valid) (until|through|thru)",
        r"\bexpir(es|y|ation|ing)",
        r"gultig bis",
        r"valable jusqu",
        r"valido hasta",
        r"valido fino",
    ),
    "relative": (  # a relative's illness or death, in a family history
        r"cause of death",
        r"family history",
        r"todesursache",
        r"familienanamnese",
        r"cause du deces",
        r"antecedents familiaux",
        r"causa de (la )?muerte",
        r"antecedentes familiares",
        r"causa di morte",
        r"anamnesi familiare",
    ),
    "planned": (
        r"follow[- ]?up",
        r"next (appointment|visit|review|clinic)",
        r"\breview$",
        r"\breturn",
        r"\bdue\b",
        r"starting",
        r"to start",
        r"restart",
        r"scheduled",
        r"booked",
        r"appointment",
        r"wiedervorstellung",
        r"\btermin",
        r"nachsorge",
        r"kontrolle",
        r"prochaine?",
        r"rendez-vous",
        r"controle",
        r"proxim[oa]",
        r"\bcita\b",
        r"\bcontrol\b",
        r"prossim[oa]",
        r"controllo",
        r"appuntamento",
    ),
    "document": (
        r"\bdate$",
        r"\bdated$",
        r"(document|date) created",
        r"(statement|letter|invoice|issue|billing|document) date",
        r"date of (the )?(letter|statement|invoice|issue)",
        r"\bdatum$",
        r"\bfecha$",
        r"\bdata$",
        r"rechnungsdatum",
        r"ausstellungsdatum",
        r"briefdatum",
        r"date d'(emission|edition)",
        r"fecha de emision",
        r"data di emissione",
    ),
}
# Little words between a label and its date ("seen on", "Befund vom", "le"), skipped. One
# mark at a time: a run of spaces matched as runs within runs takes exponential time.
# The little words and marks between a label and its date ("Seen on the", "Datum vom:").
_CONNECTOR_WORDS = frozenset("on of at the from am vom den le du del de il el".split())
_CONNECTOR_MARKS = frozenset(":;,.=-")


def without_connectors(text: str) -> str:
    """The text without the connecting words and marks it ends with ("Seen on: " → "Seen"),
    read backwards from its end (a pattern anchored at the end would be tried at every
    place in the text, the slowest part of reading a long record's dates)."""
    end = len(text)
    while end:
        if text[end - 1].isspace() or text[end - 1] in _CONNECTOR_MARKS:
            end -= 1
            continue
        start = end
        while start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        if text[start:end] not in _CONNECTOR_WORDS:
            break
        end = start
    return text[:end]


KIND_PATTERNS = {
    kind: re.compile("|".join(f"(?:{cue})" for cue in cues)) for kind, cues in KIND_CUES.items()
}
# Each label on its own, so that the longest of several ending at one place can win.
CUE_PATTERNS = [(kind, re.compile(cue)) for kind, cues in KIND_CUES.items() for cue in cues]


def _required_text(cue: str) -> str:
    """The longest run of letters every match of a label contains ("" when none is sure)."""
    try:
        from re import _parser as parser  # type: ignore[attr-defined]

        items = list(parser.parse(cue))
    except Exception:  # another Python's parser: every label is then tried on every date
        return ""
    runs, run = [], ""
    for op, arg in items:
        if op is parser.LITERAL:
            run += chr(arg)
        elif op is not parser.AT:  # \b and $ take no letters and keep a run whole
            runs.append(run)
            run = ""
    return max([*runs, run], key=len)


# Labels by a piece of text they cannot match without: a date's few words are searched only
# with the labels whose piece they hold, which keeps reading a long record's dates fast.
_CUES_BY_TEXT: dict[str, list[int]] = {}
_ALWAYS_TRIED: list[int] = []
for _n, (_, _pattern) in enumerate(CUE_PATTERNS):
    _needed = _required_text(_pattern.pattern)
    if len(_needed) >= 2:
        _CUES_BY_TEXT.setdefault(_needed, []).append(_n)
    else:
        _ALWAYS_TRIED.append(_n)


# Where a label's piece of text starts, the longest piece starting there is found; every
# piece inside it is then there too (a lookahead, so pieces may overlap).
_PIECES = sorted(_CUES_BY_TEXT, key=len, reverse=True)
_PIECE_FINDER = re.compile("(?=(" + "|".join(map(re.escape, _PIECES)) + "))")
_LABELS_WITH = {
    piece: frozenset(n for inner in _PIECES if inner in piece for n in _CUES_BY_TEXT[inner])
    for piece in _PIECES
}


def cue_patterns_for(window: str) -> list[tuple[str, re.Pattern[str]]]:
    """The labels that could match in these words, in the order of CUE_PATTERNS."""
    chosen = set(_ALWAYS_TRIED)
    for m in _PIECE_FINDER.finditer(window):
        chosen.update(_LABELS_WITH[m.group(1)])
    return [CUE_PATTERNS[n] for n in sorted(chosen)]


# What each kind is called when shown to a person.
KIND_NAMES = {
    "report": "report or signature date",
    "document": "date of the letter or document",
    "procedure": "examination or procedure date",
    "collection": "specimen collection date",
    "visit": "visit date",
    "admission": "admission date",
    "discharge": "discharge date",
    "received": "date received",
    "printed": "printed or fax date",
    "history": "date of an earlier event",
    "planned": "date of a planned visit or treatment",
    "expiry": "date something expires or stops applying",
    "relative": "date of a relative's illness or death",
    "birth": "date of birth",
    "unknown": "date in the text",
}


def plain(text: str) -> str:
    """Lower-case text with accents removed, the same length as the input."""
    if text.isascii():  # most records: lower() keeps the length of ASCII text
        return text.lower()
    return "".join(map(_plain_char, text))


@lru_cache(maxsize=8192)
def _plain_char(char: str) -> str:
    low = char.lower()[:1] or char
    base = unicodedata.normalize("NFKD", low)
    return base[0] if base[0].isascii() else low


# OCR reads a letter as a digit inside words ("C0llected", "0ct.", "a1ta"); put them back,
# keeping the length, but leave ordinals ("1st", "3rd", "1er") and units ("5mg") alone.
# Led by the digit, looking behind it only then (a search skips quickly to the next 0, 1 or 5).
_DIGIT_IN_WORD = re.compile(r"[015](?<=[a-z][015])(?=[a-z])|0(?<!\w0)(?=[a-z]{2})")
_AS_LETTER = {"0": "o", "1": "l", "5": "s"}


def ocr_repaired(low: str) -> str:
    """Plain text with digits that OCR put inside words turned back into letters."""
    return _DIGIT_IN_WORD.sub(lambda m: _AS_LETTER[m.group(0)], low)


_LANGUAGE_WORDS = {
    "en": "the and of with for was is on to in no",
    "de": "der die das und mit von nicht ist wir bei zur",
    "fr": "le la les et des du pour avec est une dans",
    "es": "el la los las y del para con por una en",
    "it": "il lo gli e della per con di una nel sono",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _LANGUAGE_WORDS.items()}


def language_of(text: str) -> str:
    """ "en", "de", "fr", "es" or "it" by the commonest little words; "" if it cannot tell."""
    counts = dict.fromkeys(_WORDS, 0)
    for word in re.findall(r"[a-z]+", plain(text[:6000])):
        for lang, common in _WORDS.items():
            if word in common:
                counts[lang] += 1
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    return best if top >= 4 and top >= 1.5 * second else ""
