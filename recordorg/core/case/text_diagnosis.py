"""Reading a cancer diagnosis out of a sentence: primary site, histology, grade, stage, TNM,
receptor status and the date of diagnosis."""

from __future__ import annotations

import re
from typing import Any

from recordorg.core.case.negation import PRESENT, assertion
from recordorg.core.case.proposal import Place, Proposal
from recordorg.core.case.sentence_dates import date_in, usable
from recordorg.core.case.text import find_biomarkers
from recordorg.core.case.vocabularies import Mention, as_written, term_finder, vocabulary
from recordorg.core.wording import first_day

_BEFORE_NAME = re.compile(r"^[\s,-]*((left|right|bilateral|primary|invasive|de novo)\s+)*$", re.I)
# "of the" in the languages records come in: "Karzinom der Mamma", "carcinome du sein".
OF_WORDS = r"of|der|des|du|de la|de l'|de|del|della|dello|dell'|dei|di|degli|de los|de las"
_OF_SITE = re.compile(rf"^\s+(?:{OF_WORDS})\s*(the\s+)?((left|right)\s+)?$", re.I)
_GRADE = re.compile(
    r"(?<!CTCAE )(?<!toxicity )\b(?:(Nottingham|histologic(?:al)?|tumou?r|WHO|FIGO|ISUP)\s+)?"
    r"(grade(?: group)?)\s*:?\s*([1-4]|I{1,3}V?)\b(?!\s*(diarrh|toxicit|neutrop|rash|fatigue))"
    r"|\b(well|moderately|poorly)[- ]differentiated\b"
    r"|\bGleason(?: score)?\s*:?\s*(\d\s*\+\s*\d(?:\s*=\s*\d{1,2})?|\d{1,2})",
    re.I,
)
_TNM = re.compile(
    r"(?<![\w/])((?:y|r)?[cp]?T(?:[0-4][a-d]?|is|x)\s*,?\s*(?:\(\w+\)\s*)?[cp]?N(?:[0-3][a-c]?|x)"
    r"(?:\s*\(\w+\))?(?:\s*,?\s*[cp]?M(?:[01][a-c]?|x))?)(?!\w)"
)
_STAGE = re.compile(r"\bstage\s*:?\s*(0|IV|I{1,3}|[1-4])([ABC][1-3]?)?(?![\w-])", re.I)
_AT_DIAGNOSIS = re.compile(
    r"\b(de novo|at diagnosis|diagnosed|at presentation|initial(ly)?|originally|presented with)\b",
    re.I,
)
_DIAGNOSED = re.compile(r"\bdiagnos\w*", re.I)
_MALIGNANT = re.compile(
    r"cancer|malignancy|malignant\s+(neoplasm|tumou?r)|krebs|cancro|tumeur maligne|"
    r"tumore maligno|tumor maligno",
    re.I,
)
_NOT_THE_DISEASE = re.compile(
    r"\W*(risk|screening|surveillance|prevention|awareness|clinic|team|nurse|service|unit|"
    r"cent(re|er)|referral|pathway|support|charity|survivors?|trials?|genes?|syndrome|"
    r"predisposition|susceptibility|family)\b",
    re.I,
)
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_RECEPTORS = ("ER", "PR", "HER2")
_PARTS = ("grade", "tnm", "receptors")  # read apart, written into histology and stage at the end


def find_diagnosis(sentence: str, place: Place) -> list[Proposal]:
    """The cancer a sentence states the person has, when it names where it started."""
    histologies = [
        h
        for h in term_finder("histologies", "names_foreign").find(sentence)
        if not _billing_tag(sentence, h.start, h.text)
    ]
    if not histologies:
        return []
    found = []
    invasive = any(not h.item.get("in_situ") and not h.item.get("word_only") for h in histologies)
    for histology in histologies:
        term = histology.item
        site = _implied(term) or _attached_site(sentence, histology)
        if site is None or (term.get("in_situ") and invasive):
            continue
        if term.get("word_only") and not _MALIGNANT.fullmatch(histology.text):
            continue  # "tumour" or "neoplasm" alone may be benign
        if assertion(sentence, histology.start, histology.end) != PRESENT:
            continue
        if _NOT_THE_DISEASE.match(sentence, histology.end):
            continue  # "breast cancer risk", "lung cancer screening", "cancer nurse"
        fields = {
            "primary_site": site if isinstance(site, str) else _site_name(site),
            "histology": as_written(term, histology.text, "names_foreign") if term["name"] else "",
            "diagnosed_on": _diagnosed_on(sentence, place),
            **_stage(sentence),
            "grade": _grade(sentence),
            "tnm": _tnm(sentence),
            "receptors": _receptors(sentence),
        }
        found.append(place.proposal("diagnosis", diagnosis_key(fields), fields, sentence))
        break  # one diagnosis per sentence: the first one named
    return found


