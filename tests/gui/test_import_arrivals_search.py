"""While an import runs, a search typed before or during it shows the new records that match as
they arrive (the result selected and the list's place kept), and a person the import files
records under is offered by the details panel at once."""

from __future__ import annotations

import time

from recordorg.samples.dicom import make_series
from recordorg.samples.documents import make_text_pdf
from tests.gui.conftest import save_screenshot
from tests.gui.import_running import import_stopped_after, its_end

FILES = 12  # four readers at a second a file: three rounds


def test_search_results_take_in_new_records_while_the_import_runs(
    demo_window, qtbot, tmp_path, monkeypatch
) -> None:
    from recordorg.jobs import importer
    from tests.jobs.slow_reader import slower_ingest

    monkeypatch.setattr(importer.worker, "ingest", slower_ingest)  # a disc in a slow drive
    window, view = demo_window, demo_window.library_view
    window.resize(1000, 560)  # the results fill more than the list's height
    for n in range(FILES):
        make_text_pdf(
            tmp_path / "disc" / f"LETTER{n:02}.pdf",
            f"Pharmacy letter {n}",
            [f"Letrozole 2.5 mg daily, dispensed {n + 1} times."],
        )
    field = window.menus.search_field
    field.setFocus()
    qtbot.keyClicks(field, "letrozole")
    qtbot.waitUntil(lambda: view.search_model.rowCount() > 1, timeout=10_000)
    before = view.search_model.rowCount()
    chosen = [view.search_model.record_id(1)]  # not the first result, which a search selects
    view.select_ids(chosen)
    results = view.results
    assert results.verticalScrollBar().maximum() > 0
    results.verticalScrollBar().setValue(results.verticalScrollBar().maximum())
    place = results.visualRect(results.model().index(1, 0)).top()

    job = window.imports.start([tmp_path / "disc"])
    with import_stopped_after(window, qtbot):
        qtbot.waitUntil(lambda: view.search_model.rowCount() > before, timeout=30_000)
        assert job.running, "the results grew only at the end; slow the reader more"
        assert before < view.search_model.rowCount() < before + FILES  # a batch of them
        assert view.current_view() is results
        assert view.selected_ids() == chosen  # the same result selected, where it was
        row = view.search_model.row_of(chosen[0])
        # where it was: within a fraction of a result's height (once in a few full runs it
        # lands 14 px lower, cause not yet found; without the place kept it moves by rows)
        moved = results.visualRect(results.model().index(row, 0)).top() - place
        assert abs(moved) <= results.visualRect(results.model().index(row, 0)).height() // 4
        assert view.count_label.text().startswith(f"{view.search_model.rowCount()} records")
        qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible())
        save_screenshot(window, "import-search-results-arriving")
        its_end(window, qtbot)
    window.imports.last_summary.close()
    assert view.search_model.rowCount() == before + FILES


def test_a_person_the_import_made_is_offered_while_it_runs(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    from recordorg.jobs import patients

    filed = patients.PatientFiling.finish

    def then_slow(self, report):  # the previews and dates of a big disc still to come
        filed(self, report)
        time.sleep(4)

    monkeypatch.setattr(patients.PatientFiling, "finish", then_slow)
    disc = tmp_path / "disc"
    make_series(disc / "a", slices=2)  # EXAMPLE^MARIA
    john = {"patient_name": "DOE^JOHN", "patient_id": "X2", "sex": "M", "birth_date": "19550101"}
    make_series(disc / "b", slices=2, **john)
    window.libraries.open(tmp_path / "library")  # nobody yet: each patient gets a person
    view = window.library_view
    combo = view.details.person

    def offered() -> list[str]:
        return [combo.itemText(i) for i in range(combo.count())]

    job = window.imports.start([disc])
    with import_stopped_after(window, qtbot):
        qtbot.waitUntil(lambda: "John Doe" in offered(), timeout=30_000)
        assert job.running, "the person was offered only at the end"
        assert "Maria Example" in offered()
        assert "Maria Example" in [
            view.details.multi_person.itemText(i) for i in range(view.details.multi_person.count())
        ]
        its_end(window, qtbot)
    window.imports.last_summary.close()
