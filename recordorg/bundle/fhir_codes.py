"""Coded values for the bundle's FHIR document, taken from recordorg's vocabularies only (a
term without a code there stays text): LOINC for biomarker tests, ATC for drugs, ICD-10 and
ICD-O-3 for diagnoses and metastatic sites; and the International Patient Summary's
"no information" entries for a required section with nothing known."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from recordorg.bundle.codes import LOINC_URL
from recordorg.core.case.vocabularies import find_drug, term_finder, vocabulary
from recordorg.core.paths import resources_dir

ATC_URL = "http://www.whocc.no/atc"
ICD10_URL = "http://hl7.org/fhir/sid/icd-10"
ICDO3_URL = "http://terminology.hl7.org/CodeSystem/icd-o-3"
IPS_ABSENT_URL = "http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips"
DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
IN_SITU = ("dcis", "cis")  # not malignant neoplasms: no ICD-10 C code for them
NO_INFORMATION = {  # the IPS code of "no information about ..." for each required section
    "problems": ("no-problem-info", "No information about problems"),
    "medications": ("no-medication-info", "No information about medications"),
    "allergies": ("no-allergy-info", "No information about allergies"),
}


def coding(system: str, code: str, display: str = "") -> dict[str, str]:
    found = {"system": system, "code": code}
    if display:
        found["display"] = display
    return found


def concept(text: str, codings: list[dict[str, str]]) -> dict[str, Any]:
    """A CodeableConcept: the words as written, and its codes where the vocabulary has them."""
    found: dict[str, Any] = {"text": text}
    if codings:
        found["coding"] = codings
    return found


def absent_date() -> dict[str, Any]:
    """The extension that says a required date is not known (for a `_effectiveDateTime`)."""
    return {"extension": [{"url": DATA_ABSENT, "valueCode": "unknown"}]}


@cache
def _biomarker_codes() -> dict[str, tuple[str, str]]:
    data = json.loads((resources_dir() / "vocabularies" / "biomarkers.json").read_text())
    return {m["id"].casefold(): (m["loinc"], m["name"]) for m in data["markers"] if "loinc" in m}


@cache
def _drug_codes() -> dict[str, str]:
    data = json.loads((resources_dir() / "vocabularies" / "oncology_drugs.json").read_text())
    return {d["name"]: d["atc"] for d in data["drugs"] if "atc" in d}


def biomarker_codings(marker: str) -> list[dict[str, str]]:
    """The LOINC code of a biomarker test named as the case review names it ("ER")."""
    found = _biomarker_codes().get(marker.strip().casefold())
    return [coding(LOINC_URL, found[0], found[1])] if found else []


def drug_codings(name: str) -> list[dict[str, str]]:
    """The ATC code of a medicine by any of its names ("Xeloda", "capecitabine")."""
    drug = find_drug(name)
    code = _drug_codes().get(drug.name) if drug else None
    return [coding(ATC_URL, code, drug.name)] if drug and code else []


def _first(name: str, text: str, also: str = "") -> dict[str, Any] | None:
    mentions = term_finder(name, also).find(text)
    return mentions[0].item if mentions else None


def diagnosis_codings(text: str) -> list[dict[str, str]]:
    """ICD-10 (the malignant neoplasm of the primary site) and ICD-O-3 (the morphology) of a
    diagnosis as the case review words it ("Invasive ductal carcinoma of the left breast")."""
    histology = _first("histologies", text)
    site = _first("body_sites", text, "names_after")
    if site is None and histology and histology.get("site"):
        site = vocabulary("body_sites").get(histology["site"])
    codings = []
    in_situ = histology is not None and histology["id"] in IN_SITU
    if site and site.get("primary") and site.get("icd10_primary") and not in_situ:
        codings.append(coding(ICD10_URL, site["icd10_primary"]))
    if histology and histology.get("icd_o_3"):
        codings.append(coding(ICDO3_URL, histology["icd_o_3"], histology["name"]))
    return codings


def metastasis_codings(text: str) -> list[dict[str, str]]:
    """ICD-10 of a secondary malignant neoplasm of the site named ("Metastasis: liver")."""
    site = _first("body_sites", text, "names_after")
    if site and site.get("icd10_secondary"):
        return [coding(ICD10_URL, site["icd10_secondary"])]
    return []


def no_information(section: str, subject: dict[str, str]) -> dict[str, Any]:
    """The IPS entry that says nothing is known for a required section (problems,
    medications, allergies)."""
    code, display = NO_INFORMATION[section]
    what = concept(display, [coding(IPS_ABSENT_URL, code, display)])
    if section == "allergies":
        return {
            "resourceType": "AllergyIntolerance",
            "clinicalStatus": concept(
                "Active",
                [
                    coding(
                        "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                        "active",
                    )
                ],
            ),
            "code": what,
            "patient": subject,
        }
    if section == "medications":
        return {
            "resourceType": "MedicationStatement",
            "status": "unknown",
            "medicationCodeableConcept": what,
            "subject": subject,
            "_effectiveDateTime": absent_date(),
        }
    return {"resourceType": "Condition", "code": what, "subject": subject}
