"""Whether a sentence states a finding or treatment as real, or only denies, plans or doubts it."""

from __future__ import annotations

import re

PRESENT = "present"  # given, done, found
PLANNED = "planned"  # planned, recommended, referred for, scheduled
HEDGED = "hedged"  # possible, suspected, considered, discussed, "?", rule out
NEGATED = "negated"  # not, no evidence of, negative for, declined, not funded, held
SOMEONE_ELSE = "someone else"  # a relative's illness ("her mother had breast cancer")

# Words that end the reach of a "no" or a "planned": a new clause says something else.
_CLAUSE_BREAK = re.compile(
    r";|\.\s|\bbut\b|\bhowever\b|\balthough\b|\bwhereas\b|\bexcept\b|\bapart from\b"
    r"|\bwhich\b|\bthen\b|\bfollowed by\b|\bafter which\b|\bnow\b",
    re.I,
)
# "No change in the liver metastases" still says they are there.
_NOT_A_DENIAL = re.compile(
    r"\b(no|without) (significant |interval |definite )?(change|increase|decrease|growth)\b"
    r"|\bnot (only|changed)\b|\bno longer\b",
    re.I,
)

# The same words in the other languages records come in (German, French, Italian, Spanish).
FOREIGN_DENIAL = (
    r"nicht|kein\w*|ohne|abgelehnt|pas|sans|aucun\w*|refus\w*|non|senza|nessun\w*|rifiut\w*|"
    r"sin|ningun\w*|rechaz\w*"
)
FOREIGN_PLAN = (
    r"geplant|empfohlen|erwogen|vorgesehen|prevu\w*|prévu\w*|envisag\w*|recommand\w*|"
    r"previst\w*|programmat\w*|consigliat\w*|planificad\w*|recomendad\w*|propuest\w*"
)
FOREIGN_DOUBT = (
    r"verdacht|v\.a\.|fraglich|m[öo]glich\w*|ausschlu(ss|ß)|auszuschlie(ss|ß)en|suspicion|"
    r"suspect\w*|possible|exclure|[ée]liminer|sospett\w*|possibil\w*|escludere|sospech\w*|"
    r"posible|descartar"
)
_DENIED_BEFORE = re.compile(
    r"\b(no|not|never|without|nor|neither|free of|absence of|absent|denies|denied|"
    r"negative for|no evidence of|no sign of|no signs of|no further|did not|does not|"
    r"has not|have not|had not|was not|were not|is not|are not|cannot|unable to|"
    r"declined|refused|not funded|unfunded|" + FOREIGN_DENIAL + r")\b",
    re.I,
)
_DENIED_AFTER = re.compile(  # read in the words right after the mention, up to a comma
    r"\b(not (been )?(given|started|received|performed|done|undertaken|administered|seen|"
    r"identified|detected|present|found|shown|demonstrated|confirmed|possible|indicated)|"
    r"was not|were not|is not|are not|excluded|absent|(have |has )?resolved|disappeared)\b",
    re.I,
)
_REFUSED_AFTER = re.compile(  # read in the whole clause after the mention
    r"\b(not (been )?(funded|approved|available|tolerated)|unfunded|declined|refused|"
    r"withheld|held|on hold|cancell?ed|ruled out|attempted|abandoned|unsuccessful)\b",
    re.I,
)
_PLANNED_BEFORE = re.compile(
    r"\b(plan(ned)? (to|for)|planning|will (start|begin|receive|undergo|have|be)|"
    r"to (start|begin|receive|undergo|have)|scheduled (for|to)|booked (for|to)|"
    r"referr?(ed|al)? (for|to)|recommend(s|ed|ation)?( of| for)?|advised|offered|"
    r"proposed|awaiting|await|due (for|to)|listed for|to be (started|given|performed)|will|"
    r"arrange|book|request|" + FOREIGN_PLAN + r")\b",
    re.I,
)
_PLANNED_AFTER = re.compile(
    r"^[^;]*?\b(is|are|was|were|has been|have been|will be|to be)\s+"
    r"(planned|scheduled|booked|recommended|proposed|advised|offered|arranged|requested|"
    r"pending|deferred|postponed)\b|^[^;]*?\b(planned|pending|next (week|month|year)|"
    r"in (\d+|a few|one|two|three|four|six) (days?|weeks?|months?))\b",
    re.I,
)
_HEDGED_BEFORE = re.compile(
    r"\b(possible|possibly|probable|probably|likely|unlikely|may|might|could|would|should|"
    r"if|whether|suspect(ed)?|suspicious (of|for)|suggestive of|concern(ing)? for|"
    r"worrisome for|question(able)?|query|equivocal|indeterminate|uncertain|"
    r"rule out|r/o|to exclude|exclude|evaluate for|assess(ment)? for|candidate for|"
    r"eligible for|eligibility|consider(ed|ing)?|discuss(ed|ion)?|option(s)?|versus|vs|"
    r"differential|in case of|risk of|screening for|" + FOREIGN_DOUBT + r")\b",
    re.I,
)
_HEDGED_AFTER = re.compile(
    r"^[^;]*?\b(was|were|is|are|has been|have been|will be)\s+(considered|discussed|"
    r"suspected|queried|possible|likely|not excluded|to be excluded)\b"
    r"|^[^;]*?\b(cannot be (excluded|ruled out)|not excluded|can ?not be excluded|"
    r"is uncertain|uncertain|is possible|questionable|(un|less |not )likely|\?)",
    re.I,
)
_NOT_EXCLUDED = re.compile(
    r"\b((cannot|can ?not|could not|may not|not) be (excluded|ruled out)|not excluded)\b", re.I
)
_SOMEONE_ELSE = re.compile(
    r"\b(mother|father|sister|brother|aunt|uncle|grand(mother|father|parent)s?|cousin|"
    r"daughter|(her|his|their|my|a|the|whose) sons?|niece|nephew|relative|family history|FHx?|"
    r"Mutter|Vater|Schwester|Bruder|Tante|Onkel|Gro(ß|ss)mutter|Familienanamnese|m[èe]re|"
    r"p[èe]re|s(œ|oe)ur|fr[èe]re|oncle|ant[ée]c[ée]dents familiaux|madre|padre|sorella|"
    r"fratello|zia|zio|nonna|familiarit[àa]|hermana|hermano|t[íi]a|t[íi]o|abuela|"
    r"antecedentes familiares)\b",
    re.I,
)
_MUM = re.compile(r"\bmamma\b")  # Italian "mum" (lower case); "Mamma" in German is the breast
_QUERY_MARK = re.compile(r"\?\s*([\w-]+\s+){0,3}$")  # "?bone metastases", "? liver mets"


