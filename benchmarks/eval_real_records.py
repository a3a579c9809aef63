"""Evaluation: dates, categories and case suggestions on public clinical text not written here.

Run: python3 benchmarks/eval_real_records.py [--corpora ../shared/corpora] [--no-photos] [-v]
(--all-photos photographs every document, to measure reading through OCR; about 3 minutes)

The documents are HL7's published C-CDA examples (whole documents and narrative-rich section
examples) and encounters of the Synthea FHIR sample patients, both in ../shared/corpora (see
its README), plus a clearly marked second set of short German, French, Spanish and Italian
letters written here (the corpora are English). Each is rendered to a PDF page (a few to a
photographed page read by Tesseract), imported into a fresh temporary library by the import
job as `recordorg import` does, read by OCR as `recordorg ocr` does, and case suggestions made
as `recordorg case suggest` does. The results are compared with the truth labelled by hand in
benchmarks/data/real_records_truth.json (never derived from the program's output).

It prints: clinical date right (%), how often a date of birth, the import day or a file date
was chosen while the text had a date, category accuracy (filed, and suggested) overall, for
the public English corpora, the non-English letters and the photographed pages, how often a
category filed without asking is right, and case-suggestion precision and recall per kind.
A held-out set, labelled after the program was last changed for this benchmark, is also
reported on its own: it is the fairer figure, since the rest were read while the rules grew.
A second held-out set, labelled blind later (before the program read it), is reported apart
again, and a third to an eighth after that, so that each batch says how the program did on
documents nobody had tuned it for.
The examples that are whole C-CDA documents are then imported again as a portal sends them,
the XML itself, and reported apart: no page of theirs is rendered here.
Targets: date right >= 95% (birth, import day, file date never); category >= 90%; case
suggestions precision >= 0.95 and recall >= 0.85 for each kind. -v says what went wrong where.
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import defusedxml.ElementTree as SafeXml  # noqa: E402
from fpdf import FPDF  # noqa: E402
from PIL import ImageFilter  # noqa: E402

from recordorg.core.understanding.date_words import plain  # noqa: E402
from recordorg.core.wording import source_is_file_date  # noqa: E402

TRUTH = ROOT / "benchmarks" / "data" / "real_records_truth.json"
HELD_OUT = {
    "held_out": "held out (labelled before the program read them)",
    "held_out_2": "held out, second batch (labelled blind, before the program read them)",
    "held_out_3": "held out, third batch (labelled blind, before the program read them)",
    "held_out_4": "held out, fourth batch (labelled blind, before the program read them)",
    "held_out_5": "held out, fifth batch (labelled blind, before the program read them)",
    "held_out_6": "held out, sixth batch (labelled blind, before the program read them)",
    "held_out_7": "held out, seventh batch (labelled blind, before the program read them)",
    "held_out_8": "held out, eighth batch (labelled blind, before the program read them)",
}
KINDS = ("biomarker", "treatment_line", "procedure", "radiotherapy", "diagnosis", "metastasis")
MONTHS = "January February March April May June July August September October November December"
WRAP = (
    '<wrap xmlns="urn:hl7-org:v3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:sdtc="urn:hl7-org:sdtc" xmlns:voc="urn:hl7-org:v3/voc">{}</wrap>'
)

# ---------------------------------------------------------------- C-CDA narrative to text


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _narrative(element: Any, out: list[str]) -> None:
    """The human-readable text of a section, one table row or paragraph a line."""
    tag = _local(element.tag)
    if tag == "tr":
        cells = [" ".join("".join(c.itertext()).split()) for c in element]
        out.append("\n" + " | ".join(c for c in cells if c) + "\n")
    else:
        if tag in ("paragraph", "item", "caption", "br", "list", "table"):
            out.append("\n")
        out.append(element.text or "")
        for child in element:
            _narrative(child, out)
        if tag in ("paragraph", "item", "caption"):
            out.append("\n")
    out.append(element.tail or "")


def _child(element: Any, *names: str) -> Any:
    for name in names:
        if element is None:
            return None
        element = next((c for c in element if _local(c.tag) == name), None)
    return element


def _hl7_day(value: str | None) -> str:
    """An HL7 timestamp as a reader sees it on the rendered page ("September 16, 2012")."""
    if not value or len(value) < 8:
        return ""
    month = MONTHS.split()[int(value[4:6]) - 1]
    return f"{month} {int(value[6:8])}, {value[:4]}"


def _period(element: Any) -> str:
    if element is None:
        return ""
    low, high = _child(element, "low"), _child(element, "high")
    start = _hl7_day(element.get("value") or (low.get("value") if low is not None else None))
    end = _hl7_day(high.get("value") if high is not None else None)
    return f"{start} to {end}" if end and end != start else start


def ccda_text(path: Path) -> str:
    """A C-CDA document or section example as the HL7 stylesheet shows it: header, then the
    narrative of every section under its title."""
    raw = re.sub(r"<\?xml[^>]*\?>", "", path.read_text(encoding="utf-8", errors="replace"))
    raw = re.sub(r"<!DOCTYPE[^>]*>", "", raw)
    root = SafeXml.fromstring(WRAP.format(raw))
    doc = next((e for e in root.iter() if _local(e.tag) == "ClinicalDocument"), None)
    lines: list[str] = []
    if doc is not None:
        title = _child(doc, "title")
        lines.append((title.text or "").strip() if title is not None else "")
        patient = _child(doc, "recordTarget", "patientRole", "patient")
        name = _child(patient, "name")
        if name is not None:
            lines.append("Patient: " + " ".join(" ".join(name.itertext()).split()))
        birth = _child(patient, "birthTime")
        if birth is not None:
            lines.append("Date of birth: " + _hl7_day(birth.get("value")))
        encounter = _period(_child(doc, "componentOf", "encompassingEncounter", "effectiveTime"))
        if encounter:
            lines.append("Encounter date: " + encounter)
        service = _period(_child(doc, "documentationOf", "serviceEvent", "effectiveTime"))
        if service:
            lines.append("Service performed: " + service)
        created = _child(doc, "effectiveTime")
        if created is not None:
            lines.append("Document created: " + _hl7_day(created.get("value")))
    for section in (e for e in root.iter() if _local(e.tag) == "section"):
        title, text = _child(section, "title"), _child(section, "text")
        if text is None:
            continue
        lines.append("")
        lines.append(((title.text or "").strip() if title is not None else "").upper())
        out: list[str] = []
        _narrative(text, out)
        lines += [" ".join(line.split()) for line in "".join(out).split("\n") if line.strip()]
    return "\n".join(lines)


# ---------------------------------------------------------------- FHIR encounters to text


def _us_day(value: str) -> str:
    return f"{value[5:7]}/{value[8:10]}/{value[:4]}"


def _code_text(resource: dict[str, Any], key: str = "code") -> str:
    concept = resource.get(key) or {}
    if isinstance(concept, list):
        concept = concept[0] if concept else {}
    return concept.get("text") or (concept.get("coding") or [{}])[0].get("display", "")


def _encounter_of(resource: dict[str, Any]) -> str:
    ref = (resource.get("encounter") or resource.get("context") or {}).get("reference", "")
    return ref.rsplit(":", 1)[-1].rsplit("/", 1)[-1]


def fhir_text(path: Path, day: str, kind: str, index: int = 0) -> str:
    """One encounter of a Synthea patient as a visit summary: the conditions diagnosed, the
    procedures done, the drugs prescribed and the results reported at it, with their dates."""
    resources = [e["resource"] for e in json.loads(path.read_text())["entry"]]
    by_id = {r["id"]: r for r in resources}
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    encounter = [
        r
        for r in resources
        if r["resourceType"] == "Encounter"
        and r["period"]["start"].startswith(day)
        and kind.lower() in _code_text(r, "type").lower()
    ][index]
    name = patient["name"][0]
    lines = [
        _code_text(encounter, "type").replace(" (procedure)", ""),
        f"Patient: {' '.join(name.get('given', []))} {name.get('family', '')}",
        f"Date of birth: {_us_day(patient['birthDate'])}",
        f"Date of visit: {_us_day(encounter['period']['start'])}",
        "",
    ]
    mine = [r for r in resources if _encounter_of(r) == encounter["id"]]
    for r in mine:
        kind_of = r["resourceType"]
        if kind_of == "Condition":
            onset = r.get("onsetDateTime", "")
            lines.append(f"Diagnosis: {_code_text(r)} (onset {_us_day(onset)})")
        elif kind_of == "Procedure" and "Documentation" not in _code_text(r):
            when = (r.get("performedPeriod") or {}).get("start") or r.get("performedDateTime", "")
            lines.append(f"Procedure: {_code_text(r)}, performed {_us_day(when)}")
        elif kind_of == "MedicationRequest":
            medicine = _code_text(r, "medicationCodeableConcept")
            lines.append(f"Prescribed: {medicine} on {_us_day(r.get('authoredOn', ''))}")
        elif kind_of == "DiagnosticReport":
            lines.append(f"{_code_text(r)} (collected {_us_day(r['effectiveDateTime'])})")
            for ref in r.get("result", []):
                obs = by_id.get(ref["reference"].rsplit(":", 1)[-1].rsplit("/", 1)[-1], {})
                value = obs.get("valueQuantity") or {}
                if value:
                    lines.append(f"  {_code_text(obs)} | {value['value']:.1f} {value['unit']}")
            for form in r.get("presentedForm", []):
                lines += base64.b64decode(form.get("data", "")).decode(errors="replace").split("\n")
    return "\n".join(lines)


# ---------------------------------------------------------------- pages and photos

LATIN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-"})


def _latin(text: str) -> str:
    return text.translate(LATIN).encode("latin-1", "replace").decode("latin-1")


def write_pdf(text: str, path: Path) -> None:
    """A plain PDF of the text, as a patient portal's download of the document looks."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in text.split("\n"):
        pdf.multi_cell(0, 5, _latin(line) or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def write_photo(text: str, path: Path) -> None:
    """A phone photo of the first page: grey paper, a slight tilt, soft focus, JPEG."""
    from recordorg.samples.render import render_page

    lines = [_latin(line) for line in text.split("\n")][:55]
    page = render_page(lines, (1654, 2339), paper=232, ink=40)
    page = page.rotate(1.2, fillcolor=200, expand=True).filter(ImageFilter.GaussianBlur(0.8))
    page.convert("RGB").save(path, "JPEG", quality=70)


def document_text(doc: dict[str, Any], corpora: Path) -> str:
    if "text" in doc:
        return doc["text"]
    source = corpora / doc["source"]
    if doc["source"].startswith("fhir-r4/"):
        return fhir_text(
            source, doc["encounter"], doc.get("encounter_type", ""), doc.get("encounter_index", 0)
        )
    return ccda_text(source)


# ---------------------------------------------------------------- running the program


def import_all(folder: Path, library_root: Path, verbose: bool) -> Any:
    """Import the folder as `recordorg import` does, then read the photos as `recordorg ocr`
    does; returns the open library."""
    from recordorg.cli.progress import run_cancellable
    from recordorg.core.catalogue.library import Library
    from recordorg.jobs.bundle_import import import_paths_and_bundles
    from recordorg.jobs.ocr import ocr_available, read_scans

    library = Library.open(library_root)
    report = run_cancellable(
        lambda cancel: import_paths_and_bundles(library, [folder], person=None, cancel=cancel),
        quiet=not verbose,
    )
    if report.failed:
        print(f"  {len(report.failed)} file(s) failed to import: {report.failed[:3]}")
    if ocr_available()[0]:
        run_cancellable(lambda cancel: read_scans(library, cancel=cancel), quiet=not verbose)
    return library


def run_suggestions(conn: Any) -> list[Any]:
    """Case suggestions as `recordorg case suggest` makes them, for every person filed."""
    from recordorg.core.case.review import load_case
    from recordorg.core.case.suggest import suggest

    names = [None] + [r[0] for r in conn.execute("SELECT name FROM people ORDER BY id")]
    entries: dict[int, Any] = {}
    for name in names:
        try:
            suggest(conn, name)
            for entry in load_case(conn, name).entries:
                entries[entry.id] = entry
        except Exception as error:
            print(f"  case suggest for {name!r} failed: {error}")
    return [e for e in entries.values() if e.origin == "suggested"]


# ---------------------------------------------------------------- comparing with the truth


def _words(value: Any) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9.+-]+", plain(str(value)))) + " "


