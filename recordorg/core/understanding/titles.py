"""Titles people would write: "CT chest/abdomen/pelvis — 3 Mar 2025"."""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from recordorg.core.understanding.date_words import plain
from recordorg.core.understanding.study_names import study_name
from recordorg.core.wording import TITLE_DASH, short_date

DASH = TITLE_DASH
MODALITIES = [  # (title word, pattern); the first that matches names the examination
    ("PET-CT", r"\bpet[ /-]?ct\b|\bpet[ /-]?tc\b|\bpet[ /-]?tdm\b"),
    ("Mammogram", r"mammogra|mamografia"),
    ("Bone scan", r"bone scan|scintigra|szintigra|gammagraf"),
    ("Echocardiogram", r"echocardiogra|echokardiogra|ecocardiogra"),
    ("PET", r"\bpet\b"),
    (
        "MRI",
        r"\bmri\b|\bmrt\b|\bmr\b|magnetic resonance|magnetresonanz|\birm\b|resonancia"
        r"|risonanza|\brm\b",
    ),
    (
        "CT",
        r"\bct\b|computed tomography|computertomogra|\btdm\b|tomodensitometrie|\btac\b"
        r"|\btc\b|tomografia comput|\bscanner\b",
    ),
    ("Ultrasound", r"ultrasound|sonogra|ultraschall|echogra|ecograf"),
    ("X-ray", r"x-ray|xray|radiograph|rontgen|radiografia"),
]
REGIONS = [  # in the order people name them
    ("brain", r"brain|\bhead\b|cerebr|schadel|\bkopf|cerveau|encefal|cranio|crane"),
    ("neck", r"\bneck\b|\bhals\b|\bcou\b|cuello|\bcollo\b"),
    ("chest", r"chest|thorax|thorac(?!ic spine)|torax|torace|\blung|poumon"),
    ("abdomen", r"abdom|addome"),
    ("pelvis", r"pelvi|becken|bassin|bacino"),
    ("spine", r"spine|spinal|wirbelsaule|rachis|columna|colonna|lumbar|lenden"),
    ("breast", r"breast|\bmamma\b|\bsein\b|\bmama\b|mammella"),
    ("liver", r"liver|leber|\bfoie\b|higado|fegato"),
    ("whole body", r"whole[- ]body|skull base to|ganzkorper|corps entier|cuerpo entero"),
]
SIDES = [
    ("left", r"\bleft\b|\blinks?\b|\blinke[nrs]?\b|gauche|izquierd|sinistr"),
    ("right", r"\bright\b|\brechts?\b|\brechte[nrs]?\b|\bdroite?\b|derech|\bdestr"),
    ("bilateral", r"bilateral|beidseit|beidseits"),
]
ORGANS = [
    ("sentinel lymph node", r"sentinel|wachter|ganglion sentinelle|ganglio centinela"),
    ("axillary lymph node", r"axillary (lymph )?node|axillar"),
    ("lymph node", r"lymph node|lymphknoten|ganglion|ganglio|linfonod"),
    ("bone marrow", r"bone marrow|knochenmark|moelle|medula osea|midollo"),
    ("breast", r"breast|\bmamma\b|\bsein\b|\bmama\b|mammella"),
    ("liver", r"liver|\bleber|\bfoie\b|hepati|higado|fegato|epatic"),
    ("lung", r"\blung|\blunge|poumon|pulmon|polmon"),
    ("colon", r"colon|\bkolon"),
    ("skin", r"\bskin\b|\bhaut\b|\bpeau\b|\bpiel\b|\bcute\b"),
    ("bone", r"\bbone\b|knochen|\bos\b|\bhueso|\bosso\b"),
    ("thyroid", r"thyroid|schilddr"),
    ("ovary", r"ovar"),
    ("pleural fluid", r"pleural|pleura"),
]
PROCEDURES = [
    (
        "core biopsy",
        r"core (needle )?biops|stanzbiops|biopsie? (au trocart|percutanee)"
        r"|aguja gruesa|agobiops|core",
    ),
    ("fine needle aspiration", r"fine needle|\bfna\b|feinnadel|cytoponction|paaf|agoaspirat"),
    ("sentinel node biopsy", r"sentinel (lymph )?node biops"),
    ("mastectomy", r"mastectom|mastektom|mastectomi"),
    ("lumpectomy", r"lumpectom|tumorectom|tumorektom|quadrantectom|wide local excision"),
    ("resection", r"resection|resektion|reseccion|resezione|segmentectom|hepatectom"),
    ("excision", r"excision|exzision|exeresi|escision"),
    ("biopsy", r"biops"),
]
LABEL_LINE = re.compile(
    r"^.*\b(specimens?|material|einsendung|prelevement|muestra|campione|site|procedure|"
    r"intervention|eingriff|intervento|intervencion)\b.*$",
    re.M,
)


