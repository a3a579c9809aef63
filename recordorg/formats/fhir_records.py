"""A FHIR file as one readable clinical record: the patient, then a few pages (problems,
medicines, procedures, visits, one page per report, a results table per test, imaging
studies, documents), however many thousand resources it holds; its coded facts kept for
the case review, each naming its resource."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from recordorg.formats.ccda import ClinicalDocument, Section
from recordorg.formats.ccda_narrative import Block
from recordorg.formats.fhir_attachments import attachments_of, text_blocks
from recordorg.formats.fhir_entries import MEDICATIONS, FhirEntry, entry_of, when
from recordorg.formats.fhir_read import Resources, concept, fhir_time, part, period

LISTS = (
    ("Problems", ("Condition",)),
    ("Medicines", MEDICATIONS),
    ("Procedures", ("Procedure",)),
    ("Visits and stays", ("Encounter",)),
)
_HEAD = ["What", "Code", "When", "Value or status"]


def fhir_document(found: Resources) -> tuple[ClinicalDocument, dict[str, Any]]:
    """The file as a clinical document (header, sections, coded entries) and what else the
    record keeps (imaging studies by UID, attachments, counts of resources by kind)."""
    patient = next((r for r in found.items if r["resourceType"] == "Patient"), None)
    document = ClinicalDocument(
        title=_title(found),
        kind=f"FHIR health record: {found.container}",
        written=fhir_time({"resourceType": "Bundle"}, "timestamp", found.written or None),
        patient=patient_of(patient) if patient else {},
    )
    _composition(found, document)
    entries = {id(r): entry_of(r, found) for r in found.items}
    for title, kinds in LISTS:
        chosen = [e for r in found.items if r["resourceType"] in kinds if (e := entries[id(r)])]
        _add(document, title, chosen, _list_blocks(chosen) if chosen else [])
    in_reports = _reports(found, entries, document)
    results = [(r, e) for r in found.items if r["resourceType"] == "Observation"
               if (e := entries[id(r)])]  # fmt: skip
    loose = [e for r, e in results if id(r) not in in_reports]  # cited here, not in a report
    every = [e for _, e in results]  # each test's results over time, reports' ones too
    _add(document, "Results by test", loose, _result_blocks(every) if every else [])
    extra = _studies_and_documents(found, document)
    _dates(document)
    counts = Counter(r["resourceType"] for r in found.items)
    extra["resources"] = dict(counts)
    return document, extra


def _title(found: Resources) -> str:
    composition = next((r for r in found.items if r["resourceType"] == "Composition"), None)
    if composition and isinstance(composition.get("title"), str):
        return composition["title"]
    return "Health record download (FHIR)"  # the patient is named in the header only


def person_name(person: dict[str, Any]) -> str:
    """A Patient's or Practitioner's name as people write it (the official one first); an
    Organization's name."""
    if isinstance(person.get("name"), str):
        return " ".join(person["name"].split())
    names = [n for n in part(person, "name", list) or [] if isinstance(n, dict)]
    chosen = next((n for n in names if n.get("use") == "official"), names[0] if names else {})
    words = chosen.get("text") or " ".join(
        [*(g for g in chosen.get("given") or [] if isinstance(g, str)), chosen.get("family") or ""]
    )
    return " ".join(str(words).split())


def _composition(found: Resources, document: ClinicalDocument) -> None:
    """A document bundle's Composition: its type (a LOINC document code), date, author and
    custodian."""
    composition = next((r for r in found.items if r["resourceType"] == "Composition"), None)
    if composition is None:
        return
    name, code, system = concept(composition, "type")
    if system == "LOINC":
        document.kind, document.kind_code = name or document.kind, code
    document.written = fhir_time(composition, "date") or document.written
    authors = [found.resolve(a) for a in part(composition, "author", list) or []]
    document.author = next((person_name(a) for a in authors if a), "")
    custodian = found.resolve(part(composition, "custodian", dict))
    document.organisation = person_name(custodian) if custodian else ""


def patient_of(patient: dict[str, Any]) -> dict[str, Any]:
    """A Patient as the identity a record names: name, birth date, sex, identifiers."""
    born = fhir_time(patient, "birthDate")
    identifiers = [
        {"root": str(i.get("system") or ""), "extension": str(i.get("value") or "")}
        for i in part(patient, "identifier", list) or []
        if isinstance(i, dict) and i.get("value")
    ]
    return {
        "name": person_name(patient),
        "birth_date": born.value if born and born.precision == "day" else "",
        "sex": {"female": "F", "male": "M"}.get(str(patient.get("gender") or ""), ""),
        "identifiers": identifiers,
    }


