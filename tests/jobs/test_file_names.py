"""Files whose names are not UTF-8 (old USB sticks and discs) import like any other."""

from __future__ import annotations

import json
import os
from pathlib import Path

from recordorg.cli.main import main
from recordorg.core.catalogue import records
from recordorg.samples.dicom import make_series
from recordorg.samples.documents import make_text_pdf
from tests.jobs.conftest import run_import


def _rename_to_latin1(path: Path, name: bytes) -> Path:
    """Give a file a name written in Latin-1 (not UTF-8), as an old disc would."""
    target = os.fsencode(path.parent) + b"/" + name
    os.rename(os.fsencode(path), target)
    return Path(os.fsdecode(target))


def _latin1_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    make_text_pdf(folder / "letter.pdf", "Clinic letter", ["Seen in clinic on 03/03/2025."])
    _rename_to_latin1(folder / "letter.pdf", b"latin1_\xe9.pdf")
    make_text_pdf(folder / "other.pdf", "Other letter", ["Seen again on 04/04/2025."])
    image = make_series(tmp_path / "ct", slices=2)[0]
    os.replace(image, folder / "scan.dcm")
    _rename_to_latin1(folder / "scan.dcm", b"r\xf6ntgen.dcm")
    return folder


def test_a_name_that_is_not_utf8_is_imported_and_shown_readably(library, tmp_path) -> None:
    folder = _latin1_folder(tmp_path)
    report = run_import(library, [folder])
    assert report.failed == [], report.failed
    assert len(report.imported) == 3
    shown = json.dumps(report.to_json(), ensure_ascii=False)
    shown.encode("utf-8")  # the report prints and saves as it is
    assert "latin1_\ufffd.pdf" in shown and "r\ufffdntgen.dcm" in shown
    conn = library.connection()
    row = conn.execute(
        "SELECT original_name, original_path, meta FROM records WHERE original_name LIKE 'latin1%'"
    ).fetchone()
    assert row["original_name"] == "latin1_\ufffd.pdf"
    assert row["original_path"].endswith("stick/latin1_\ufffd.pdf")
    exact = bytes.fromhex(json.loads(row["meta"])["original_path_bytes"])
    assert exact.endswith(b"/latin1_\xe9.pdf") and Path(os.fsdecode(exact)).is_file()
    instance = conn.execute("SELECT original_name FROM dicom_instances").fetchone()
    assert instance["original_name"] == "r\ufffdntgen.dcm"
    assert {r.original_name for r in records.list_records(conn)} >= {
        "latin1_\ufffd.pdf",
        "other.pdf",
    }


def test_the_command_line_prints_such_names(tmp_path, capsys) -> None:
    folder = _latin1_folder(tmp_path)
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "import", str(folder)]) == 0
    out = capsys.readouterr().out  # written through UTF-8: a stray surrogate would raise
    assert "Imported 3 file(s)" in out
    assert main(["--library", lib, "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert "latin1_\ufffd.pdf" in json.dumps(listed, ensure_ascii=False)
