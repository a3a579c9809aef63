"""Records an import brings in shown in the library as they arrive: the library is read
again at most once a second while the import runs, and only when records (or people, a
disc filed by patient) came in. A large
library, slower to read again, is read less often, so the window never spends more than a
twentieth of its time on it."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer

from recordorg.gui.window.host import WindowHost

SHOW_EVERY_MS = 1000
AT_MOST_BUSY = 1 / 20  # of the window's time spent showing arrivals


class ArrivingRecords(QObject):
    """Looks once a second during an import; new records are shown in one batch."""

    def __init__(self, window: WindowHost) -> None:
        super().__init__(window)
        self.window = window
        self.shown = 0  # batches shown during this import
        self._version = -1
        self._seen: tuple[int, int, int] = (0, 0, 0)
        self._timer = QTimer(self)
        self._timer.setInterval(SHOW_EVERY_MS)
        self._timer.timeout.connect(self.look)

    def start(self) -> None:
        self.shown, self._version = 0, -1
        self._seen = self._records() or (0, 0, 0)
        self._timer.start(SHOW_EVERY_MS)

    def stop(self) -> None:
        self._timer.stop()

    def look(self) -> None:
        records = self._records()
        if records is None or records == self._seen:
            return
        self._seen = records
        self.shown += 1
        started = time.perf_counter()
        self.window.library_view.show_arrivals()
        took_ms = (time.perf_counter() - started) * 1000
        self._timer.setInterval(max(SHOW_EVERY_MS, round(took_ms / AT_MOST_BUSY)))

    def _records(self) -> tuple[int, int, int] | None:
        """How many records there are, the newest one and how many people (None if nothing
        was written since the last look: the connection's data version says so without
        reading the library)."""
        view = self.window.library_view
        if view is None:
            return None
        conn = view.conn
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version == self._version:
            return None
        self._version = version
        count, newest, people = conn.execute(
            "SELECT count(*), max(id), (SELECT count(*) FROM people) FROM records"
        ).fetchone()
        return count, newest or 0, people