def fact_matches(fact: str, entry: Any) -> bool:
    """A labelled fact ("her2 negative", "appendectomy") is matched by an entry whose fields
    (and drugs) hold every word of it, as the beginning of a word ("polyp": "polypectomy");
    "leber|liver" is matched by either (a letter's words or the words the program uses)."""
    said = _words(" ".join(str(v) for v in entry.fields.values() if v not in (None, "")))
    said += _words(" ".join(d.name for d in entry.drugs))
    return any(all(f" {w}" in said for w in _words(choice).split()) for choice in fact.split("|"))


def score_facts(truth: dict[str, dict[str, Any]], ids: dict[str, int], entries: list[Any]) -> dict:
    """Precision and recall per kind, counted per (document, fact)."""
    by_record = {v: k for k, v in ids.items()}
    result = {}
    for kind in KINDS:
        suggested = correct = found = total = 0
        for entry in (e for e in entries if e.kind == kind):
            for record_id in {c.record_id for c in entry.citations}:
                name = by_record.get(record_id)
                if name is None:
                    continue
                suggested += 1
                facts = truth[name].get("facts", {}).get(kind, [])
                correct += any(fact_matches(f, entry) for f in facts)
        for name, doc in truth.items():
            for fact in doc.get("facts", {}).get(kind, []):
                total += 1
                found += any(
                    fact_matches(fact, e)
                    for e in entries
                    if e.kind == kind and ids.get(name) in {c.record_id for c in e.citations}
                )
        result[kind] = (correct, suggested, found, total)
    return result


