"""Running a job generator on a thread pool, with throttled progress and a late dialog."""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable, Generator
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QWidget

from recordorg.core.progress import CancelToken, Progress

log = logging.getLogger(__name__)

JobFactory = Callable[[CancelToken], Generator[Progress, None, Any]]

PROGRESS_INTERVAL = 0.12  # seconds between progress signals: a few updates a second
DIALOG_DELAY_MS = 500  # the progress dialog appears only if the work lasts longer


class JobSignals(QObject):
    """The runner's signals, on their own QObject that lives in the GUI thread."""

    progress = Signal(object)  # Progress
    finished = Signal(object)  # the job's return value
    failed = Signal(object, str)  # the exception, its traceback


class JobRunner(QRunnable):
    """Drives one job generator to its end on a pool thread.

    The factory is called on the pool thread, so whatever it opens (a library connection)
    belongs to that thread. Progress is sent at most every PROGRESS_INTERVAL seconds,
    and always the last step before the end.
    """

    def __init__(self, factory: JobFactory, cancel: CancelToken) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.factory = factory
        self.cancel = cancel
        self.signals = JobSignals()

    def run(self) -> None:
        last_sent = 0.0
        held: Progress | None = None
        try:
            job = self.factory(self.cancel)
            while True:
                try:
                    step = next(job)
                except StopIteration as stop:
                    result = stop.value
                    break
                now = time.monotonic()
                if now - last_sent >= PROGRESS_INTERVAL or step.message:
                    self.signals.progress.emit(step)
                    last_sent, held = now, None
                else:
                    held = step
            if held is not None:
                self.signals.progress.emit(held)
        except BaseException as error:  # shown to the user on the GUI thread
            self.signals.failed.emit(error, traceback.format_exc())
            return
        self.signals.finished.emit(result)


def job_pool() -> QThreadPool:
    """The pool long jobs run on (kept apart from thumbnail loading)."""
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(2)
    return _POOL


_POOL: QThreadPool | None = None


class Job(QObject):
    """One running job as the window sees it: progress, a delayed dialog, Cancel, the end."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(object, str)

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        factory: JobFactory,
        *,
        show_dialog: bool = True,
        dialog_delay_ms: int = DIALOG_DELAY_MS,
        cancellable: bool = True,
        explanation: str = "",
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.cancel_token = CancelToken()
        self.runner = JobRunner(factory, self.cancel_token)
        self.running = False
        self.dialog = None
        self.last: Progress | None = None
        self._parent_widget = parent
        self._show_dialog = show_dialog
        self._cancellable = cancellable
        self._explanation = explanation
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(dialog_delay_ms)
        self._delay.timeout.connect(self._open_dialog)
        self.runner.signals.progress.connect(self._on_progress)
        self.runner.signals.finished.connect(self._on_finished)
        self.runner.signals.failed.connect(self._on_failed)

    def start(self) -> Job:
        self.running = True
        if self._show_dialog:
            self._delay.start()
        job_pool().start(self.runner)
        return self

    def cancel(self) -> None:
        self.cancel_token.cancel()
        if self.dialog is not None:
            self.dialog.set_stopping()

    def _open_dialog(self) -> None:
        from recordorg.gui.widgets.progress_dialog import ProgressDialog

        if not self.running:
            return
        self.dialog = ProgressDialog(
            self._parent_widget,
            self.title,
            cancellable=self._cancellable,
            explanation=self._explanation,
        )
        self.dialog.cancel_requested.connect(self.cancel)
        if self.last is not None:
            self.dialog.show_progress(self.last)
        if self.cancel_token.cancelled:
            self.dialog.set_stopping()
        self.dialog.show()

    def _on_progress(self, step: Progress) -> None:
        self.last = step
        if self.dialog is not None:
            self.dialog.show_progress(step)
        self.progress.emit(step)

    def _close(self) -> None:
        self.running = False
        self._delay.stop()
        if self.dialog is not None:
            self.dialog.done_and_close()
            self.dialog = None

    def _on_finished(self, result: Any) -> None:
        self._close()
        self.finished.emit(result)

    def _on_failed(self, error: BaseException, trace: str) -> None:
        self._close()
        self.failed.emit(error, trace)
