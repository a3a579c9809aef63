"""Small values of a clinical document (CDA): its times with their precision, codes with
their vocabulary, names of people and organisations."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from recordorg.formats.ccda_narrative import local_name, tidy

V3 = "{urn:hl7-org:v3}"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
# Vocabularies by their OID, in the user's words.
CODE_SYSTEMS = {
    "2.16.840.1.113883.6.96": "SNOMED CT",
    "2.16.840.1.113883.6.90": "ICD-10-CM",
    "2.16.840.1.113883.6.3": "ICD-10",
    "2.16.840.1.113883.6.4": "ICD-10-PCS",
    "2.16.840.1.113883.6.103": "ICD-9-CM",
    "2.16.840.1.113883.6.104": "ICD-9-CM procedures",
    "2.16.840.1.113883.6.88": "RxNorm",
    "2.16.840.1.113883.6.1": "LOINC",
    "2.16.840.1.113883.6.12": "CPT",
    "2.16.840.1.113883.6.285": "HCPCS",
    "2.16.840.1.113883.12.292": "CVX",
    "2.16.840.1.113883.6.73": "ATC",
    "2.16.840.1.113883.6.69": "NDC",
}
_TS = re.compile(r"^(\d{4})(\d{2})?(\d{2})?")


@dataclass(frozen=True)
class CdaTime:
    """A CDA time (20120915, 201209, 2012) as an ISO start, its precision and its last day."""

    value: str  # ISO start: "2012-09-15", "2012-09-01", "2012-01-01"
    precision: str  # "day", "month" or "year"
    last_day: str  # the last day the time can mean

    @property
    def written(self) -> str:
        """As precise as it was written: "2012", "2012-09" or "2012-09-15"."""
        return {"year": self.value[:4], "month": self.value[:7]}.get(self.precision, self.value)


def parse_time(text: str | None) -> CdaTime | None:
    """A CDA timestamp read with its precision; None when absent or not a date."""
    match = _TS.match((text or "").strip())
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3)
    try:
        y, m = int(year), int(month or 1)
        last = calendar.monthrange(y, m)[1] if 1 <= m <= 12 else 0
        if not last or not 1800 <= y <= 2200:
            return None
        if day:
            if not 1 <= int(day) <= last:
                return None
            iso = f"{year}-{month}-{day}"
            return CdaTime(iso, "day", iso)
        if month:
            return CdaTime(f"{year}-{month}-01", "month", f"{year}-{month}-{last:02d}")
        return CdaTime(f"{year}-01-01", "year", f"{year}-12-31")
    except ValueError:
        return None


def child(element: Any, *path: str) -> Any:
    """The first element down a path of names in the CDA namespace, or None."""
    for name in path:
        if element is None:
            return None
        element = element.find(V3 + name)
    return element


def children(element: Any, name: str) -> list[Any]:
    return [] if element is None else element.findall(V3 + name)


def text_of(element: Any) -> str:
    """All the words of an element, spaces tidied ("" for None)."""
    if element is None:
        return ""
    return tidy(" ".join(element.itertext())).replace("\n", " ")


def time_range(element: Any) -> tuple[CdaTime | None, CdaTime | None]:
    """The start and end of an effectiveTime: a point (value) or an interval (low, high)."""
    if element is None:
        return None, None
    point = parse_time(element.get("value"))
    if point is not None:
        return point, None
    low, high, center = (_point(child(element, name)) for name in ("low", "high", "center"))
    return (low or center), high


def _point(element: Any) -> CdaTime | None:
    return None if element is None else parse_time(element.get("value"))


def person_name(element: Any) -> str:
    """A CDA name (given, family) as people write it: "Isabella Isa Jones"."""
    if element is None:
        return ""
    parts = [text_of(p) for p in element if local_name(p.tag) in ("prefix", "given", "family")]
    parts = [p for p in parts if p]
    return " ".join(parts) if parts else text_of(element)


def code_system(oid: str | None, name: str | None = None) -> str:
    return CODE_SYSTEMS.get(oid or "", name or oid or "")


def typed(element: Any) -> str:
    """The xsi:type of an element ("PQ", "CD", "IVL_TS"), without any prefix."""
    return (element.get(XSI_TYPE) or "").rsplit(":", 1)[-1] if element is not None else ""