_NUMERIC_DAY = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-]\d)")
DATE_FIELDS = ("diagnosed_on", "first_seen", "specimen_date", "start_date", "end_date",
               "performed_on", "study_date")  # fmt: skip


def _readings(text: str) -> dict[str, set[str]]:
    """The days each ambiguous numeric date of a text could be, by day-first and month-first."""
    found: dict[str, set[str]] = {"day-first": set(), "month-first": set()}
    for a, b, year in _NUMERIC_DAY.findall(text):
        a_, b_ = int(a), int(b)
        if a_ == b_ or a_ > 12 or b_ > 12:
            continue  # one reading only: nothing to mix up
        found["day-first"].add(f"{year}-{b_:02d}-{a_:02d}")
        found["month-first"].add(f"{year}-{a_:02d}-{b_:02d}")
    return found


def mixed_orders(conn: Any, entries: list) -> tuple[int, int]:
    """(dates suggested, of them read in the other day/month order than their record's own
    date): one written "08/02/2011" read as 2 August for the record and 8 February for a fact
    it states is a wrong date in a clinician's packet, whatever the truth labels say."""
    counted = mixed = 0
    for entry in entries:
        for field in DATE_FIELDS:
            value = str(entry.fields.get(field) or "")
            if len(value) != 10:
                continue
            counted += 1
            for record_id in {c.record_id for c in entry.citations}:
                row = conn.execute(
                    "SELECT clinical_date, (SELECT group_concat(text, char(10)) FROM pages "
                    "WHERE record_id = r.id) FROM records r WHERE id = ?",
                    (record_id,),
                ).fetchone()
                readings = _readings(row[1] or "")
                own = (row[0] or "")[:10]
                for mine, other in (("day-first", "month-first"), ("month-first", "day-first")):
                    if own in readings[mine] and own not in readings[other]:
                        mixed += value in readings[other] and value not in readings[mine]
    return counted, mixed


