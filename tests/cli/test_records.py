"""The command line end to end: import, list, show, edit, search, people, check, --json."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from recordorg.samples.documents import make_text_pdf


@pytest.fixture
def imported(tmp_path: Path, cli):
    lib = str(tmp_path / "lib")
    folder = tmp_path / "in"
    make_text_pdf(
        folder / "pathology.pdf",
        "Surgical Pathology Report",
        ["Invasive ductal carcinoma, left breast."],
        creation_date=datetime(2025, 2, 17),
    )
    make_text_pdf(
        folder / "letter.pdf",
        "Oncology Clinic Letter",
        ["Started letrozole and palbociclib."],
        creation_date=datetime(2025, 3, 20),
    )
    code, out, _ = cli("--library", lib, "import", str(folder), "--person", "Maria", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["counts"]["imported"] == 2
    return lib, {Path(i["path"]).name: i["record_id"] for i in report["imported"]}


def test_list_show_edit_search(imported, cli) -> None:
    lib, ids = imported
    code, out, _ = cli("--library", lib, "list", "--json")
    listed = json.loads(out)
    assert [r["original_name"] for r in listed] == ["letter.pdf", "pathology.pdf"]
    assert all(r["person"] == "Maria" for r in listed)

    rid = ids["pathology.pdf"]
    code, out, _ = cli(
        "--library",
        lib,
        "edit",
        str(rid),
        "--category",
        "pathology",
        "--tag",
        "diagnosis",
        "--date",
        "2025-02-14",
        "--note",
        "first biopsy",
    )
    assert code == 0 and "Pathology" in out
    code, out, _ = cli("--library", lib, "show", str(rid), "--json")
    shown = json.loads(out)
    assert shown["category"] == "pathology" and shown["tags"] == ["diagnosis"]
    assert shown["clinical_date"] == "2025-02-14" and shown["date_source"] == "user"
    assert "carcinoma" in shown["pages"][0]["text"].lower()
    assert shown["files"][0]["sha256"] == shown["sha256"]

    code, out, _ = cli("--library", lib, "list", "--category", "pathology", "--json")
    assert [r["id"] for r in json.loads(out)] == [rid]
    code, out, _ = cli("--library", lib, "list", "--from", "2025-03-01", "--json")
    assert [r["id"] for r in json.loads(out)] == [ids["letter.pdf"]]
    code, out, _ = cli("--library", lib, "search", "palbociclib")
    assert "Oncology Clinic Letter" in out and "[palbociclib]" in out
    code, out, _ = cli("--library", lib, "search", "palbociclib", "--json")
    assert json.loads(out)[0]["record_id"] == ids["letter.pdf"]


def test_people_and_errors_in_plain_words(imported, cli) -> None:
    lib, ids = imported
    code, out, _ = cli("--library", lib, "people", "rename", "Maria", "Maria Example")
    assert code == 0 and "Maria Example" in out
    code, out, err = cli("--library", lib, "edit", "999", "--title", "x")
    assert code == 2 and "no record 999" in err
    code, out, err = cli("--library", lib, "edit", str(ids["letter.pdf"]), "--date", "20/03/2025")
    assert code == 0 and "2025-03-20" in out  # read as the window's date field reads it
    code, out, err = cli("--library", lib, "edit", str(ids["letter.pdf"]), "--date", "soonish")
    assert code == 2 and "is not a date this can read" in err


def test_check_fails_on_a_changed_original_and_names_it(imported, cli) -> None:
    lib, ids = imported
    code, out, _ = cli("--library", lib, "check")
    assert code == 0 and "OK" in out
    original = next((Path(lib) / "originals").rglob("*"))
    while original.is_dir():
        original = next(original.iterdir())
    original.chmod(0o644)
    original.write_bytes(original.read_bytes() + b"tampered")
    code, out, _ = cli("--library", lib, "check", "--json")
    report = json.loads(out)
    assert code == 1 and not report["ok"]
    assert any(p["what"] == "damaged-original" for p in report["problems"])


def test_delete_removes_record_and_original(imported, cli) -> None:
    lib, ids = imported
    code, out, _ = cli("--library", lib, "delete", str(ids["letter.pdf"]), "--yes")
    assert code == 0
    code, out, _ = cli("--library", lib, "list", "--json")
    assert [r["original_name"] for r in json.loads(out)] == ["pathology.pdf"]
    assert len([p for p in (Path(lib) / "originals").rglob("*") if p.is_file()]) == 1
    code, out, _ = cli("--library", lib, "check")
    assert code == 0


def test_library_from_environment_variable(tmp_path, monkeypatch, cli) -> None:
    monkeypatch.setenv("RECORDORG_LIBRARY", str(tmp_path / "envlib"))
    code, out, _ = cli("categories", "--json")
    assert code == 0 and len(json.loads(out)) == 12
    assert (tmp_path / "envlib" / "catalogue.sqlite").exists()


def test_console_script_entry_point_runs(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "recordorg.cli.main", "--library", str(tmp_path / "l"), "list"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "No records." in result.stdout
