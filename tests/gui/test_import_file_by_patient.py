"""An import for the library's only person that meets several patients' images stops, and
its summary offers the way forward: file each patient under their own person, or cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.library import Library
from recordorg.samples.dicom import make_series
from tests.gui.conftest import save_screenshot
from tests.gui.test_import_patients_summary import stopped_summary

PATIENTS = [  # name, ID, sex, birth date
    ("EXAMPLE^MARIA", "RG-0001", "F", "19610412"),
    ("DOE^JOHN", "X2", "M", "19550101"),
    ("ROE^ANNA", "Z7", "F", "19720830"),
]
SLICES = 3


def _several_patients(folder: Path) -> Path:
    """Several patients' studies side by side in one folder, as on a hospital's disc."""
    for n, (name, patient_id, sex, born) in enumerate(PATIENTS):
        make_series(
            folder / f"S{n}",
            slices=SLICES,
            patient_name=name,
            patient_id=patient_id,
            sex=sex,
            birth_date=born,
        )
    return folder


def _button(summary, words: str):
    [button] = [b for b in summary.buttons.buttons() if b.text() == words]
    return button


def test_the_stopped_import_files_each_patient_under_their_own_person(
    window, qtbot, tmp_path
) -> None:
    summary = stopped_summary(window, qtbot, tmp_path, _several_patients(tmp_path / "disc"))
    assert [b.text() for b in summary.buttons.buttons()] == [
        "File each patient under their own person",
        "Cancel",
    ]
    go_on = _button(summary, "File each patient under their own person")
    assert go_on.isDefault() and go_on.isVisible()
    save_screenshot(summary, "import-summary-several-patients-choice")

    with qtbot.waitSignal(window.import_finished, timeout=60_000) as finished:
        go_on.click()
    assert not summary.isVisible()
    report = finished.args[0]
    assert not report.stopped and not report.duplicates and not report.failed
    assert len(report.imported) == len(PATIENTS) * SLICES and len(report.records) == 3
    assert len(report.patients) == 3
    assert all("filed under a person of their own" in line for line in report.patients)

    library = Library.open(tmp_path / "library")
    try:
        assert check_library(library).ok
        conn = library.connection()
        assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == 3
        instances = conn.execute(
            "SELECT count(*), count(DISTINCT sop_instance_uid) FROM dicom_instances"
        )
        assert tuple(instances.fetchone()) == (len(PATIENTS) * SLICES,) * 2  # each image once
        people = {
            name: count
            for name, count in conn.execute(
                "SELECT p.name, count(r.id) FROM people p LEFT JOIN records r "
                "ON r.person_id = p.id GROUP BY p.id"
            )
        }
        assert people == {"Mum": 0, "Maria Example": 1, "John Doe": 1, "Anna Roe": 1}
    finally:
        library.close()
    assert window.library_view.model.rowCount() == 3
    window.imports.last_summary.close()


def test_cancel_leaves_the_library_as_it_was(window, qtbot, tmp_path) -> None:
    summary = stopped_summary(window, qtbot, tmp_path, _several_patients(tmp_path / "disc"))
    _button(summary, "Cancel").click()
    assert not summary.isVisible() and window.imports.job is None
    assert window.library_view.model.rowCount() == 0
    assert summary.buttons.standardButtons() == QDialogButtonBox.StandardButton.Cancel
