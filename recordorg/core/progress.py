"""What a long job reports as it goes, and how it is asked to stop (used by jobs and bundle)."""

from __future__ import annotations

import threading
from collections.abc import Generator
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass
class Progress:
    """One step of a job: how far it is and what it is doing (no patient text)."""

    done: int
    total: int
    current: str = ""
    message: str = ""

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


class CancelToken:
    """Set by the user (Cancel, Ctrl+C); a job checks it between steps and stops cleanly."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def run_to_end(job: Generator[Progress, None, T]) -> T:
    """Drive a job generator to its end without showing progress; return its result."""
    while True:
        try:
            next(job)
        except StopIteration as stop:
            return stop.value
