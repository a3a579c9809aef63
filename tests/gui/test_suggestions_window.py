"""Suggestions in the details panel (date, category, title) and the Library Settings dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordorg.core.catalogue import database as catalogue
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.settings import AUTO_CATEGORY, DATE_ORDER, get_setting, set_setting
from recordorg.core.understanding.record_understanding import analyse_record
from recordorg.jobs.importer import import_paths
from recordorg.samples.documents import make_text_pdf
from tests.gui.conftest import save_screenshot

DISCHARGE = [
    "St Elsewhere Hospital, Department of Oncology",
    "Patient: Maria Example   Date of birth: 12/03/1961",
    "Admitted: 03/08/2024",
    "Discharged: 07/08/2024",
    "Reason for admission: febrile neutropenia after cycle 3 of chemotherapy.",
    "Hospital course: treated with intravenous antibiotics; counts recovered.",
    "Medications on discharge: ondansetron 8 mg as needed.",
    "Follow-up: oncology clinic on 14/08/2024.",
]


@pytest.fixture
def letter_library(tmp_path: Path) -> Path:
    """A library holding one discharge summary whose category was only suggested."""
    folder = tmp_path / "files"
    folder.mkdir()
    make_text_pdf(folder / "scan0001.pdf", "Discharge Summary", DISCHARGE)
    root = tmp_path / "library"
    library = Library.open(root)
    try:
        set_setting(library.connection(), AUTO_CATEGORY.key, "1")  # suggest, never apply
        job = import_paths(library, [folder])
        try:
            while True:
                next(job)
        except StopIteration as stop:
            assert stop.value.imported
    finally:
        library.close()
    return root


def _stored(root: Path) -> tuple[str, str | None, int, str]:
    """The record's category, date, confirmation and title as another reader sees them."""
    conn = catalogue.connect(root / catalogue.CATALOGUE_NAME, read_only=True)
    try:
        return tuple(
            conn.execute(
                "SELECT c.slug, r.clinical_date, r.date_confirmed, r.title FROM records r "
                "JOIN categories c ON c.id = r.category_id"
            ).fetchone()
        )
    finally:
        conn.close()


@pytest.fixture
def shown(window, letter_library):
    """The window on that library with the record selected; returns (window, panel)."""
    assert window.libraries.open(letter_library)
    view = window.library_view
    view.select_ids(view.model.ids())
    panel = window.suggestions.panel
    assert panel is not None and view.details.suggestions.isVisible()
    return window, panel


def test_suggestions_show_what_was_read_and_why(shown) -> None:
    window, panel = shown
    category, when, confirmed, _title = _stored(window.library.root)
    assert (category, when, confirmed) == ("other", "2024-08-07", 0)
    card = panel.category_card
    assert card.isVisible() and card.value.text() == "Discharge summary"
    assert card.sure.text().endswith("% sure")
    assert "discharge summary" in card.why.text().lower()
    assert "only suggested" in card.note.text()  # why it was not set by itself
    date_card = panel.date_card
    assert date_card.isVisible()
    assert date_card.value.text() == "7 August 2024"
    assert date_card.sure.text().startswith("Discharge date · ")
    assert "“<b>discharged</b>”" in date_card.why.text().lower()
    assert date_card.button.text() == "Confirm this date"  # the date was applied, unconfirmed
    assert "never changes it" in date_card.note.text()
    others = [b.accessibleName() for b in date_card.other_buttons]
    assert "Use 3 August 2024 as the clinical date" in others
    assert not any("12 March 1961" in name for name in others)  # never a date of birth
    assert not panel.title_card.isVisible()  # the title made for "other" is the record's
    window.resize(1440, 900)
    details = window.library_view.details
    details.stack.currentWidget().ensureWidgetVisible(panel.title_card.parentWidget(), 0, 0)
    save_screenshot(window, "suggestions-window")
    assert details.stack.currentWidget().horizontalScrollBar().maximum() == 0  # fits the panel
    save_screenshot(details, "suggestions-panel")
    window.menus.appearance_actions["dark"].trigger()
    try:
        save_screenshot(details, "suggestions-panel-dark")
    finally:
        window.menus.appearance_actions["system"].trigger()


def test_a_date_picked_is_confirmed_kept_and_undone(shown) -> None:
    window, panel = shown
    root = window.library.root
    pick = next(
        b
        for b in panel.date_card.other_buttons
        if b.accessibleName() == "Use 3 August 2024 as the clinical date"
    )
    pick.click()
    assert _stored(root)[1:3] == ("2024-08-03", 1)
    assert window.menus.undo_action.text() == "&Undo Pick a date"
    assert "will not change it" in window.statusBar().currentMessage()
    assert not panel.date_card.isVisible()  # a confirmed date is not suggested over
    assert window.library_view.details.date_source.text() == "Set by a person"
    again = analyse_record(window.library.connection(), window.library_view.selected_ids()[0])
    assert again.date.value == "2024-08-07"  # the text still says so...
    assert _stored(root)[1:3] == ("2024-08-03", 1)  # ...but the person's date is kept
    window.menus.undo_action.trigger()
    assert _stored(root)[1:3] == ("2024-08-07", 0)
    assert panel.date_card.isVisible()
    window.menus.redo_action.trigger()
    assert _stored(root)[1:3] == ("2024-08-03", 1)