def records_by_document(conn: Any) -> dict[str, dict[str, Any]]:
    rows = conn.execute(
        "SELECT r.id, r.original_name, r.clinical_date, r.date_source, c.slug, "
        "s.category AS suggested, s.category_confidence AS sure FROM records r "
        "JOIN categories c ON c.id = r.category_id "
        "LEFT JOIN suggestions s ON s.record_id = r.id"
    ).fetchall()
    return {Path(r["original_name"]).stem: dict(r) for r in rows}


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}% ({n}/{d})" if d else "  n/a"


SURENESS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def _at(docs: list[dict[str, Any]], found: dict[str, dict[str, Any]]) -> list[tuple[int, int]]:
    """(right, wrong) if every suggestion at least t sure were filed, for each t in SURENESS:
    how the setting 'how sure a suggestion must be to be applied' trades recall for precision."""
    rows = [(found.get(d["name"], {}), d["category"]) for d in docs]
    return [
        (
            sum(r.get("suggested") == truth and (r.get("sure") or 0) >= t for r, truth in rows),
            sum(
                r.get("suggested") not in (truth, "other", None) and (r.get("sure") or 0) >= t
                for r, truth in rows
            ),
        )
        for t in SURENESS
    ]


def report(docs: list[dict[str, Any]], found: dict[str, dict[str, Any]], entries: list) -> None:
    today = date.today().isoformat()
    truth = {d["name"]: d for d in docs}
    ids = {name: row["id"] for name, row in found.items()}
    right = birth = file_day = 0
    dated = [d for d in docs if d.get("date")]
    for doc in dated:
        row = found.get(doc["name"], {})
        chosen = (row.get("clinical_date") or "")[:10]
        right += chosen == doc["date"] or chosen in doc.get("also_right", [])
        birth += bool(chosen) and chosen == doc.get("birth")
        file_day += bool(chosen) and (
            chosen == today or source_is_file_date(row.get("date_source"))
        )
    undated = [d for d in docs if not d.get("date")]
    said_none = sum(not (found.get(d["name"], {}).get("clinical_date")) for d in undated)
    print(f"documents: {len(docs)} ({sum(d.get('photo', False) for d in docs)} photographed)")
    print(f"clinical date right:                 {_pct(right, len(dated))}")
    print(f"date of birth chosen:                {birth}")
    print(f"import day or a file date chosen while the text had a date: {file_day}")
    print(f"no date where the text has none:     {said_none}/{len(undated)}")
    for label, group in (
        ("overall", docs),
        ("public English corpora", [d for d in docs if not d.get("written_here")]),
        ("non-English (written here)", [d for d in docs if d.get("language", "en") != "en"]),
        ("photographed (OCR)", [d for d in docs if d.get("photo")]),
    ):
        filed = sum(found.get(d["name"], {}).get("slug") == d["category"] for d in group)
        said = sum(found.get(d["name"], {}).get("suggested") == d["category"] for d in group)
        print(
            f"category {label:28} filed {_pct(filed, len(group))}, "
            f"suggested {_pct(said, len(group))}"
        )
    filed = [d for d in docs if found.get(d["name"], {}).get("slug", "other") != "other"]
    right_filed = sum(found[d["name"]]["slug"] == d["category"] for d in filed)
    print(f"category filed without asking, right: {_pct(right_filed, len(filed))}")
    print("  if filed at sureness ≥ t:  " + "  ".join(f"{t:.2f}" for t in SURENESS))
    print("    filed right             " + "  ".join(f"{n:4d}" for n, _ in _at(docs, found)))
    print("    filed wrong             " + "  ".join(f"{w:4d}" for _, w in _at(docs, found)))
    print("case suggestions    precision            recall")
    for kind, (correct, suggested, hit, total) in score_facts(truth, ids, entries).items():
        print(f"  {kind:16}  {_pct(correct, suggested):20} {_pct(hit, total)}")