def _first(table: list[tuple[str, str]], text: str) -> str:
    return next((name for name, pattern in table if re.search(pattern, text)), "")


def imaging_name(text: str) -> str:
    """ "CT chest/abdomen/pelvis" from the words naming an examination; "" if no modality."""
    low = plain(text)
    modality = _first(MODALITIES, low)
    if not modality:
        return ""
    regions = [name for name, pattern in REGIONS if re.search(pattern, low)]
    if modality in ("Mammogram", "Bone scan", "Echocardiogram"):
        return modality
    if "whole body" in regions:
        regions = ["whole body"]
    return f"{modality} {'/'.join(regions[:4])}".strip()


def _exam_line(text: str) -> str:
    """The line that names the examination: of the lines naming a modality, one that names a
    body region too, then one that says "exam" or "study", then the first."""
    lines = [line for line in plain(text[:3000]).splitlines() if _first(MODALITIES, line)]

    def rank(item: tuple[int, str]) -> tuple[bool, bool, int]:
        index, line = item
        names_a_region = any(re.search(pattern, line) for _, pattern in REGIONS)
        labelled = re.search(
            r"\b(exam|examination|study|untersuchung|examen|estudio|esame"
            r"|exploracion)\b",
            line,
        )
        return names_a_region, bool(labelled), -index

    return max(enumerate(lines), key=rank)[1] if lines else ""


def specimen(text: str) -> str:
    """ "left breast core biopsy" from a pathology or operation report; "" if not found."""
    low = plain(text[:4000])
    focus = " ".join(m.group(0) for m in LABEL_LINE.finditer(low))[:400] or low[:800]
    side = _first(SIDES, focus)
    organ = _first(ORGANS, focus)
    procedure = _first(PROCEDURES, focus)
    if organ and procedure and procedure.startswith("sentinel") and "lymph node" in organ:
        organ = ""
    if not (organ or procedure):
        return ""
    return " ".join(p for p in (side, organ, procedure) if p)


def _dicom_name(meta: dict[str, Any]) -> str:
    codes = list(meta.get("modalities") or [])
    description = str(meta.get("study_description") or "")
    return study_name(description, codes, str(meta.get("body_part") or "")).title


def _kind_of(table: list[tuple[str, str]], text: str, default: str) -> str:
    return _first(table, plain(text[:3000])) or default


