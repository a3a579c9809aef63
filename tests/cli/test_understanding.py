"""`recordorg ocr`, `suggest` and `settings` from the command line, in words and in JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from recordorg.formats.ocr import tesseract_command
from recordorg.samples.documents import make_scanned_pdf, make_text_pdf

PATHOLOGY = [
    "Patient: Jane Example   DOB: 04/12/1961",
    "Collected: 02/14/2023   Reported: 02/17/2023",
    "SPECIMEN: Left breast, core needle biopsy.",
    "FINAL DIAGNOSIS: invasive carcinoma. Immunohistochemistry: ER positive.",
]


@pytest.fixture
def library_with_records(tmp_path: Path, cli) -> tuple[str, dict[str, int]]:
    lib = str(tmp_path / "lib")
    folder = tmp_path / "in"
    make_text_pdf(folder / "report.pdf", "Surgical Pathology Report", PATHOLOGY)
    make_scanned_pdf(
        folder / "scan.pdf",
        [
            "Discharge Summary",
            "Admitted: 03/08/2024",
            "Discharged: 07/08/2024",
            "Reason for admission: fever.",
            "Follow-up: clinic on 14/08/2024.",
        ],
        dpi=150,
    )
    code, out, _ = cli("--library", lib, "import", str(folder))
    assert code == 0
    assert "no text" in out and "recordorg ocr" in out  # the scan waits for OCR
    code, out, _ = cli("--library", lib, "list", "--json")
    return lib, {r["original_name"]: r["id"] for r in json.loads(out)}


def test_suggest_shows_date_category_title_and_why(library_with_records, cli) -> None:
    lib, ids = library_with_records
    code, out, _ = cli("--library", lib, "suggest", str(ids["report.pdf"]))
    assert code == 0
    assert "2023-02-14" in out and "specimen collection date" in out
    assert "2023-02-17" in out  # the alternative, with its kind
    assert "Pathology" in out and '"surgical pathology"' in out
    assert "Surgical pathology — left breast core biopsy" in out
    code, out, _ = cli("--library", lib, "suggest", str(ids["report.pdf"]), "--json")
    data = json.loads(out)
    assert data["date"]["value"] == "2023-02-14" and data["category"]["category"] == "pathology"
    assert {m["kind"] for m in data["mentions"]} >= {"birth", "collection", "report"}


def test_accepting_a_date_confirms_it(library_with_records, cli) -> None:
    lib, ids = library_with_records
    record = str(ids["report.pdf"])
    cli("--library", lib, "edit", record, "--category", "other")
    code, out, _ = cli(
        "--library",
        lib,
        "suggest",
        record,
        "--accept",
        "date",
        "--accept",
        "category",
        "--json",
    )
    assert code == 0
    shown = json.loads(out)["record"]
    assert (shown["clinical_date"], shown["date_confirmed"], shown["category"]) == (
        "2023-02-14",
        True,
        "pathology",
    )


def test_settings(library_with_records, cli) -> None:
    lib, _ = library_with_records
    code, out, _ = cli("--library", lib, "settings", "--json")
    keys = {row["key"]: row["value"] for row in json.loads(out)}
    assert keys == {"date_order": "auto", "category_auto_apply": "0.5", "ocr_languages": "auto"}
    code, out, _ = cli("--library", lib, "settings", "date_order", "month-first")
    assert code == 0 and "date_order = month-first" in out
    code, _, err = cli("--library", lib, "settings", "date_order", "upside-down")
    assert code == 2 and "not one of" in err


def test_ocr_needs_ids_or_all(library_with_records, cli) -> None:
    lib, _ = library_with_records
    code, _, err = cli("--library", lib, "ocr")
    assert code == 2 and "--all" in err


def test_ocr_without_tesseract(library_with_records, cli, monkeypatch) -> None:
    lib, _ = library_with_records
    monkeypatch.setenv("RECORDORG_TESSERACT", "none")
    code, out, err = cli("--library", lib, "ocr", "--all")
    assert code == 3 and "Tesseract" in err and "install" in err.lower()


@pytest.mark.skipif(
    tesseract_command() is None and not os.environ.get("CI"),
    reason="Tesseract is not installed here",
)
def test_ocr_all_json(library_with_records, cli) -> None:
    lib, ids = library_with_records
    code, out, _ = cli("--library", lib, "ocr", "--all", "--json")
    report = json.loads(out)
    assert code == 0 and report["pages"] == 1 and report["records"] == [ids["scan.pdf"]]
    code, out, _ = cli("--library", lib, "show", str(ids["scan.pdf"]), "--json")
    shown = json.loads(out)
    # day-first: this record says so (14/08), though the library's other record is month-first
    assert shown["category"] == "discharge-summary" and shown["clinical_date"] == "2024-08-07"
    assert shown["pages"][0]["source"] == "ocr"


def test_a_new_date_order_reads_every_record_again_but_keeps_what_a_person_set(
    tmp_path: Path, cli
) -> None:
    lib = str(tmp_path / "lib")
    folder = tmp_path / "in"
    for name in ("a", "b"):  # nothing in either tells which of 03 and 04 is the month
        make_text_pdf(
            folder / f"letter-{name}.pdf",
            "Clinic letter",
            ["Clinic letter", "Date: 03/04/2024", f"Seen in clinic today ({name})."],
        )
    cli("--library", lib, "import", str(folder))
    code, out, _ = cli("--library", lib, "list", "--json")
    dates = {r["original_name"]: (r["id"], r["clinical_date"]) for r in json.loads(out)}
    assert {d for _, d in dates.values()} == {"2024-04-03"}  # read day-first at first
    kept, _ = dates["letter-b.pdf"]
    cli("--library", lib, "edit", str(kept), "--date", "2024-04-03")  # a person says
    code, out, _ = cli("--library", lib, "settings", "date_order", "month-first")
    assert code == 0
    assert "Read 2 record(s) again: 1 date(s)" in out
    code, out, _ = cli("--library", lib, "list", "--json")
    after = {r["original_name"]: r["clinical_date"] for r in json.loads(out)}
    assert after == {"letter-a.pdf": "2024-03-04", "letter-b.pdf": "2024-04-03"}
    code, out, _ = cli("--library", lib, "settings", "date_order", "month-first")
    assert "again" not in out  # nothing changed: nothing read again
