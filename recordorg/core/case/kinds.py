"""The kinds of case-review entry, their fields in the user's words, and checking values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from recordorg.core.catalogue.editing import valid_date
from recordorg.core.errors import UserError

STATUSES = ("suggested", "confirmed", "rejected")
STATUS_WORDS = {
    "suggested": "suggested by recordorg, not yet confirmed",
    "confirmed": "confirmed",
    "rejected": "rejected",
}
UNCONFIRMED_MARK = "UNCONFIRMED"  # how every output marks a fact nobody has confirmed

RESPONSES = {
    "CR": "complete response",
    "PR": "partial response",
    "SD": "stable disease",
    "PD": "progressive disease",
    "NE": "not evaluable",
}
EVENT_TYPES = ("admission", "lab result", "trial enrolment", "other")


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entry: its column, its label and what values it takes."""

    name: str
    label: str
    type: str = "text"  # text, date, int, float, bool, choice, record
    choices: tuple[str, ...] = ()

    @property
    def option(self) -> str:
        """The command-line option for this field, e.g. --start-date."""
        return "--" + self.name.replace("_", "-")


@dataclass(frozen=True)
class KindSpec:
    """One kind of entry: its details table, names, fields and how it is dated."""

    kind: str
    table: str
    label: str
    plural: str
    fields: tuple[FieldSpec, ...]
    start: str | None = None  # the field that dates it (or starts it)
    end: str | None = None  # the field that ends it, for things that last
    summary: Callable[[dict[str, Any]], str] = lambda f: ""

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        known = ", ".join(f.name for f in self.fields)
        raise UserError(f'A {self.label.lower()} has no field "{name}"; its fields are: {known}.')


def _join(*parts: Any, sep: str = ", ") -> str:
    return sep.join(str(p) for p in parts if p not in (None, ""))


def _line_summary(f: dict[str, Any]) -> str:
    head = f"Line {f['line_number']}" if f.get("line_number") else "Treatment line"
    response = f" (best response {f['best_response']})" if f.get("best_response") else ""
    return f"{head}: {f.get('regimen') or 'regimen not given'}{response}"


def _radiotherapy_summary(f: dict[str, Any]) -> str:
    dose = f"{f['dose_gy']:g} Gy" if f.get("dose_gy") is not None else ""
    count = f.get("fractions")
    fractions = f"in {count} fraction{'' if count == 1 else 's'}" if count else ""
    return _join(f.get("site") or "Radiotherapy", _join(dose, fractions, sep=" "))


F = FieldSpec
KINDS: dict[str, KindSpec] = {
    spec.kind: spec
    for spec in [
        KindSpec(
            "diagnosis",
            "case_diagnoses",
            "Diagnosis",
            "Diagnoses",
            (
                F("primary_site", "Primary site"),
                F("histology", "Histology"),
                F("diagnosed_on", "Date of diagnosis", "date"),
                F("stage_at_diagnosis", "Stage at diagnosis"),
                F("stage_now", "Stage now"),
            ),
            start="diagnosed_on",
            summary=lambda f: (
                _join(
                    _join(
                        f.get("histology") or ("cancer" if f.get("primary_site") else ""),
                        f.get("primary_site"),
                        sep=" of the ",
                    ),
                    f"stage {f['stage_at_diagnosis']} at diagnosis"
                    if f.get("stage_at_diagnosis")
                    else "",
                    f"stage {f['stage_now']} now" if f.get("stage_now") else "",
                )
                or "Diagnosis"
            ),
        ),
        KindSpec(
            "metastasis",
            "case_metastatic_sites",
            "Metastatic site",
            "Metastatic sites",
            (
                F("site", "Site"),
                F("first_seen", "First seen", "date"),
                F("diagnosis_id", "Of diagnosis (entry number)", "int"),
            ),
            start="first_seen",
            summary=lambda f: f"Metastasis: {f.get('site') or 'site not given'}",
        ),
        KindSpec(
            "biomarker",
            "case_biomarkers",
            "Biomarker result",
            "Biomarker results",
            (
                F("marker", "Marker"),
                F("result", "Result"),
                F("method", "Method or assay"),
                F("specimen_date", "Specimen date", "date"),
                F("lab", "Laboratory"),
            ),
            start="specimen_date",
            summary=lambda f: _join(
                f"{f.get('marker') or 'Marker'}: {f.get('result') or 'result not given'}",
                f"({f['method']})" if f.get("method") else "",
                sep=" ",
            ),
        ),
        KindSpec(
            "treatment_line",
            "case_treatment_lines",
            "Treatment line",
            "Treatment lines",
            (
                F("line_number", "Line", "int"),
                F("intent", "Intent"),
                F("regimen", "Regimen"),
                F("start_date", "Start date", "date"),
                F("end_date", "End date", "date"),
                F("ongoing", "Ongoing", "bool"),
                F("cycles", "Cycles", "int"),
                F("best_response", "Best response", "choice", ("",) + tuple(RESPONSES)),
                F("reason_stopped", "Reason stopped"),
            ),
            start="start_date",
            end="end_date",
            summary=_line_summary,
        ),
        KindSpec(
            "procedure",
            "case_procedures",
            "Procedure or surgery",
            "Procedures and surgery",
            (
                F("name", "Procedure"),
                F("performed_on", "Date", "date"),
                F("site", "Site"),
                F("outcome", "Outcome"),
            ),
            start="performed_on",
            summary=lambda f: _join(f.get("name") or "Procedure", f.get("site")),
        ),
        KindSpec(
            "radiotherapy",
            "case_radiotherapy",
            "Radiotherapy course",
            "Radiotherapy courses",
            (
                F("site", "Site"),
                F("dose_gy", "Dose (Gy)", "float"),
                F("fractions", "Fractions", "int"),
                F("start_date", "Start date", "date"),
                F("end_date", "End date", "date"),
                F("intent", "Intent"),
            ),
            start="start_date",
            end="end_date",
            summary=_radiotherapy_summary,
        ),
        KindSpec(
            "imaging",
            "case_imaging",
            "Imaging study",
            "Imaging studies",
            (
                F("modality", "Modality"),
                F("region", "Body region"),
                F("study_date", "Date", "date"),
                F("finding", "Finding"),
                F("study_record_id", "Images (record number)", "record"),
                F("report_record_id", "Report (record number)", "record"),
            ),
            start="study_date",
            summary=lambda f: _join(
                _join(f.get("modality"), f.get("region"), sep=" ") or "Imaging",
                f.get("finding"),
                sep=": ",
            ),
        ),
        KindSpec(
            "event",
            "case_events",
            "Other event",
            "Other events",
            (
                F("event_type", "Type", "choice", EVENT_TYPES),
                F("title", "What happened"),
                F("start_date", "Date", "date"),
                F("end_date", "Until", "date"),
                F("detail", "Details"),
            ),
            start="start_date",
            end="end_date",
            summary=lambda f: f.get("title") or f.get("event_type") or "Event",
        ),
        KindSpec(
            "question",
            "case_questions",
            "Question for the reviewer",
            "Question for the reviewer",
            (F("question", "Question"),),
            summary=lambda f: f.get("question") or "",
        ),
    ]
}


