"""Links (shortcuts) in an imported folder: followed inside it, refused in plain words outside."""

from __future__ import annotations

import os
from pathlib import Path

from recordorg.samples.documents import make_text_pdf
from tests.jobs.conftest import run_import


def test_links_inside_are_read_and_links_outside_refused_in_plain_words(
    library, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.pdf"
    make_text_pdf(outside, "Private", ["Not chosen, 01/02/2024."])
    folder = tmp_path / "chosen"
    (folder / "letters").mkdir(parents=True)
    make_text_pdf(folder / "letters" / "letter.pdf", "Letter", ["Seen on 03/03/2025."])
    os.symlink(folder / "letters" / "letter.pdf", folder / "shortcut.pdf")
    os.symlink("/etc/passwd", folder / "passwd")
    os.symlink(outside, folder / "outside.pdf")
    os.symlink(folder / "loop", folder / "loop")
    report = run_import(library, [folder])
    assert report.failed == [], report.failed
    reasons = {Path(i.path).name: i.reason for i in report.skipped}
    assert "outside the folder you chose" in reasons["passwd"]
    assert "outside the folder you chose" in reasons["outside.pdf"]
    assert "link" in reasons["loop"] and "symbolic" not in reasons["loop"]
    kept = {Path(i.path).name for i in report.imported + report.duplicates}
    assert kept == {"letter.pdf", "shortcut.pdf"}
    assert len(report.imported) == 1


def test_a_link_given_by_name_is_read_from_the_file_it_points_to(library, tmp_path) -> None:
    make_text_pdf(tmp_path / "letter.pdf", "Letter", ["Seen on 03/03/2025."])
    os.symlink(tmp_path / "letter.pdf", tmp_path / "shortcut.pdf")
    report = run_import(library, [tmp_path / "shortcut.pdf"])
    assert report.failed == [] and len(report.imported) == 1
