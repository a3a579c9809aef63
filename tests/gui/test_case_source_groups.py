"""The Case Review tab's sources: a regimen's monthly prescriptions in a health-record
download are one source to open (how many, from when to when), not a row for each."""

from __future__ import annotations

import pytest

from recordorg.core.case import review as cases
from recordorg.core.case.suggest import suggest
from recordorg.core.catalogue.library import Library
from tests.gui.conftest import save_screenshot
from tests.gui.test_case_view import case_view  # noqa: F401 (fixture)
from tests.jobs.conftest import run_import
from tests.samplemakers import fhir as make


@pytest.fixture
def case_library(tmp_path):
    """A library holding a download of twelve monthly cycles of one regimen, suggested."""
    library = Library.open(tmp_path / "library")
    download = make.write_bundle(tmp_path / "record.json", make.regimen_history(12))
    assert run_import(library, [download], workers=1).failed == []
    suggest(library.connection())
    yield library, []
    library.close()


def test_a_regimens_prescriptions_are_one_source(case_view, case_library) -> None:  # noqa: F811
    (line,) = cases.load_case(case_library[0].connection(), "Ada Testa").treatment_lines
    assert case_view.select_entry(line.id)
    assert case_view.sources.count() == 1
    shown = case_view.sources.item(0).text()
    assert shown.endswith("page 2\nMedicines: 12 entries, 10 Jan 2023 – 10 Dec 2023"), shown
    save_screenshot(case_view, "case-review-grouped-sources")
