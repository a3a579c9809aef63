"""The main window over a real library: opening, browsing, searching, editing, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt

from recordorg.core.catalogue import database as catalogue
from recordorg.core.catalogue.records import get_record
from recordorg.gui.library.record_model import RecordIdRole


def test_opening_the_demo_library_from_scratch(window, qtbot) -> None:
    """--demo on first use: the demo is made in the background, then the window shows it."""
    with qtbot.waitSignal(window.library_opened, timeout=120_000):
        window.libraries.open_demo()
        assert window.waiting.title.text().startswith("Preparing")
    view = window.library_view
    assert view.model.rowCount() >= 12
    kinds = {view.model.record_at(row).kind for row in range(view.model.rowCount())}
    assert kinds == {"pdf", "image", "dicom"}
    people = [
        view.sidebar.tree.topLevelItem(i).text(0)
        for i in range(view.sidebar.tree.topLevelItemCount())
    ]
    assert "Maria Example" in people
    assert view.pages.currentWidget() is view.grid
    # the second time it opens at once, without a job
    assert window.libraries.open(window.library.root)


def test_grid_and_table_show_the_same_records(demo_window, qtbot) -> None:
    view = demo_window.library_view
    demo_window.commands.set_view_mode("table")
    assert view.pages.currentWidget() is view.table
    assert demo_window.menus.table_action.isChecked()
    first_id = view.model.index(0, 0).data(RecordIdRole)
    view.select_ids([first_id])
    demo_window.commands.set_view_mode("grid")
    assert view.selected_ids() == [first_id]
    assert view.details.title.text() == get_record(view.conn, first_id).title


def test_table_sorts_by_title(demo_window) -> None:
    from PySide6.QtCore import Qt

    view = demo_window.library_view
    demo_window.commands.set_view_mode("table")
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    titles = [view.model.record_at(r).title.lower() for r in range(view.model.rowCount())]
    assert titles == sorted(titles)


def test_search_narrows_the_list_as_you_type(demo_window, qtbot) -> None:
    view = demo_window.library_view
    total = view.model.rowCount()
    demo_window.menus.search_field.setText("carci")  # a prefix: results as you type
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.results, timeout=3000)
    found = view.search_model.rowCount()
    assert 0 < found < total
    for result in view.search_model.results:
        assert "\ue000" in result.snippet  # the match is marked for highlighting
    demo_window.menus.search_field.setText("carcinoma zzzzunlikely")
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.no_match_page, timeout=3000)
    demo_window.menus.search_field.clear()
    assert view.pages.currentWidget() is view.grid
    assert view.model.rowCount() == total


def test_sidebar_narrows_by_kind_and_category(demo_window) -> None:
    view = demo_window.library_view
    view.sidebar.select("kind", "dicom")
    ids = view.model.ids()
    assert ids and all(view.model.record_at(r).kind == "dicom" for r in range(len(ids)))
    assert "Imaging studies" in view.heading.text()
    view.sidebar.select("category", "imaging-study")
    assert view.model.rowCount() == len(ids)
    demo_window.menus.search_field.setText("brain")
    view.clear_filters()
    assert view.heading.text() == "All records"
    assert demo_window.menus.search_field.text() == ""  # the window's search is cleared too


def test_editing_a_category_persists_and_undoes(demo_window, demo_copy) -> None:
    view = demo_window.library_view
    record_id = next(
        view.model.record_id(r)
        for r in range(view.model.rowCount())
        if view.model.record_at(r).kind == "pdf"
    )
    view.select_ids([record_id])
    panel = view.details
    original = get_record(view.conn, record_id).category
    target = "pathology" if original != "pathology" else "laboratory"
    index = panel.category.findData(target)
    panel.category.setCurrentIndex(index)
    panel.category.activated.emit(index)

    def stored_category() -> str:
        conn = catalogue.connect(demo_copy / catalogue.CATALOGUE_NAME, read_only=True)
        try:
            return conn.execute(
                "SELECT c.slug FROM records r JOIN categories c ON c.id = r.category_id "
                "WHERE r.id = ?",
                (record_id,),
            ).fetchone()[0]
        finally:
            conn.close()

    assert stored_category() == target
    assert view.model.record_at(view.model.row_of(record_id)).category == target
    assert demo_window.menus.undo_action.text() == "&Undo Set category"
    demo_window.menus.undo_action.trigger()
    assert stored_category() == original
    assert panel.category.currentData() == original
    demo_window.menus.redo_action.trigger()
    assert stored_category() == target


def test_details_show_where_the_date_came_from_and_editing_it(demo_window) -> None:
    view = demo_window.library_view
    study = next(
        view.model.record_id(r)
        for r in range(view.model.rowCount())
        if view.model.record_at(r).kind == "dicom"
    )
    view.select_ids([study])
    assert view.details.date_source.text() == "From the study date in the images"
    from PySide6.QtCore import QDate

    view.details.date.setDate(QDate(2024, 5, 1))
    view.details.date.editingFinished.emit()
    record = get_record(view.conn, study)
    assert (record.clinical_date, record.date_source) == ("2024-05-01", "user")
    assert view.details.date_source.text() == "Set by a person"


def test_dates_typed_by_hand_in_the_details(demo_window, qtbot) -> None:
    from recordorg.core.catalogue.settings import set_setting

    view = demo_window.library_view
    record_id = view.model.record_id(0)
    view.select_ids([record_id])
    field = view.details.date.edit

    def typed(text: str) -> None:
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    typed("20/04/2024")
    assert get_record(view.conn, record_id).clinical_date == "2024-04-20"
    assert field.text() == "20 April 2024"
    typed("Mar 2023")  # a month, kept as a month
    assert get_record(view.conn, record_id).date_as_written == "2023-03"
    assert field.text() == "March 2023"
    typed("32/13/2024")
    assert get_record(view.conn, record_id).date_as_written == "2023-03"  # left as it was
    assert "is not a date this can read" in view.details.date_source.text()

    set_setting(view.conn, "date_order", "month-first")  # the library's order of day and month
    view.reload_all()
    view.select_ids([record_id])
    typed("04/05/2024")
    assert get_record(view.conn, record_id).clinical_date == "2024-04-05"


def test_several_records_tagged_and_moved_at_once(demo_window) -> None:
    view = demo_window.library_view
    ids = view.model.ids()[:3]
    view.select_ids(ids)
    assert view.details.stack.currentIndex() == 2
    view.details.multi_tags.field.setText("second opinion")
    view.details.multi_tags.field.returnPressed.emit()
    view.details.multi_person.setEditText("Ana Example")
    view.details.multi_person.lineEdit().returnPressed.emit()
    for record_id in ids:
        record = get_record(view.conn, record_id)
        assert record.tags == ["second opinion"] and record.person == "Ana Example"
    tags = [
        view.sidebar.tree.topLevelItem(i).text(0)
        for i in range(view.sidebar.tree.topLevelItemCount())
    ]
    assert "second opinion" in tags and "Ana Example" in tags
    demo_window.menus.undo_action.trigger()  # the move to Ana
    assert get_record(view.conn, ids[0]).person == "Maria Example"


def test_rename_with_f2_and_a_bad_date_is_refused(demo_window, monkeypatch) -> None:
    view = demo_window.library_view
    record_id = view.model.record_id(0)
    view.select_ids([record_id])
    demo_window.menus.rename_action.trigger()
    assert view.details.title.hasFocus() or view.details.title.selectedText()
    view.details.title.setText("Discharge letter, August")
    view.details.title.editingFinished.emit()
    assert get_record(view.conn, record_id).title == "Discharge letter, August"
    shown = []
    monkeypatch.setattr(
        "recordorg.gui.library.view.show_error",
        lambda parent, error, **kw: shown.append(str(error)),
    )
    from recordorg.core.catalogue.editing import RecordChange

    assert not view.apply_change([record_id], RecordChange(clinical_date="2025-02-30"))
    assert "not a real calendar date" in shown[0]


def test_delete_asks_first(demo_window, monkeypatch) -> None:
    view = demo_window.library_view
    total = view.model.rowCount()
    record_id = view.model.record_id(0)
    view.select_ids([record_id])
    asked = []
    monkeypatch.setattr(
        "recordorg.gui.library.record_actions.confirm_delete",
        lambda parent, records: asked.append(records) or False,
    )
    demo_window.menus.delete_action.trigger()
    assert asked and view.model.rowCount() == total
    monkeypatch.setattr(
        "recordorg.gui.library.record_actions.confirm_delete", lambda parent, records: True
    )
    demo_window.menus.delete_action.trigger()
    assert view.model.rowCount() == total - 1
    assert view.model.row_of(record_id) is None


def test_settings_remember_the_view_and_recent_libraries(window, demo_copy, qtbot) -> None:
    from recordorg.gui import settings
    from recordorg.gui.window.main_window import MainWindow

    window.libraries.open(demo_copy)
    window.commands.set_view_mode("table")
    window.close()
    assert settings.recent_libraries()[0] == demo_copy.resolve()
    again = MainWindow()
    qtbot.addWidget(again)
    again.libraries.open(demo_copy)
    assert again.library_view.view_mode == "table"
    again.close()


def test_about_box_lists_versions_and_licences(app_theme) -> None:
    from recordorg.gui.window.about import AboutDialog

    about = AboutDialog(None, "/somewhere")
    text = about.components.toPlainText()
    assert "pydicom" in text and "MIT" in text and "LGPL" in text
    about.deleteLater()