def test_using_the_category_and_title_persists_and_undoes(shown) -> None:
    window, panel = shown
    root = window.library.root
    panel.category_card.button.click()
    assert _stored(root)[0] == "discharge-summary"
    assert window.menus.undo_action.text() == "&Undo Use suggested category"
    assert not panel.category_card.isVisible()
    assert window.library_view.details.category.currentData() == "discharge-summary"
    assert panel.title_card.isVisible()  # a title for a discharge summary is now suggested
    suggested = panel.title_card.value.text()
    assert suggested.startswith("Discharge summary") and suggested != _stored(root)[3]
    panel.title_card.button.click()
    assert _stored(root)[3] == suggested
    assert not panel.title_card.isVisible()
    assert window.library_view.details.title.text() == suggested
    window.menus.undo_action.trigger()
    assert _stored(root)[3] != suggested
    window.menus.undo_action.trigger()
    assert _stored(root)[0] == "other"
    assert panel.category_card.isVisible()


def test_settings_dialog_changes_the_library(shown, qtbot) -> None:
    window, panel = shown
    conn = window.library.connection()
    assert window.library_settings.action in window.menus.edit_menu.actions()
    window.library_settings.action.trigger()
    dialog = window.library_settings.dialog
    assert dialog.isVisible()
    assert dialog.threshold.value() == 100 and dialog.threshold_label.text().startswith("Never")
    dialog.threshold.setValue(60)
    assert dialog.threshold_label.text() == "When at least 60% sure"
    dialog.date_buttons["day-first"].setChecked(True)
    save_screenshot(dialog, "library-settings")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert get_setting(conn, AUTO_CATEGORY.key) == "0.6"
    assert get_setting(conn, DATE_ORDER.key) == "day-first"
    assert "60%" in panel.category_card.note.text()  # the suggestions were read again
    job = window.library_settings.read_again_job  # every record is read again with the new settings
    qtbot.waitUntil(lambda: not job.running, timeout=20_000)
    assert _stored(window.library.root)[0] == "discharge-summary"  # filed by itself now
    assert window.status.text().startswith(
        "Read 1 record again with the new settings: 0 dates and 1 category changed"
    )


def test_settings_say_plainly_when_tesseract_is_missing(
    window, letter_library, monkeypatch
) -> None:
    from recordorg.gui.understanding.library_settings import LibrarySettingsDialog, ocr_languages

    monkeypatch.setenv("RECORDORG_TESSERACT", "none")
    window.libraries.open(letter_library)
    dialog = LibrarySettingsDialog(window.library.connection(), window, ocr_languages)
    dialog.show()
    assert "not installed" in dialog.missing.text() and "install" in dialog.missing.text()
    assert dialog.missing.isVisible() and not dialog.auto_languages.isEnabled()
    save_screenshot(dialog, "library-settings-no-tesseract")
    dialog.close()


def test_languages_can_be_chosen(window, letter_library) -> None:
    from recordorg.gui.understanding.library_settings import LibrarySettingsDialog

    window.libraries.open(letter_library)
    conn = window.library.connection()
    dialog = LibrarySettingsDialog(conn, window, lambda: (["deu", "eng"], ""))
    dialog.show()
    assert not dialog.language_list.isVisible()  # "auto" at first
    dialog.auto_languages.setChecked(False)
    assert not dialog.save_button.isEnabled()  # nothing ticked yet
    dialog.language_boxes["deu"].setChecked(True)
    dialog.language_boxes["eng"].setChecked(True)
    assert [b.text() for b in dialog.language_boxes.values()] == ["English", "German"]
    dialog.save()
    assert get_setting(conn, "ocr_languages") == "eng+deu"


def test_new_languages_offer_to_read_the_scans_again(window, letter_library, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    window.libraries.open(letter_library)
    conn = window.library.connection()
    conn.execute("UPDATE pages SET source = 'ocr'")  # as if the letter had been a scan
    conn.commit()
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        QMessageBox, "question", lambda _w, _t, text, *_a: asked.append(text) or answer[0]
    )
    calls: list[tuple] = []
    monkeypatch.setattr(window.scans, "read", lambda ids, again=False: calls.append((ids, again)))
    assert window.library_settings.offer_scans_again({"date_order"}) is None and not asked
    window.library_settings.offer_scans_again({"ocr_languages"})
    assert asked == [
        "1 scanned page was read with the languages chosen before. Read it "
        "again with the new ones? It takes about 1 minute, and you can go on "
        "working meanwhile."
    ]
    assert calls == []  # the person said no
    answer[0] = QMessageBox.StandardButton.Yes
    window.library_settings.offer_scans_again({"ocr_languages"})
    assert calls == [(None, True)]