def kind_spec(kind: str) -> KindSpec:
    """The spec of a kind, accepting the user's words ("treatment line", "biomarkers")."""
    key = kind.strip().lower().replace("-", "_").replace(" ", "_")
    for spec in KINDS.values():
        if key in (spec.kind, spec.kind + "s", spec.label.lower().replace(" ", "_")):
            return spec
    if key in ("line", "treatment", "lines", "biomarkers", "diagnoses", "metastatic_site"):
        return KINDS[
            {
                "line": "treatment_line",
                "treatment": "treatment_line",
                "lines": "treatment_line",
                "biomarkers": "biomarker",
                "diagnoses": "diagnosis",
                "metastatic_site": "metastasis",
            }[key]
        ]
    raise UserError(f'"{kind}" is not a kind of entry; the kinds are: {", ".join(KINDS)}.')


def clean_value(spec: FieldSpec, value: Any) -> Any:
    """A field's value as stored, from what a person typed; UserError when it cannot be."""
    if isinstance(value, str):
        value = value.strip()
    if spec.type == "text":
        return "" if value is None else " ".join(str(value).split())
    if value in (None, ""):
        if spec.type == "choice":
            return "" if "" in spec.choices else spec.choices[-1]
        return False if spec.type == "bool" else None
    if spec.type not in _CLEANERS:
        raise AssertionError(f"unknown field type {spec.type}")
    return _CLEANERS[spec.type](spec, value)


def _whole_number(spec: FieldSpec, value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise UserError(f'{spec.label} must be a whole number, not "{value}".') from None


def _number(spec: FieldSpec, value: Any) -> float:
    try:
        return float(str(value).replace(",", ".").removesuffix("Gy").strip())
    except ValueError:
        raise UserError(f'{spec.label} must be a number, not "{value}".') from None


def _yes_or_no(spec: FieldSpec, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).lower()
    if text in ("1", "yes", "true", "y", "ongoing"):
        return True
    if text in ("0", "no", "false", "n"):
        return False
    raise UserError(f'{spec.label} must be yes or no, not "{value}".')


def _choice(spec: FieldSpec, value: Any) -> str:
    text = str(value)
    for choice in spec.choices:
        if text.lower() == choice.lower() or text.lower() == RESPONSES.get(choice, "-"):
            return choice
    allowed = ", ".join(c for c in spec.choices if c)
    raise UserError(f'{spec.label} must be one of {allowed}, not "{value}".')


_CLEANERS: dict[str, Callable[[FieldSpec, Any], Any]] = {
    "date": lambda spec, value: valid_date(str(value)),
    "int": _whole_number,
    "record": _whole_number,
    "float": _number,
    "bool": _yes_or_no,
    "choice": _choice,
}


def clean_fields(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """Check and convert every given field of an entry of this kind."""
    spec = KINDS[kind]
    return {name: clean_value(spec.field(name), value) for name, value in values.items()}
