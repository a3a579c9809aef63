"""The export's own question counts in the bundle's checklist when the case has none."""

from __future__ import annotations

import shutil
from pathlib import Path

from recordorg.bundle.case_summary import case_summary
from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from tests.bundle.conftest import PERSON, TODAY

QUESTION_ROW = "The question for the reviewer"


def _question_row(root: Path, question: str) -> tuple[str, str]:
    library = Library.open(root)
    try:
        conn = library.connection()
        plan = plan_bundle(library, person=PERSON, options=BundleOptions(question=question))
        summary = case_summary(conn, plan, today=TODAY)
    finally:
        library.close()
    assert summary.available
    (row,) = [r for r in summary.checklist if r.title == QUESTION_ROW]
    return row.status, row.detail


def test_the_exports_question_answers_the_checklist(demo_library: Path, tmp_path: Path) -> None:
    root = Path(shutil.copytree(demo_library, tmp_path / "library"))
    library = Library.open(root)
    with library.connection() as conn:
        conn.execute("DELETE FROM case_entries WHERE kind = 'question'")
    library.close()
    assert _question_row(root, "")[0] == "missing"
    status, detail = _question_row(root, "Is the CT normal?")
    assert (status, detail) == ("done", "Is the CT normal?")
