"""Health records as FHIR R4 JSON (a Bundle of any type, a single resource, or NDJSON with
one resource a line), read with the standard library and checked enough to say plainly
what is wrong with a file instead of importing half of it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from recordorg.formats.ccda_values import CdaTime, parse_time
from recordorg.formats.extracted import UnreadableFile

FHIR_MIME = "application/fhir+json"
MAX_FHIR_BYTES = 60_000_000  # read whole, a file this size needs about 1 GB of memory
MAX_DEPTH = 4  # bundles inside bundles
_TYPE_NAME = re.compile(r"^[A-Z][A-Za-z]{1,63}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$")
# Vocabularies by their FHIR system address, in the user's words.
SYSTEMS = {
    "http://snomed.info/sct": "SNOMED CT",
    "http://loinc.org": "LOINC",
    "http://www.nlm.nih.gov/research/umls/rxnorm": "RxNorm",
    "http://hl7.org/fhir/sid/icd-10": "ICD-10",
    "http://hl7.org/fhir/sid/icd-10-cm": "ICD-10-CM",
    "http://hl7.org/fhir/sid/icd-9-cm": "ICD-9-CM",
    "http://www.whocc.no/atc": "ATC",
    "http://hl7.org/fhir/sid/cvx": "CVX",
    "http://hl7.org/fhir/sid/ndc": "NDC",
    "http://www.ama-assn.org/go/cpt": "CPT",
}
_PREFERRED = ("ICD-10", "ICD-10-CM", "SNOMED CT", "LOINC", "RxNorm", "ATC")


@dataclass
class Resources:
    """The resources a file holds, in order, and how references find them."""

    container: str  # "Bundle (transaction)", "resource", "NDJSON"
    items: list[dict[str, Any]] = field(default_factory=list)
    by_reference: dict[str, dict[str, Any]] = field(default_factory=dict)
    written: str = ""  # the bundle's timestamp, if it states one

    def resolve(self, reference: Any) -> dict[str, Any] | None:
        """The resource a Reference points at within the file (None if elsewhere)."""
        if isinstance(reference, dict):
            reference = reference.get("reference")
        if not isinstance(reference, str):
            return None
        return self.by_reference.get(reference) or self.by_reference.get(
            "/".join(reference.rsplit("/", 2)[-2:])
        )


def looks_like_fhir(text: str) -> bool:
    """True if a text (the start of a file) opens a JSON object naming a resourceType."""
    start = text.lstrip("\ufeff \t\r\n")
    return start.startswith("{") and '"resourceType"' in start


def read_resources(data: bytes) -> Resources:
    """Every resource of a FHIR JSON file; raises UnreadableFile with the reason when the
    file is not valid JSON or holds something that is not a FHIR resource."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile("This health record file (FHIR) is not UTF-8 text.") from None
    try:
        whole = json.loads(text)
    except json.JSONDecodeError as error:
        lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
        if len(lines) < 2:
            raise UnreadableFile(_not_json(error)) from None
        return _ndjson(lines)
    found = Resources(_container(whole))
    _collect(whole, found, 0)
    return found


def _not_json(error: json.JSONDecodeError, line: int | None = None) -> str:
    where = f"line {line}" if line else f"line {error.lineno}, column {error.colno}"
    return f"This health record file (FHIR) is not valid JSON: {error.msg} ({where})."


def _ndjson(lines: list[tuple[int, str]]) -> Resources:
    found = Resources("NDJSON (one resource a line)")
    for number, line in lines:
        try:
            resource = json.loads(line)
        except json.JSONDecodeError as error:
            raise UnreadableFile(_not_json(error, number)) from None
        _collect(resource, found, 0)
    return found


def _container(whole: Any) -> str:
    if isinstance(whole, dict) and whole.get("resourceType") == "Bundle":
        return f"Bundle ({whole.get('type') or 'no type'})"
    return "resource"


