"""The bundle names a regimen's many prescriptions as one source, how many and from when to
when (moved with every other date when de-identified), in INDEX.HTM and REVIEW.PDF alike."""

from __future__ import annotations

import html
import re
from pathlib import Path

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.case.suggest import suggest
from recordorg.core.catalogue.library import Library
from recordorg.jobs.export import run_export
from tests.bundle.conftest import pdf_texts
from tests.jobs.conftest import run_import
from tests.samplemakers import fhir as make


def _bundle(tmp_path: Path, **options) -> Path:
    library = Library.open(tmp_path / "library")
    try:
        download = make.write_bundle(tmp_path / "record.json", make.regimen_history(12))
        assert run_import(library, [download], workers=1).failed == []
        suggest(library.connection())
        plan = plan_bundle(library, person="Ada Testa", options=BundleOptions(**options))
        assert not run_export(library, plan, tmp_path / "BUNDLE").cancelled
    finally:
        library.close()
    return tmp_path / "BUNDLE"


def _words(text: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def test_index_and_review_name_the_prescriptions_once_with_their_span(tmp_path) -> None:
    bundle = _bundle(tmp_path)
    said = "(Medicines: 12 entries, 10 Jan 2023 – 10 Dec 2023)"
    page = _words((bundle / "INDEX.HTM").read_text(encoding="utf-8"))
    assert page.count(said) == 1
    review = _words(" ".join(pdf_texts(bundle / "REVIEW.PDF")))
    assert said in review


def test_a_deidentified_bundle_moves_the_span_as_every_date(tmp_path) -> None:
    bundle = _bundle(tmp_path, deidentify=True, date_shift_days=-100, case_code="CASE-1")
    page = _words((bundle / "INDEX.HTM").read_text(encoding="utf-8"))
    assert "(Medicines: 12 entries, 2 Oct 2022 – 1 Sep 2023)" in page
    assert "10 Jan 2023" not in page