def explain(docs: list[dict[str, Any]], found: dict[str, dict[str, Any]], entries: list) -> None:
    """What went wrong, document by document."""
    for doc in docs:
        row = found.get(doc["name"], {})
        mine = [e for e in entries if row.get("id") in {c.record_id for c in e.citations}]
        wrong = []
        if (row.get("clinical_date") or "")[:10] not in [
            doc.get("date") or "",
            *doc.get("also_right", []),
        ]:
            wrong.append(
                f"date {row.get('clinical_date')} ({row.get('date_source')}) not {doc.get('date')}"
            )
        if row.get("slug") != doc["category"]:
            wrong.append(
                f"filed {row.get('slug')} (suggested {row.get('suggested')}) not {doc['category']}"
            )
        elif row.get("suggested") != doc["category"]:
            wrong.append(f"filed right, but suggested {row.get('suggested')}")
        for e in (e for e in mine if e.kind in KINDS):
            if not any(fact_matches(f, e) for f in doc.get("facts", {}).get(e.kind, [])):
                wrong.append(f"extra {e.kind}: {e.summary}")
        for kind, facts in doc.get("facts", {}).items():
            for fact in facts:
                if not any(e.kind == kind and fact_matches(fact, e) for e in mine):
                    wrong.append(f"missed {kind}: {fact}")
        if wrong:
            print(f"- {doc['name']}: " + "; ".join(wrong))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=ROOT.parent / "shared" / "corpora")
    parser.add_argument("--no-photos", action="store_true", help="render every document as PDF")
    parser.add_argument(
        "--all-photos", action="store_true", help="photograph every document (OCR for all; slow)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="say what went wrong where")
    parser.add_argument("--show", metavar="NAME", help="print one document's text and stop")
    args = parser.parse_args()
    if not args.corpora.is_dir():
        sys.exit(f"The corpora are not at {args.corpora} (see --corpora).")
    labelled = json.loads(TRUTH.read_text())
    batches = {key: labelled.get(key, []) for key in HELD_OUT}
    docs = labelled["documents"] + labelled["written_here"] + sum(batches.values(), [])
    for doc in labelled["written_here"]:
        doc["written_here"] = True
    for key, batch in batches.items():
        for doc in batch:
            doc["held_out"] = key
    if args.show:
        print(document_text(next(d for d in docs if d["name"] == args.show), args.corpora))
        return
    photos = not args.no_photos and shutil.which("tesseract") is not None
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "records"
        folder.mkdir()
        for number, doc in enumerate(docs, 1):
            doc["photo"] = photos and (args.all_photos or doc.get("photo", False))
            doc["file"] = f"record-{number:02d}"  # a name that tells the program nothing
            text = document_text(doc, args.corpora)
            if doc["photo"]:
                write_photo(text, folder / f"{doc['file']}.jpg")
            else:
                write_pdf(text, folder / f"{doc['file']}.pdf")
        library = import_all(folder, Path(temp) / "library", args.verbose)
        conn = library.connection()
        entries = run_suggestions(conn)
        by_file = records_by_document(conn)
        found = {d["name"]: by_file[d["file"]] for d in docs if d["file"] in by_file}
        report(docs, found, entries)
        counted, mixed = mixed_orders(conn, entries)
        print(f"suggested dates read in the other day/month order than their record: {mixed}"
              f" of {counted}")  # fmt: skip
        for key, batch in batches.items():
            if batch:
                print(f"\n{HELD_OUT[key]}:")
                names = {d["name"] for d in batch}
                report(batch, {n: r for n, r in found.items() if n in names}, entries)
        if args.verbose:
            explain(docs, found, entries)
        library.close()
        as_sent(docs, args.corpora, Path(temp), args.verbose)
    print(f"({time.monotonic() - started:.0f} s)")


def whole_document(doc: dict[str, Any], corpora: Path) -> Path | None:
    """The C-CDA file itself, where the example is a whole document a portal could send (with
    its namespace and its patient: some examples are stubs without either)."""
    source = corpora / doc.get("source", "")
    if doc.get("written_here") or source.suffix.lower() != ".xml" or not source.is_file():
        return None
    text = source.read_text(errors="replace")
    header = "<ClinicalDocument" in text and "urn:hl7-org:v3" in text and "<recordTarget" in text
    return source if header else None  # not a stub without its namespace or its patient


def as_sent(docs: list[dict[str, Any]], corpora: Path, temp: Path, verbose: bool) -> None:
    """The whole C-CDA documents again, imported as a portal sends them (the XML itself, coded
    type and dates and all), with no page rendered here."""
    whole = [(d, path) for d in docs if (path := whole_document(d, corpora))]
    if not whole:
        return
    folder = temp / "as-sent"
    folder.mkdir()
    for number, (doc, path) in enumerate(whole, 1):
        doc["file"] = f"sent-{number:02d}"
        shutil.copyfile(path, folder / f"{doc['file']}.xml")
    library = import_all(folder, temp / "library-as-sent", verbose)
    conn = library.connection()
    entries = run_suggestions(conn)
    by_file = records_by_document(conn)
    found = {d["name"]: by_file[d["file"]] for d, _ in whole if d["file"] in by_file}
    print("\nwhole C-CDA documents imported as sent (the XML itself, nothing rendered here):")
    report([d for d, _ in whole], found, entries)
    if verbose:
        explain([d for d, _ in whole], found, entries)
    library.close()


if __name__ == "__main__":
    main()
