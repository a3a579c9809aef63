"""The coded facts of FHIR resources (conditions, medicines, results, procedures, visits),
kept as the same plain facts a clinical document's entries give, naming their resource."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from recordorg.formats.ccda_entries import CodedEntry
from recordorg.formats.ccda_values import CdaTime
from recordorg.formats.fhir_read import Resources, concept, fhir_time, name_of, part, period

MEDICATIONS = ("MedicationRequest", "MedicationStatement", "MedicationAdministration")
_NOT_TRUE = {"entered-in-error", "refuted", "not-taken", "not-done", "cancelled", "revoked"}
_PLANNED = {"proposal", "plan", "draft", "preparation", "planned"}
_HOSPITAL_STAY = {"IMP", "ACUTE", "NONAC"}  # the visit classes of a stay in hospital
GENE_STUDIED, ABSENT = "48018-6", "LA9634-2"  # LOINC: gene studied; "Absent"
VARIANT_PARTS = ("48004-6", "81290-9", "48005-3", "81252-9")  # DNA, genomic, protein change


@dataclass
class FhirEntry(CodedEntry):
    """A coded fact with the resource that states it ("Condition/abc")."""

    resource: str = ""
    inpatient: bool | None = None  # an encounter: a stay in hospital or not
    finding: str = ""  # a genomic result in words the biomarker vocabulary reads


def entry_of(resource: dict[str, Any], found: Resources) -> FhirEntry | None:
    """The fact one resource states, or None for a kind that states none here."""
    reader = _READERS.get(resource["resourceType"])
    return reader(resource, found) if reader else None


def when(entry: CodedEntry) -> str:
    """A fact's date as precise as written, with its end: "2023-03 to 2023-09-30"."""
    if not entry.start:
        return ""
    start = {"year": entry.start[:4], "month": entry.start[:7]}.get(entry.precision, entry.start)
    return f"{start} to {entry.end}" if entry.end and entry.end != entry.start else start


def _fact(
    kind: str,
    resource: dict[str, Any],
    what: tuple[str, str, str],
    dates: tuple[CdaTime | None, CdaTime | None],
    status: str = "",
) -> FhirEntry:
    name, code, system = what
    start, end = dates
    status = status or _code(resource, "status")
    return FhirEntry(
        kind,
        "",
        0,
        1,
        name or f"({resource['resourceType']} without a name)",
        code,
        system,
        start.value if start else "",
        start.precision if start else "day",
        end.last_day if end else "",
        status=status,
        negated=status in _NOT_TRUE,
        planned=status in _PLANNED,
        resource=name_of(resource),
    )


def _code(resource: dict[str, Any], key: str) -> str:
    value = resource.get(key)
    if isinstance(value, str):
        return value
    if isinstance(value, dict):  # a CodeableConcept's first code
        return concept(resource, key)[1]
    return ""


def _condition(resource: dict[str, Any], found: Resources) -> FhirEntry:
    start, _ = period(resource, "onset")
    end, _ = period(resource, "abatement")
    verified = _code(resource, "verificationStatus")
    fact = _fact("problem", resource, concept(resource, "code"), (start, end))
    fact.status = _code(resource, "clinicalStatus") or verified
    fact.negated = verified in _NOT_TRUE
    return fact


def _medication(resource: dict[str, Any], found: Resources) -> FhirEntry:
    what = concept(resource, "medicationCodeableConcept")
    if not what[0]:
        named = found.resolve(part(resource, "medicationReference", dict))
        what = concept(named, "code") if named else what
    if resource["resourceType"] == "MedicationRequest":
        dates = (fhir_time(resource, "authoredOn"), None)
        validity = (part(resource, "dispenseRequest", dict) or {}).get("validityPeriod")
        if not dates[0] and isinstance(validity, dict):
            dates = period(
                {"resourceType": "MedicationRequest", "validityPeriod": validity}, "validity"
            )
    else:
        dates = period(resource, "effective")
    fact = _fact("medication", resource, what, dates)
    intent = _code(resource, "intent")
    fact.planned = fact.planned or intent in _PLANNED
    return fact


def _observation(resource: dict[str, Any], found: Resources) -> FhirEntry:
    categories = part(resource, "category", list) or []
    vital = any(isinstance(c, dict) and "vital-signs" in str(c.get("coding")) for c in categories)
    fact = _fact(
        "vital sign" if vital else "result",
        resource,
        concept(resource, "code"),
        period(resource, "effective"),
    )
    fact.value = observed(resource)
    fact.finding = genomic_finding(resource)
    return fact


def genomic_finding(resource: dict[str, Any]) -> str:
    """A genomic variant observation in the words a report would use: "KRAS p.G12C
    detected", "BRCA1 not detected" ("" when it names no gene)."""
    parts: dict[str, str] = {}
    for component in part(resource, "component", list) or []:
        if isinstance(component, dict):
            code = concept(component | {"resourceType": "component"}, "code")[1]
            parts[code] = _value(component)
    gene = parts.get(GENE_STUDIED, "")
    if not gene:
        return ""
    said = _value(resource).casefold()
    if concept(resource, "valueCodeableConcept")[1] == ABSENT or said in ("absent", "negative"):
        return f"{gene} not detected"
    change = " ".join(parts[c] for c in VARIANT_PARTS if parts.get(c))
    return f"{gene} {change} detected".replace("  ", " ")


def observed(resource: dict[str, Any]) -> str:
    """An observation's value in words, with its parts (a genomic finding's gene and
    variant): "4.2 U/mL", "Positive", "Gene studied: BRCA1; Variant: c.68_69del"."""
    said = _value(resource)
    parts = []
    for component in part(resource, "component", list) or []:
        if isinstance(component, dict):
            label = concept(component | {"resourceType": "component"}, "code")[0]
            parts.append(f"{label}: {_value(component)}" if label else _value(component))
    return "; ".join(p for p in [said, *parts] if p.strip(": "))


def _value(holder: dict[str, Any]) -> str:
    quantity = holder.get("valueQuantity")
    if isinstance(quantity, dict):
        unit = quantity.get("unit") or quantity.get("code") or ""
        comparator = quantity.get("comparator") or ""
        number = quantity.get("value", "")
        number = f"{number:.6g}" if isinstance(number, float) else number
        return f"{comparator}{number} {unit}".strip()
    coded = holder.get("valueCodeableConcept")
    if isinstance(coded, dict):
        return concept({"resourceType": "value", "v": coded}, "v")[0]
    for key in ("valueString", "valueInteger", "valueBoolean", "valueDateTime"):
        if key in holder and not isinstance(holder[key], (dict, list)):
            return str(holder[key])
    return ""


def _procedure(resource: dict[str, Any], found: Resources) -> FhirEntry:
    return _fact("procedure", resource, concept(resource, "code"), period(resource, "performed"))


def _encounter(resource: dict[str, Any], found: Resources) -> FhirEntry:
    visit = part(resource, "class", dict) or {}
    what = concept(resource, "type")
    if not what[0]:
        what = (str(visit.get("display") or visit.get("code") or "Visit"), "", "")
    fact = _fact("encounter", resource, what, period(resource, "period"))
    fact.inpatient = visit.get("code") in _HOSPITAL_STAY
    return fact


_READERS = {
    "Condition": _condition,
    "MedicationRequest": _medication,
    "MedicationStatement": _medication,
    "MedicationAdministration": _medication,
    "Observation": _observation,
    "Procedure": _procedure,
    "Encounter": _encounter,
}
