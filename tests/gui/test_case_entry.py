"""Fast, cited case entry: several entries confirmed, rejected or deleted at once and undone
by name; the Add/Edit dialog cites a record and page, reads dates as people type them and
warns of treatment lines that overlap an ongoing one."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from recordorg.core.case import review as cases
from recordorg.core.case.suggest import suggest
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.settings import set_setting
from tests.core.case_helpers import sample_case
from tests.gui import test_case_view
from tests.gui.conftest import save_screenshot

case_library = test_case_view.case_library  # the fictional case, suggestions made


def make_view(qtbot, library):
    from recordorg.gui.case.view import CaseView

    stack = QUndoStack()
    view = CaseView(undo_stack=stack)
    view.undo_stack_owner = stack
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.set_library(library)
    view.show()
    qtbot.waitExposed(view)
    return view, stack


def statuses(library, ids):
    return [cases.get_entry(library.connection(), i).status for i in ids]


def test_several_suggestions_confirmed_at_once_and_undone(qtbot, app_theme, case_library):
    library, _ = case_library
    view, stack = make_view(qtbot, library)
    suggested = [e.id for e in cases.load_case(library.connection()).unconfirmed][:3]
    assert len(suggested) == 3
    view.select_entry(suggested[0])
    tree = view.tree
    for entry_id in suggested[1:]:
        item = next(i for i in view._entry_items() if i.data(0, 0x0100) == entry_id)
        rect = tree.visualItemRect(item)
        qtbot.mouseClick(
            tree.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            rect.center(),
        )
    assert sorted(view.selected_entry_ids()) == sorted(suggested)
    assert "3 entries selected" in view.details.text()
    assert not view.buttons["edit"].isEnabled()
    save_screenshot(view, "case-review-several-selected")
    qtbot.mouseClick(view.buttons["confirm"], Qt.MouseButton.LeftButton)
    assert statuses(library, suggested) == ["confirmed"] * 3
    assert stack.undoText() == "Confirm 3 entries"
    assert sorted(view.selected_entry_ids()) == sorted(suggested)
    stack.undo()
    assert statuses(library, suggested) == ["suggested"] * 3
    assert view.tree.currentItem().text(2) == "Suggested - not confirmed"
    stack.redo()
    assert statuses(library, suggested) == ["confirmed"] * 3


def test_select_all_then_reject_and_delete_undone(qtbot, app_theme, case_library):
    library, _ = case_library
    view, stack = make_view(qtbot, library)
    every = [e.id for e in cases.load_case(library.connection()).entries if e.kind != "question"]
    view.activateWindow()
    view.tree.setFocus()
    qtbot.waitUntil(view.tree.hasFocus)
    view.select_entry(every[0])
    qtbot.keyClick(view.tree, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert sorted(view.selected_entry_ids()) == sorted(every)
    view.reject_selected()
    assert set(statuses(library, every)) == {"rejected"}
    assert stack.undoText() == f"Reject {len(every)} entries"
    view.show_rejected.setChecked(True)
    view.select_entries(every[:2])
    qtbot.keyClick(view.tree, Qt.Key.Key_Delete)
    assert (
        len(cases.load_case(library.connection(), include_rejected=True).entries) == len(every) - 2
    )
    assert stack.undoText() == "Delete 2 entries"
    stack.undo()
    stack.undo()
    assert "rejected" not in statuses(library, every)


def test_add_treatment_line_cites_reads_dates_and_warns(
    qtbot, app_theme, case_library, monkeypatch
):
    from recordorg.gui.case.entry_dialog import EntryDialog

    library, ids = case_library
    conn = library.connection()
    set_setting(conn, "date_order", "day-first")
    cases.add_entry(
        conn, "treatment_line", {"line_number": 2, "start_date": "2024-09-02", "ongoing": True}
    )
    view, stack = make_view(qtbot, library)
    letter = ids["Oncology Clinic Letter"]
    shown = {}

    def fill(dialog: EntryDialog) -> int:
        dialog.inputs["line_number"].setText("3")
        start = dialog.inputs["start_date"]
        start.edit.setText("15/10/2024")
        start.edit.editingFinished.emit()
        assert start.iso() == "2024-10-15"
        dialog.inputs["ongoing"].setChecked(True)
        dialog.drugs_input.setText("letrozole")
        assert dialog.sources.choose(letter, 1, "start letrozole")
        assert not dialog.overlap.isHidden()
        assert "Line 2 is still ongoing since 2 September 2024: end it, or keep both?" in (
            dialog.overlap.text()
        )
        dialog.resize(520, dialog.sizeHint().height())
        dialog.show()
        qtbot.waitExposed(dialog)
        shown["path"] = save_screenshot(dialog, "add-treatment-line-with-source")
        dialog._save()
        return dialog.result()

    monkeypatch.setattr(EntryDialog, "exec", fill)
    view.add_entry("treatment_line")
    line = next(e for e in cases.load_case(conn).treatment_lines if e.get("line_number") == 3)
    assert line.get("start_date") == "2024-10-15" and line.get("ongoing")
    assert [(c.record_id, c.page, c.quote) for c in line.citations] == [
        (letter, 1, "start letrozole")
    ]
    assert stack.undoText() == "Add entry"
    stack.undo()
    assert not [e for e in cases.load_case(conn).treatment_lines if e.get("line_number") == 3]


def test_every_kind_offers_a_source_and_typed_dates(qtbot, app_theme, case_library):
    from recordorg.core.case.kinds import KINDS
    from recordorg.gui.case.entry_dialog import typed_value

    library, _ = case_library
    view, _ = make_view(qtbot, library)
    for kind, spec in KINDS.items():
        if kind == "question":
            continue
        dialog = view.entry_dialog(kind)
        assert dialog.sources.record.count() > 1, kind
        for field in spec.fields:
            if field.type == "date":
                dialog.inputs[field.name].edit.setText("Oct 2024")
                assert typed_value(dialog.inputs[field.name]) == "2024-10"
        dialog.deleteLater()


def test_the_windows_undo_names_a_confirm(window, tmp_path) -> None:
    root = tmp_path / "case-library"
    library = Library.open(root)
    sample_case(library.connection())
    suggest(library.connection())
    library.close()
    assert window.libraries.open(root)
    view = window.case.review
    view.refresh()
    suggested = [e.id for e in view.case.unconfirmed][:2]
    view.select_entries(suggested)
    view.confirm_selected()
    assert window.menus.undo_action.isEnabled()
    assert window.menus.undo_action.text() == "&Undo Confirm 2 entries"
    window.menus.undo_action.trigger()
    assert [e.status for e in view.selected_entries()] == ["suggested", "suggested"]


def test_the_dialog_names_each_cited_page_once(qtbot, app_theme, case_library) -> None:
    library, ids = case_library
    conn = library.connection()
    letter, report = ids["Oncology Clinic Letter"], ids["Surgical Pathology Report"]
    entry_id = cases.add_entry(conn, "diagnosis", {"primary_site": "breast"})
    for record, page, quote in [
        (letter, 1, "first quote"),
        (letter, 1, "second quote"),
        (letter, 1, "third quote"),
        (report, 1, "a quote"),
    ]:
        cases.add_citation(conn, entry_id, record, page, quote)
    view, _ = make_view(qtbot, library)
    dialog = view.entry_dialog("diagnosis", cases.get_entry(conn, entry_id))
    heading = dialog._sources_heading()
    assert heading.count(f"#{letter} p. 1") == 1 and heading.count(f"#{report} p. 1") == 1
    dialog.deleteLater()