# "(HCC)" or "(CMS/HCC)" after a problem's name, as US records print it: the Hierarchical
# Condition Category the problem is billed under, not a hepatocellular carcinoma.
_BILLING_BEFORE = re.compile(r"(?:\(\s*|\bCMS\s*[/-]\s*)$", re.I)


def _billing_tag(sentence: str, start: int, text: str) -> bool:
    return text.upper() == "HCC" and bool(
        _BILLING_BEFORE.search(sentence[max(0, start - 8) : start])
    )


def diagnosis_key(fields: dict[str, Any]) -> str:
    """Diagnoses are the same when their primary site is."""
    mentions = term_finder("body_sites").find(fields.get("primary_site") or "")
    site = mentions[0].item["id"] if mentions else (fields.get("primary_site") or "").lower()
    return f"diagnosis|{site}"


AT_DIAGNOSIS_DAYS = 90  # a stage dated this close to the diagnosis is the one it was found at


def staged_at_diagnosis(fields: dict[str, Any], diagnosed_on: str | None) -> dict[str, Any]:
    """A stage a source gives with its own date of diagnosis, within AT_DIAGNOSIS_DAYS of
    the case's diagnosis, is the stage at diagnosis, not the stage now: a problem list's
    "Non-small cell carcinoma of lung, TNM stage 1, 1985-07-26" says how it was found."""
    own = fields.get("diagnosed_on")
    if not (fields.get("stage_now") and own and diagnosed_on) or fields.get("stage_at_diagnosis"):
        return fields
    first, case = first_day(own), first_day(diagnosed_on)
    if first is None or case is None or abs((first - case).days) > AT_DIAGNOSIS_DAYS:
        return fields
    moved = {k: v for k, v in fields.items() if k != "stage_now"}
    moved["stage_at_diagnosis"] = fields["stage_now"]
    return moved


def finish_diagnosis(fields: dict[str, Any]) -> dict[str, Any]:
    """The entry's own fields: grade and receptor status written after the histology, TNM
    after the stage."""
    done = {k: v for k, v in fields.items() if k not in _PARTS}
    if fields.get("histology"):
        parts = (fields["histology"], fields.get("grade"), fields.get("receptors"))
        done["histology"] = ", ".join(p for p in parts if p)
    if fields.get("tnm"):
        name = "stage_at_diagnosis" if fields.get("stage_at_diagnosis") else "stage_now"
        stage = fields.get(name) or ""
        done[name] = f"{stage} ({fields['tnm']})" if stage else fields["tnm"]
    return done


def _implied(term: dict[str, Any]) -> str | None:
    """The primary site a histology's name implies (hepatocellular carcinoma: liver)."""
    site = vocabulary("body_sites").get(term.get("site") or "")
    return site["name"] if site else None


def _site_name(site: Mention[dict[str, Any]]) -> str:
    return as_written(site.item, site.text, "names_after")


def _attached_site(
    sentence: str, histology: Mention[dict[str, Any]]
) -> Mention[dict[str, Any]] | None:
    """A site written right before the histology ("breast cancer") or after it ("carcinoma
    of the left breast", "Karzinom der Mamma")."""
    for site in term_finder("body_sites").find(sentence[: histology.start]):
        if site.item["primary"] and _BEFORE_NAME.match(sentence[site.end : histology.start]):
            return site
    after = sentence[histology.end :]
    for site in term_finder("body_sites", "names_after").find(after):
        if site.item["primary"] and _OF_SITE.match(after[: site.start]):
            return site
    return None


def _diagnosed_on(sentence: str, place: Place) -> str | None:
    if not _DIAGNOSED.search(sentence):
        return None
    return usable("diagnosis", "diagnosed_on", date_in(sentence, place.order))


def _stage(sentence: str) -> dict[str, str]:
    match = _STAGE.search(sentence)
    if match is None:
        return {}
    stage = _ROMAN.get(match.group(1), match.group(1).upper()) + (match.group(2) or "").upper()
    name = "stage_at_diagnosis" if _AT_DIAGNOSIS.search(sentence) else "stage_now"
    return {name: stage}


def _grade(sentence: str) -> str:
    match = _GRADE.search(sentence)
    if match is None:
        return ""
    if match.group(3):
        label = f"{match.group(1)} {match.group(2)}" if match.group(1) else match.group(2)
        return f"{label.lower().replace('nottingham', 'Nottingham')} {match.group(3)}"
    if match.group(5):
        return f"{match.group(5).lower()} differentiated"
    return "Gleason " + " ".join(match.group(6).split())


def _tnm(sentence: str) -> str:
    match = _TNM.search(sentence)
    return " ".join(match.group(1).replace(",", " ").split()) if match else ""


def _receptors(sentence: str) -> str:
    said = {f.marker: f.outcome for f in find_biomarkers(sentence) if f.marker in _RECEPTORS}
    return ", ".join(f"{m}-{said[m]}" for m in _RECEPTORS if said.get(m))
