"""Running a job generator on a thread pool, with throttled progress and a late view of it."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Generator
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, SignalInstance
from PySide6.QtWidgets import QWidget

from recordorg.core.progress import CancelToken, Progress

log = logging.getLogger(__name__)

JobFactory = Callable[[CancelToken], Generator[Progress, None, Any]]

PROGRESS_INTERVAL_MS = 125  # the window shows a job's progress eight times a second
DIALOG_DELAY_MS = 500  # the progress dialog appears only if the work lasts longer


class JobSignals(QObject):
    """The runner's signals, on their own QObject that lives in the GUI thread."""

    finished = Signal(object)  # the job's return value
    failed = Signal(object, str)  # the exception, its traceback


class JobRunner(QRunnable):
    """Drives one job generator to its end on a pool thread.

    The factory is called on the pool thread, so whatever it opens (a library connection)
    belongs to that thread. Each step is only kept as `latest` (one assignment, no signal):
    the window looks at it a few times a second, so a burst of steps costs nothing and the
    last of a burst is never left unshown.
    """

    def __init__(self, factory: JobFactory, cancel: CancelToken) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.factory = factory
        self.cancel = cancel
        self.latest: Progress | None = None
        self.signals = JobSignals()

    def run(self) -> None:
        try:
            job = self.factory(self.cancel)
            while True:
                try:
                    self.latest = next(job)
                except StopIteration as stop:
                    result = stop.value
                    break
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


class ProgressView(Protocol):
    """What shows a job's progress: the dialog by default, or a view of the window's own."""

    cancel_requested: SignalInstance

    def show_progress(self, step: Progress) -> None: ...

    def set_stopping(self) -> None: ...

    def show(self) -> None: ...

    def done_and_close(self) -> None: ...


class Job(QObject):
    """One running job as the window sees it: progress, a delayed view of it, Cancel, the end.

    `view` makes the view when the job has lasted `dialog_delay_ms` (a ProgressDialog
    unless given); it is shown every PROGRESS_INTERVAL_MS the job's latest step, so a
    remaining time keeps up with the clock even between steps.
    """

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
        view: Callable[[], ProgressView] | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.cancel_token = CancelToken()
        self.runner = JobRunner(factory, self.cancel_token)
        self.running = False
        self.dialog: ProgressView | None = None
        self.last: Progress | None = None
        self._parent_widget = parent
        self._show_dialog = show_dialog
        self._cancellable = cancellable
        self._explanation = explanation
        self._make_view = view or self._progress_dialog
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(dialog_delay_ms)
        self._delay.timeout.connect(self._open_dialog)
        self._ticks = QTimer(self)
        self._ticks.setInterval(PROGRESS_INTERVAL_MS)
        self._ticks.timeout.connect(self._look)
        self.runner.signals.finished.connect(self._on_finished)
        self.runner.signals.failed.connect(self._on_failed)

    def start(self) -> Job:
        self.running = True
        if self._show_dialog:
            self._delay.start()
        self._ticks.start()
        job_pool().start(self.runner)
        return self

    def cancel(self) -> None:
        self.cancel_token.cancel()
        if self.dialog is not None:
            self.dialog.set_stopping()

    def _progress_dialog(self) -> ProgressView:
        from recordorg.gui.widgets.progress_dialog import ProgressDialog

        return ProgressDialog(
            self._parent_widget,
            self.title,
            cancellable=self._cancellable,
            explanation=self._explanation,
        )

    def _open_dialog(self) -> None:
        if not self.running:
            return
        self.dialog = self._make_view()
        self.dialog.cancel_requested.connect(self.cancel)
        if self.last is not None:
            self.dialog.show_progress(self.last)
        if self.cancel_token.cancelled:
            self.dialog.set_stopping()
        self.dialog.show()

    def _look(self) -> None:
        """Show the job's latest step (and tell listeners when it is a new one)."""
        step = self.runner.latest
        if step is None:
            return
        if step is not self.last:
            self.last = step
            self.progress.emit(step)
        if self.dialog is not None:
            self.dialog.show_progress(step)

    def _close(self) -> None:
        self._look()  # the last step, however close to the end it came
        self.running = False
        self._delay.stop()
        self._ticks.stop()
        if self.dialog is not None:
            self.dialog.done_and_close()
            self.dialog = None

    def _on_finished(self, result: Any) -> None:
        self._close()
        self.finished.emit(result)

    def _on_failed(self, error: BaseException, trace: str) -> None:
        self._close()
        self.failed.emit(error, trace)