LETTERS = [
    (
        "Tumour board (MDT) outcome",
        r"multidisciplinary|tumou?r ?board|tumorkonferenz"
        r"|\brcp\b|comite de tumores|gruppo multidisciplinare",
    ),
    ("Palliative care letter", r"palliati"),
    ("Radiation oncology letter", r"radiation oncolog|strahlentherap|radiotherap"),
    ("Surgical clinic letter", r"surgical (clinic|consultation)|chirurgische ambulanz"),
    ("Oncology clinic letter", r"oncolog|onkolog|cancer cent|tumou?r"),
]
ADMIN = [
    (
        "Advance directive",
        r"advance (medical |care )?directive|living will|power of attorney|health ?care agent"
        r"|health ?care proxy|patientenverfugung|vorsorgevollmacht|directives anticipees"
        r"|voluntades anticipadas|instrucciones previas|testamento vital"
        r"|disposizioni anticipate",
    ),
    (
        "Death certificate",
        r"death certif|certificate of death|sterbeurkunde|totenschein|todesbescheinigung"
        r"|certificat de deces|certificado de defuncion|certificato di morte",
    ),
    ("Explanation of benefits", r"explanation of benefits"),
    ("Invoice", r"invoice|rechnung|facture|factura|fattura|amount due"),
    ("Prior authorisation", r"prior authori|kostenubernahme|autorizacion"),
    ("Appointment letter", r"appointment|rendez-vous|\btermin\b|\bcita\b|appuntamento"),
    ("Certificate", r"certificate|bescheinigung|certificat|certificado|certificato"),
    (
        "Insurance letter",
        r"insurance|versicherung|krankenkasse|assurance|mutuelle|seguro"
        r"|assicurazione",
    ),
]
MEDICATION = [
    ("Chemotherapy plan", r"chemotherap|regimen|cycle|zyklus"),
    ("Medication list", r"medication list|medikationsplan|current medication"),
    ("Prescription", r"prescription|rezept|ordonnance|receta|ricetta"),
]
GENOMICS = [
    ("Liquid biopsy (ctDNA)", r"liquid biopsy|ctdna|circulating tumou?r dna"),
    ("Germline genetic test", r"germline|hereditary|keimbahn|constitutionnel"),
    (
        "Tumour genomic profiling",
        r"sequencing|sequenzierung|sequencage|secuenciacion"
        r"|sequenziamento|\bngs\b|genomic|genomique|genomico",
    ),
    ("Molecular test", r"."),
]


def suggest_title(
    category: str,
    text: str,
    clinical_date: str | None = None,
    meta: dict[str, Any] | None = None,
    kind: str = "",
) -> str:
    """A title for a record of this category, or "" when there is nothing better to say."""
    coded = (meta or {}).get("clinical_document") or {}
    if coded.get("title"):
        return str(coded["title"])  # a clinical document names itself
    when = short_date(clinical_date)
    if kind == "dicom" or category == "imaging-study":
        name = _dicom_name(meta or {}) if kind == "dicom" else imaging_name(text[:400])
        return _join(name or "Imaging study", when)
    if category == "imaging-report":
        return _join(imaging_name(_exam_line(text)) or "Imaging report", when)
    if category == "pathology":
        low = plain(text[:2000])
        head = (
            "Cytology"
            if re.search(r"cytolog|zytolog|citolog", low)
            else (
                "Surgical pathology"
                if re.search(r"surgical|histolog|istolog|histopath", low)
                else "Pathology report"
            )
        )
        return _join(head, specimen(text) or when)
    if category == "surgery":
        return _join("Operation note", specimen(text) or when)
    names = {
        "laboratory": "Laboratory results",
        "discharge-summary": "Discharge summary",
        "radiotherapy": "Radiotherapy",
    }
    if category in names:
        return _join(names[category], when)
    tables = {
        "clinic-letter": (LETTERS, "Clinic letter"),
        "administrative": (ADMIN, "Administrative letter"),
        "medication": (MEDICATION, "Medication"),
        "genomics": (GENOMICS, "Molecular test"),
    }
    if category in tables:
        table, default = tables[category]
        return _join(_kind_of(table, text, default), when)
    return ""


def _join(name: str, detail: str) -> str:
    return f"{name}{DASH}{detail}" if detail else name


def title_from_file(file_title: str, first_page: str, file_name: str) -> str:
    """A record's first title, before its category is known: the title the file gives, else
    the first line of words on its first page, else its file name."""
    if len(file_title.strip()) > 3:
        return " ".join(file_title.split())[:120]
    for line in first_page.splitlines():
        line = " ".join(line.split())
        if len(line) >= 4 and re.search(r"[A-Za-z]{3}", line):
            return line[:120]
    stem = PurePath(file_name).stem
    return " ".join(stem.replace("_", " ").split())[:120] or file_name


def title_from_study(description: str, modality: str, body_part: str) -> str:
    """A study's first title, readable from its own label ("CT CHEST W/O" is "CT chest")."""
    return study_name(description, [modality] if modality else [], body_part).title