def clause_around(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The words of the mention's clause before it and after it."""
    before = sentence[:start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    after = sentence[end:]
    stop = _CLAUSE_BREAK.search(after)
    if stop is not None:
        after = after[: stop.start()]
    return before, after


def assertion(sentence: str, start: int, end: int) -> str:
    """How a sentence states the words between start and end: PRESENT, PLANNED, HEDGED,
    NEGATED or SOMEONE_ELSE. Anything short of a plain statement is not PRESENT."""
    if _SOMEONE_ELSE.search(sentence) or _MUM.search(sentence):
        return SOMEONE_ELSE
    before, after = clause_around(sentence, start, end)
    if sentence.rstrip().endswith("?") or _QUERY_MARK.search(before):
        return HEDGED
    if _NOT_EXCLUDED.search(after):
        return HEDGED  # "cannot be excluded" doubts, it does not deny
    denial = _NOT_A_DENIAL.sub(" ", before)
    near = after.split(",")[0][:60]
    if _DENIED_BEFORE.search(denial) or _DENIED_AFTER.search(near) or _REFUSED_AFTER.search(after):
        return NEGATED
    if _PLANNED_BEFORE.search(before) or _PLANNED_AFTER.search(after):
        return PLANNED
    if _HEDGED_BEFORE.search(before) or _HEDGED_AFTER.search(after):
        return HEDGED
    return PRESENT


def stated(sentence: str, start: int, end: int) -> bool:
    """The words between start and end are stated as real: given, done or found."""
    return assertion(sentence, start, end) == PRESENT


# A sentence naming a treatment that was not (or not yet) given: none of its drugs is a line.
NOT_GIVEN = re.compile(
    r"\b(discuss(ed|ion)?|options?|consider(ed|ing)?|could|would|might|candidate|eligib\w*|"
    r"associations?|approved|if (she|he|they|there) progress\w*|in case of|declined|refused|"
    r"allerg\w*|contraindicat\w*|not suitable|unsuitable|not (been )?(given|started|received|"
    r"funded|approved|available|tolerated)|unfunded|funding|no prior|never received|versus|"
    r"randomi[sz]\w*|withheld|held|on hold|planned|plan to|recommend\w*|proposed|offered|"
    r"referr?(ed|al) for|awaiting|will (start|begin|receive)|to be started|"
    + FOREIGN_DENIAL
    + "|"
    + FOREIGN_PLAN
    + r")\b",
    re.I,
)