def _collect(resource: Any, found: Resources, depth: int, full_url: str = "") -> None:
    kind = _checked(resource)
    if kind == "Bundle":
        if depth >= MAX_DEPTH:
            raise UnreadableFile("This health record file (FHIR) nests bundles too deeply.")
        found.written = found.written or _text(resource, "timestamp")
        entries = resource.get("entry")
        entries = [] if entries is None else entries
        if not isinstance(entries, list):
            raise UnreadableFile("The bundle's 'entry' is not a list.")
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, dict):
                raise UnreadableFile(f"Entry {number} of the bundle is not an object.")
            if "resource" in entry:  # a deletion or a response carries none
                _collect(entry["resource"], found, depth + 1, _text(entry, "fullUrl"))
        return
    found.items.append(resource)
    ident = _text(resource, "id")
    if ident:
        found.by_reference[f"{kind}/{ident}"] = resource
    if full_url:
        found.by_reference[full_url] = resource
    for inner in resource.get("contained") or []:
        if isinstance(inner, dict) and isinstance(inner.get("id"), str):
            found.by_reference["#" + inner["id"]] = inner


def _checked(resource: Any) -> str:
    if not isinstance(resource, dict):
        raise UnreadableFile(
            "This health record file (FHIR) holds something that is not a resource."
        )
    kind = resource.get("resourceType")
    if not isinstance(kind, str) or not _TYPE_NAME.match(kind):
        raise UnreadableFile(
            "This health record file (FHIR) holds an object without a valid resourceType."
        )
    if "id" in resource and not isinstance(resource["id"], str):
        raise UnreadableFile(f"A {kind} in this file has an id that is not text.")
    return kind


def name_of(resource: dict[str, Any]) -> str:
    """How a resource is referred to in a reason: "Observation/abc"."""
    return f"{resource.get('resourceType')}/{resource.get('id') or '(no id)'}"


def _text(holder: dict[str, Any], key: str) -> str:
    value = holder.get(key)
    return value if isinstance(value, str) else ""


def part(resource: dict[str, Any], key: str, kind: type, default: Any = None) -> Any:
    """A field of a resource, checked to be of the kind FHIR says (else the file fails)."""
    value = resource.get(key, default)
    if value is default or isinstance(value, kind):
        return value
    raise UnreadableFile(
        f"{name_of(resource)}: '{key}' is not {_KIND_WORDS.get(kind, 'of the right kind')}."
    )


_KIND_WORDS = {dict: "an object", list: "a list", str: "text", bool: "true or false"}


def fhir_time(resource: dict[str, Any], key: str, value: Any = None) -> CdaTime | None:
    """A FHIR date or dateTime ("2023", "2023-03", "2023-03-15T10:00:00Z") with its
    precision; a value that is not a date fails the file with the reason."""
    value = resource.get(key) if value is None else value
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise UnreadableFile(f"{name_of(resource)}: '{key}' is not a date ({value!r}).")
    found = parse_time(value[:10].replace("-", ""))
    if found is None:
        raise UnreadableFile(f"{name_of(resource)}: '{key}' is not a date ({value!r}).")
    return found


def period(resource: dict[str, Any], prefix: str) -> tuple[CdaTime | None, CdaTime | None]:
    """The start and end of `<prefix>DateTime` or `<prefix>Period` (or `<prefix>Date`)."""
    for suffix in ("DateTime", "Date", "Instant", ""):
        if f"{prefix}{suffix}" in resource and isinstance(resource[f"{prefix}{suffix}"], str):
            return fhir_time(resource, f"{prefix}{suffix}"), None
    span = part(resource, f"{prefix}Period", dict) or (
        part(resource, prefix, dict) if prefix == "period" else None
    )
    if span:
        return fhir_time(resource, "start", span.get("start")), fhir_time(
            resource, "end", span.get("end")
        )
    return None, None


def concept(resource: dict[str, Any], key: str) -> tuple[str, str, str]:
    """A CodeableConcept's words, code and vocabulary (ICD-10, SNOMED CT, LOINC preferred)."""
    value = part(resource, key, (dict, list))
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, dict)), None)
    if not value:
        return "", "", ""
    codings = [c for c in value.get("coding") or [] if isinstance(c, dict)]
    named = [(SYSTEMS.get(_text(c, "system"), _text(c, "system")), c) for c in codings]
    named.sort(key=lambda pair: _rank(pair[0]))
    system, coding = named[0] if named else ("", {})
    words = _text(value, "text") or next(
        (_text(c, "display") for c in codings if _text(c, "display")), ""
    )
    return " ".join(words.split()), _text(coding, "code"), system


def _rank(system: str) -> int:
    return _PREFERRED.index(system) if system in _PREFERRED else len(_PREFERRED)
