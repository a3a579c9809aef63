"""Changing the Case Review's entries: confirm, reject or delete the selected ones, add or
edit one in its dialog, each undone by name from the window's Edit menu."""

from __future__ import annotations

from recordorg.core.case import review as cases
from recordorg.core.case.edit import citable_records
from recordorg.core.case.entry_states import EntryState, entry_states, restore_entries
from recordorg.core.errors import UserError
from recordorg.core.understanding.typed_dates import library_reader
from recordorg.gui.case.entry_dialog import EntryDialog
from recordorg.gui.errors import show_error
from recordorg.gui.library.undo import EditCommand


class EntryActions:
    """What the Case Review does to entries; it needs the view's library, person, case,
    undo_stack, refresh(), select_entries(), selected_entry(_ids)() and case_changed."""

    def _undoable(self, verb: str, entry_ids: list[int], action) -> None:
        """Change entries (action(conn) returns the ids it made, if any) so that Edit ▸
        Undo names the change and puts the entries back as they were."""
        conn = self.library.connection()
        before = entry_states(conn, entry_ids)
        try:
            made = action(conn)
        except UserError as error:
            show_error(self, error)
            return
        if isinstance(made, int):
            before.append(EntryState(made))
            entry_ids = [*entry_ids, made]
        after = entry_states(conn, entry_ids)
        self._entries_changed(entry_ids)
        if self.undo_stack is not None and before != after:
            count = len(entry_ids)
            text = f"{verb} entry" if count == 1 else f"{verb} {count} entries"
            self.undo_stack.push(
                EditCommand(text, conn, before, after, self._entries_changed, restore_entries)
            )

    def _entries_changed(self, entry_ids: list[int]) -> None:
        self.refresh()
        self.select_entries(entry_ids)
        self.case_changed.emit()

    def confirm_selected(self) -> None:
        if ids := self.selected_entry_ids():
            self._undoable("Confirm", ids, lambda conn: cases.confirm(conn, ids))

    def reject_selected(self) -> None:
        if ids := self.selected_entry_ids():
            self._undoable("Reject", ids, lambda conn: cases.reject(conn, ids))

    def delete_selected(self) -> None:
        if ids := self.selected_entry_ids():
            self._undoable("Delete", ids, lambda conn: cases.delete_entries(conn, ids))

    def entry_dialog(self, kind: str, entry: cases.CaseEntry | None = None) -> EntryDialog:
        """The Add or Edit dialog, offering this person's records as sources."""
        conn = self.library.connection()
        return EntryDialog(
            self,
            kind,
            entry,
            records=citable_records(conn, self.person),
            lines=self.case.treatment_lines if self.case else [],
            reader=library_reader(conn),
        )

    def edit_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        dialog = self.entry_dialog(entry.kind, entry)
        if dialog.exec():
            self._undoable("Edit", [entry.id], lambda conn: self._save_edit(conn, entry, dialog))

    @staticmethod
    def _save_edit(conn, entry: cases.CaseEntry, dialog: EntryDialog) -> None:
        cases.edit_entry(
            conn, entry.id, dialog.values, drugs=dialog.drug_names, confirm=dialog.confirm
        )
        if dialog.citation is not None:
            cases.add_citation(conn, entry.id, *dialog.citation)

    def add_entry(self, kind: str) -> None:
        dialog = self.entry_dialog(kind)
        if dialog.exec():
            self._undoable(
                "Add",
                [],
                lambda conn: cases.add_entry(
                    conn,
                    kind,
                    dialog.values,
                    person=self.person,
                    drugs=dialog.drug_names,
                    citations=[dialog.citation] if dialog.citation else [],
                ),
            )
