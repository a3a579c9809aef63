"""The window's import summary says whose records a folder held and whom each was filed
under, as the command line's `patients:` lines do."""

from __future__ import annotations

from pathlib import Path

from recordorg.jobs.import_report import ImportReport
from recordorg.samples.dicom import make_series
from tests.gui.conftest import save_screenshot


def stopped_summary(window, qtbot, tmp_path: Path, disc: Path):
    """The summary of an import of `disc` for the library's only person, Mum."""
    from recordorg.core.catalogue.people import add_person

    window.libraries.open(tmp_path / "library")
    add_person(window.library_view.conn, "Mum")  # the window files imports under her
    window.library_view.reload_all()
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as finished:
        window.imports.start([disc])
    assert finished.args[0].stopped and not finished.args[0].records
    summary = window.imports.last_summary
    qtbot.waitUntil(summary.isVisible)
    return summary


def _two_patients(folder: Path) -> Path:
    make_series(folder / "a", slices=1)  # EXAMPLE^MARIA, born 1961-04-12
    make_series(
        folder / "b",
        slices=1,
        patient_name="DOE^JOHN",
        patient_id="X2",
        sex="M",
        birth_date="19550101",
    )
    return folder


def test_the_summary_of_a_folder_of_two_patients_says_where_each_went(
    window, qtbot, tmp_path
) -> None:
    window.libraries.open(tmp_path / "library")
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.imports.start([_two_patients(tmp_path / "disc")])
    summary = window.imports.last_summary
    qtbot.waitUntil(summary.isVisible)
    shown = [label.text() for label in summary.patients.lines]
    assert len(shown) == 2
    assert any(
        line.startswith(
            "1 study of John Doe (born 1955-01-01): filed under a person of their own, John Doe"
        )
        for line in shown
    )
    assert any("Maria Example (born 1961-04-12)" in line for line in shown)
    assert all(label.isVisible() for label in summary.patients.lines)
    assert "Patients: 1 study of John Doe" in summary.as_text()
    save_screenshot(summary, "import-summary-patients")
    summary.close()


def test_a_question_about_the_person_is_shown_as_one(qtbot) -> None:
    from recordorg.gui.window.import_summary import ImportSummaryDialog

    question = (
        "These records name 2 different patients (Maria Example; John Doe); say who Mum is "
        "(their name and date of birth) to tell which are theirs."
    )
    dialog = ImportSummaryDialog(ImportReport(patients=[question]))
    qtbot.addWidget(dialog)
    assert [label.text() for label in dialog.patients.lines] == [question]
    assert ImportSummaryDialog(ImportReport()).patients is None


def test_an_import_for_the_only_person_stops_with_the_question_in_the_summary(
    window, qtbot, tmp_path
) -> None:
    summary = stopped_summary(window, qtbot, tmp_path, _two_patients(tmp_path / "disc"))
    assert summary.windowTitle() == "Import stopped"
    assert "several patients" in summary.heading.text()
    assert summary.counts.text() == ""  # not "No problems."
    [question] = [label.text() for label in summary.patients.lines]
    assert question.startswith("These files hold the images of 2 different patients")
    assert "John Doe (born 1955-01-01)" in question and "filed under Mum" in question
    save_screenshot(summary, "import-summary-patients-stopped")
    summary.close()
