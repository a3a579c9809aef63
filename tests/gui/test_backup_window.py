"""File ▸ Back Up… in the window: the job, the last backup's date, the reminder after imports."""

from __future__ import annotations

from datetime import date

from recordorg.core.wording import short_date
from recordorg.gui.window import backup as backup_window
from recordorg.samples.documents import make_text_pdf


def _backup_action(window):
    return next(a for a in window.menus.file_menu.actions() if a.text().startswith("&Back Up"))


def test_back_up_runs_in_the_background_and_the_menu_says_when(demo_window, qtbot, tmp_path):
    action = _backup_action(demo_window)
    assert action is demo_window.menus.backup_action and action.isEnabled()
    assert action.text() == "&Back Up… (never backed up)"
    job = demo_window.commands.backups.start(tmp_path / "drive")
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert (tmp_path / "drive" / "BACKUP.JSON").exists()
    assert demo_window.status.text().startswith("Backed up ")
    assert "every file checked" in demo_window.status.text()
    assert action.text() == f"&Back Up… (last {short_date(date.today().isoformat())})"
    assert action.isEnabled()


def test_new_records_after_a_backup_bring_a_quiet_reminder(demo_window, qtbot, tmp_path):
    job = demo_window.commands.backups.start(tmp_path / "drive")
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    bar = demo_window.statusBar()
    letter = tmp_path / "new" / "letter.pdf"
    letter.parent.mkdir()
    make_text_pdf(letter, "Clinic letter", ["Seen in clinic on 03/03/2025."])
    with qtbot.waitSignal(demo_window.import_finished, timeout=60_000):
        demo_window.imports.start([letter])
    assert "New records since the last backup" in bar.currentMessage()
    assert "File ▸ Back Up…" in bar.currentMessage()
    demo_window.imports.last_summary.close()
    bar.clearMessage()
    job = demo_window.commands.backups.start(tmp_path / "drive")
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    with qtbot.waitSignal(demo_window.import_finished, timeout=60_000):
        demo_window.imports.start([letter])  # the same letter again: nothing new
    assert bar.currentMessage() == ""
    demo_window.imports.last_summary.close()


def test_a_backup_that_cannot_be_made_is_told_plainly(demo_window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(backup_window, "show_error", lambda _w, error, **_k: shown.append(error))
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("not a drive")
    job = demo_window.commands.backups.start(not_a_folder)
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert len(shown) == 1 and "choose a folder or a drive" in str(shown[0])
    assert demo_window.status.text() == "The backup did not finish."
    assert demo_window.menus.backup_action.text() == "&Back Up… (never backed up)"
