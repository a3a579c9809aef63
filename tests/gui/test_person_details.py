"""Person Details in the window: who a person is, set from the sidebar's menu through the
command line's own core function; records naming someone else become flagged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from recordorg.core.catalogue import records
from recordorg.core.catalogue.patient_identity import stored_identity
from recordorg.core.catalogue.people import add_person, person_id
from recordorg.gui.library.sidebar import KeyRole, SectionRole
from recordorg.samples.dicom import make_series
from recordorg.samples.documents import make_text_pdf
from tests.gui.conftest import save_screenshot


def _john_smiths_records(folder: Path) -> Path:
    """A letter and a study naming John Smith, imported for Mum: his identity is learned."""
    make_text_pdf(folder / "letter.pdf", "Letter", ["Patient: John Smith   DOB: 1950-03-02"])
    make_series(
        folder / "ct",
        slices=1,
        patient_name="SMITH^JOHN",
        patient_id="JS-42",
        sex="M",
        birth_date="19500302",
    )
    return folder


def _open_from_the_sidebar(view, person: str):
    """Right-click the person in the sidebar and choose Person Details…."""
    tree = view.sidebar.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next(
        i for i in items if i.data(0, SectionRole) == "person" and i.data(0, KeyRole) == person
    )
    assert tree.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    menu = view.people_menu.menu_at(tree.visualItemRect(item).center())
    assert [a.text() for a in menu.actions()] == ["Person Details…"]
    menu.actions()[0].trigger()
    return view.people_menu.dialog


def test_setting_who_a_person_is_flags_records_naming_someone_else(window, qtbot, tmp_path) -> None:
    window.libraries.open(tmp_path / "library")
    view = window.library_view
    conn = view.conn
    add_person(conn, "Mum")
    view.reload_all()
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.imports.start([_john_smiths_records(tmp_path / "in")])  # the only person: Mum
    window.imports.last_summary.close()
    assert not any("other_patient" in r.meta for r in records.list_records(conn))

    dialog = _open_from_the_sidebar(view, "Mum")
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.origin.text().startswith("Learned from their imported records")
    assert dialog.name.text() == "John Smith"  # as people write it, not SMITH^JOHN
    assert dialog.born.text() == "2 March 1950"
    assert dialog.id_values() == ["JS-42"]
    assert dialog.ids.item(0).text() == "JS-42  ·  on 1 record"
    assert dialog.seen.text() == "John Smith (born 1950-03-02): 2 records"

    dialog.name.setText("Maria Example")
    dialog.born.edit.setText("April 1961")  # not a whole date of birth
    dialog.born.edit.editingFinished.emit()
    dialog.save()
    assert dialog.isVisible() and "whole date of birth" in dialog.problem.text()
    dialog.born.edit.setText("12 April 1961")
    dialog.born.edit.editingFinished.emit()
    dialog.sex.setCurrentIndex(dialog.sex.findData("F"))
    dialog.ids.setCurrentRow(0)
    dialog.remove.click()  # JS-42 was learned from John Smith's study: not hers
    dialog.new_id.setText("RG-0001")
    dialog.add_id()
    save_screenshot(dialog, "person-details")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert not dialog.isVisible()

    identity = stored_identity(conn, person_id(conn, "Mum"))
    assert identity.to_json() == {
        "name": "Maria Example",
        "birth_date": "1961-04-12",
        "sex": "F",
        "identifiers": ["RG-0001"],
        "learned": False,
        "not_theirs": ["JS-42"],  # removed by the user: the next import does not relearn it
    }
    flags = [r.meta.get("other_patient", "") for r in records.list_records(conn)]
    assert len(flags) == 2
    assert all(f.startswith("This record names another patient: John Smith") for f in flags)
