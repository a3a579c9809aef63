"""Helpers for tests that look at the window while an import runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def import_stopped_after(window, qtbot) -> Iterator[None]:
    """Around checks made while an import runs: a failed check does not leave it running
    (closing the window would ask)."""
    try:
        yield
    finally:
        if window.imports.job is not None:
            window.imports.job.cancel()
            qtbot.waitUntil(lambda: window.imports.job is None, timeout=60_000)


def its_end(window, qtbot):
    """The report of the running import, once it has ended."""
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as finished:
        pass
    return finished.args[0]