def _add(
    document: ClinicalDocument, title: str, entries: list[FhirEntry], blocks: list[Block]
) -> None:
    """A section (when it shows anything), citing the entries it holds."""
    if not blocks:
        return
    page = len(document.sections) + 1
    for number, entry in enumerate(entries, 1):
        entry.section, entry.entry, entry.page = title, number, page
    document.entries += entries
    document.sections.append(Section(title, "", blocks, page))


def _row(entry: FhirEntry) -> list[str]:
    code = " ".join(p for p in (entry.system, entry.code) if p)
    return [entry.name, code, when(entry), entry.value or entry.status]


def _list_blocks(entries: list[FhirEntry]) -> list[Block]:
    rows = sorted((_row(e) for e in entries), key=lambda row: row[2])
    return [Block("table", rows=[_HEAD, *rows], header_rows=1)]


def _result_blocks(entries: list[FhirEntry]) -> list[Block]:
    """One table per test, its results in date order."""
    tests: dict[tuple[str, str], list[FhirEntry]] = defaultdict(list)
    for entry in entries:
        tests[(entry.code or entry.name, entry.name)].append(entry)
    blocks = []
    for (_, name), found in sorted(tests.items(), key=lambda item: item[0][1].casefold()):
        code = " ".join(p for p in (found[0].system, found[0].code) if p)
        blocks.append(Block("paragraph", f"{name}{f' ({code})' if code else ''}"))
        rows = sorted(([when(e), e.value or e.status] for e in found), key=lambda r: r[0])
        blocks.append(Block("table", rows=[["When", "Result"], *rows], header_rows=1))
    return blocks


def _reports(found: Resources, entries: dict[int, Any], document: ClinicalDocument) -> set[int]:
    """One page per DiagnosticReport: its conclusion, its results, its attached text."""
    used: set[int] = set()
    for report in (r for r in found.items if r["resourceType"] == "DiagnosticReport"):
        name = concept(report, "code")[0] or "Report"
        start, _ = period(report, "effective")
        title = f"{name}, {start.written}" if start else name
        results = [found.resolve(ref) for ref in part(report, "result", list) or []]
        results = [r for r in results if r and r["resourceType"] == "Observation"]
        used |= {id(r) for r in results}
        facts = [entries[id(r)] for r in results if entries.get(id(r))]
        blocks = [Block("paragraph", f"Status: {report.get('status') or 'not stated'}")]
        if isinstance(report.get("conclusion"), str):
            blocks.append(Block("paragraph", report["conclusion"]))
        if facts:
            blocks += _list_blocks(facts)
        blocks += text_blocks(report, "presentedForm")
        page = len(document.sections) + 1
        for number, fact in enumerate(facts, 1):
            fact.section, fact.entry, fact.page = title, number, page
        document.entries += facts
        document.sections.append(Section(title, "", blocks, page))
    return used


def _studies_and_documents(found: Resources, document: ClinicalDocument) -> dict[str, Any]:
    studies, rows = [], []
    for study in (r for r in found.items if r["resourceType"] == "ImagingStudy"):
        uid = next(
            (
                str(i.get("value", "")).removeprefix("urn:oid:")
                for i in part(study, "identifier", list) or []
                if isinstance(i, dict) and i.get("system") == "urn:dicom:uid"
            ),
            "",
        )
        started = fhir_time(study, "started")
        description = str(study.get("description") or "Imaging study")
        modalities = ", ".join(
            str(m.get("code", ""))
            for m in part(study, "modality", list) or []
            if isinstance(m, dict)
        )
        studies.append(
            {
                "study_instance_uid": uid,
                "description": description,
                "started": started.written if started else "",
            }
        )
        rows.append([description, modalities, started.written if started else "", uid])
    if rows:
        head = ["Study", "Modality", "When", "Study Instance UID"]
        blocks = [Block("table", rows=[head, *rows], header_rows=1)]
        document.sections.append(Section("Imaging studies", "", blocks, len(document.sections) + 1))
    attachments, blocks = attachments_of(found)
    if blocks:
        document.sections.append(Section("Documents", "", blocks, len(document.sections) + 1))
    return {"imaging_studies": studies, "attachments": attachments}


def _dates(document: ClinicalDocument) -> None:
    """The period the facts span; a long history is dated by its latest fact."""
    dated = [e for e in document.entries if e.start]
    if not dated:
        return
    first = min(dated, key=lambda e: e.start)
    last = max(dated, key=lambda e: e.end or e.start)
    document.service_start = fhir_time({"resourceType": "entry"}, "start", first.start[:10])
    if first.precision != "day":
        document.service_start = fhir_time(
            {"resourceType": "entry"}, "start", first.start[: 4 if first.precision == "year" else 7]
        )
    end_day = last.end or last.start
    document.service_end = fhir_time({"resourceType": "entry"}, "end", end_day)
    if document.written is None:
        document.written = document.service_end
