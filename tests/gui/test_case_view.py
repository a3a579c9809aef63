"""The case review and timeline in the window: confirm a suggestion, click through to sources."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from recordorg.core.case import review as cases
from recordorg.core.case.suggest import suggest
from recordorg.core.catalogue.library import Library
from tests.core.case_helpers import sample_case
from tests.gui.conftest import save_screenshot


@pytest.fixture
def case_library(tmp_path):
    library = Library.open(tmp_path / "library")
    ids = sample_case(library.connection())
    suggest(library.connection())
    yield library, ids
    library.close()


@pytest.fixture
def case_view(qtbot, app_theme, case_library):
    from recordorg.gui.case.view import CaseView

    view = CaseView()
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.set_library(case_library[0])
    view.show()
    qtbot.waitExposed(view)
    return view


def her2_id(library) -> int:
    return next(
        e.id for e in cases.load_case(library.connection()).biomarkers if e.get("marker") == "HER2"
    )


def test_confirming_a_suggestion(qtbot, case_view, case_library) -> None:
    library, _ = case_library
    entry_id = her2_id(library)
    assert case_view.select_entry(entry_id)
    item = case_view.tree.currentItem()
    assert item.text(2) == "Suggested - not confirmed" and item.font(0).italic()
    assert case_view.buttons["confirm"].isEnabled()
    qtbot.mouseClick(case_view.buttons["confirm"], Qt.MouseButton.LeftButton)
    assert cases.get_entry(library.connection(), entry_id).confirmed
    assert case_view.tree.currentItem().text(2) == "Confirmed"
    assert not case_view.buttons["confirm"].isEnabled()
    assert any(text.startswith("✔ Biomarker results") for text in case_view.checklist.texts())
    save_screenshot(case_view, "case-review")


def test_rejecting_hides_a_suggestion(qtbot, case_view, case_library) -> None:
    library, _ = case_library
    entry_id = her2_id(library)
    case_view.select_entry(entry_id)
    qtbot.mouseClick(case_view.buttons["reject"], Qt.MouseButton.LeftButton)
    assert not case_view.select_entry(entry_id)
    case_view.show_rejected.setChecked(True)
    assert case_view.select_entry(entry_id)
    assert case_view.tree.currentItem().font(0).strikeOut()


def test_a_source_opens_its_record_page(qtbot, case_view, case_library) -> None:
    library, ids = case_library
    case_view.select_entry(her2_id(library))
    assert case_view.sources.count() >= 2
    first = case_view.sources.item(0).text()
    assert first.startswith(f"Record {ids['Surgical Pathology Report']}")
    assert "HER2 (clone 4B5): NEGATIVE" in first
    with qtbot.waitSignal(case_view.record_requested) as opened:
        qtbot.mouseClick(case_view.buttons["open"], Qt.MouseButton.LeftButton)
    assert opened.args == [ids["Surgical Pathology Report"], 1]


def test_editing_and_confirming_in_the_dialog(qtbot, case_view, case_library, monkeypatch):
    from recordorg.gui.case.entry_dialog import EntryDialog

    library, _ = case_library
    line = next(
        e
        for e in cases.load_case(library.connection()).treatment_lines
        if e.get("regimen") == "capecitabine"
    )

    def fill_and_confirm(dialog: EntryDialog) -> int:
        dialog.inputs["end_date"].edit.setText("3 Aug 2024")
        dialog.inputs["best_response"].setCurrentIndex(
            dialog.inputs["best_response"].findData("SD")
        )
        dialog.confirm_button.click()
        return dialog.result()

    monkeypatch.setattr(EntryDialog, "exec", fill_and_confirm)
    case_view.select_entry(line.id)
    case_view.edit_selected()
    edited = cases.get_entry(library.connection(), line.id)
    assert edited.confirmed and edited.get("best_response") == "SD"
    assert edited.get("end_date") == "2024-08-03"


def test_suggestions_run_on_the_job_pool(qtbot, case_view, case_library) -> None:
    library, _ = case_library
    conn = library.connection()
    conn.execute("DELETE FROM case_entries")
    case_view.refresh()
    lines = case_view.tree.findItems("Treatment lines (0)", Qt.MatchFlag.MatchExactly)
    assert len(lines) == 1
    with qtbot.waitSignal(case_view.case_changed, timeout=20000):
        case_view.run_suggestions()
    lines = case_view.tree.findItems("Treatment lines (2)", Qt.MatchFlag.MatchExactly)
    assert lines and lines[0].childCount() == 2


def test_timeline_click_opens_the_source(qtbot, app_theme, case_library) -> None:
    from recordorg.gui.case.timeline_view import TimelineView

    library, ids = case_library
    view = TimelineView()
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.set_library(library)
    view.show()
    qtbot.waitExposed(view)
    assert "unconfirmed" in view.note.text()
    line = next(
        e
        for e in cases.load_case(library.connection()).treatment_lines
        if e.get("regimen") == "capecitabine"
    )
    point = view.canvas.item_point(entry_id=line.id)
    assert point is not None
    with qtbot.waitSignal(view.record_requested) as opened:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == [line.citations[0].record_id, line.citations[0].page]
    before = view.canvas.zoom
    view.canvas.zoom_in()
    assert view.canvas.zoom > before
    dot = view.canvas.item_point(record_id=ids["Explanation of Benefits - This is not a bill"])
    assert dot is not None  # a record no entry cites is a dot in "Other records"
    save_screenshot(view, "timeline")


def test_the_window_has_both_views_and_opens_sources(qtbot, window, case_library) -> None:
    library, ids = case_library
    assert {"Case Review", "Timeline"} <= set(window.views)
    assert window.libraries.open(library.root)
    window.tabs.setCurrentWidget(window.case.review)
    qtbot.waitUntil(lambda: window.case.review.case is not None, timeout=5000)
    tabs = window.tabs.count()
    window.case.review.select_entry(her2_id(library))
    window.case.review.open_selected_source()
    assert window.tabs.count() == tabs + 1
    assert window.tabs.currentWidget().record_id == ids["Surgical Pathology Report"]


def test_an_empty_library(qtbot, app_theme, tmp_path) -> None:
    from recordorg.gui.case.timeline_view import TimelineView
    from recordorg.gui.case.view import CaseView

    library = Library.open(tmp_path / "empty")
    view, timeline = CaseView(), TimelineView()
    for widget in (view, timeline):
        qtbot.addWidget(widget)
        widget.set_library(library)
        widget.show()
    assert view.person_box.currentText() == "Records without a person"
    assert all(t.startswith("✘") for t in view.checklist.texts())
    assert timeline.note.text() == "0 items"
    library.close()


def test_the_question_is_labelled_wraps_and_is_saved(qtbot, case_view, case_library) -> None:
    library, _ = case_library
    assert case_view.question_label.text().replace("&", "") == "Question for the reviewer:"
    assert case_view.question_label.buddy() is case_view.question
    long = (
        "Second opinion after progression on first-line letrozole and palbociclib and a "
        "solitary brain metastasis: is capecitabine the best second line, or should "
        "alpelisib with fulvestrant come first? Is she eligible for a trial?"
    )
    case_view.question.setFocus()
    case_view.question.setPlainText(long)
    case_view.tree.setFocus()  # leaving the box saves it
    qtbot.waitUntil(lambda: cases.load_case(library.connection()).question == long)
    layout = case_view.question.document().documentLayout()
    shown = layout.documentSize().height()  # in lines: wrapped, so more than one
    assert shown > 1
    assert case_view.question.height() >= 2 * case_view.question.fontMetrics().lineSpacing()
    save_screenshot(case_view, "case-review-question")


def test_the_list_says_dates_as_the_rest_of_the_window(qtbot, case_view, case_library) -> None:
    from recordorg.core.case.edit import add_entry

    library, _ = case_library
    capecitabine = next(
        e
        for e in cases.load_case(library.connection()).treatment_lines
        if e.get("regimen") == "capecitabine"
    )
    month = add_entry(
        library.connection(),
        "treatment_line",
        {"regimen": "letrozole", "start_date": "2023-03", "end_date": "2024-05-02"},
    )
    case_view.refresh()
    assert case_view.select_entry(capecitabine.id)
    assert case_view.tree.currentItem().text(1).startswith("20 May 2024")
    assert "Start date: 20 May 2024" in case_view.details.text()
    assert case_view.select_entry(month)
    assert case_view.tree.currentItem().text(1) == "Mar 2023 to 2 May 2024"
    shown = [i.text(1) for i in case_view._entry_items()]
    assert not any("-0" in text for text in shown)  # no ISO date left in the list
    widest = max(case_view.tree.fontMetrics().horizontalAdvance(t) for t in shown)
    assert case_view.tree.columnWidth(1) > widest  # a period shows whole
    assert not any("-0" in text for text in case_view.checklist.texts())
    save_screenshot(case_view, "case-review-dates")
