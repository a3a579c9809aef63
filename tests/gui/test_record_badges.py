"""A record's badge and summary say what its content is, never what its name claims."""

from __future__ import annotations

from pathlib import Path

from recordorg.core.catalogue import records
from recordorg.gui.library.details_parts import summary_line
from recordorg.gui.library.record_views import _badge_text
from tests.jobs.conftest import run_import


def test_a_text_file_named_pdf_has_a_text_badge(library, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "letter.pdf").write_text("Clinic letter\nSeen in clinic today, all well.\n")
    (folder / "scan.dcm").write_bytes(bytes(range(3, 103)))
    report = run_import(library, [folder])
    ids = {Path(i.path).name: i.record_id for i in report.imported}
    conn = library.connection()
    letter = records.get_record(conn, ids["letter.pdf"])
    assert _badge_text(letter) == "Text"
    assert summary_line(letter).startswith("Text file · ")
    scan = records.get_record(conn, ids["scan.dcm"])
    assert _badge_text(scan) == "File"
    assert "DCM" not in _badge_text(scan) and summary_line(scan).startswith("File · ")
