"""What a long job reports as it goes, and how it is asked to stop (used by jobs and bundle)."""

from __future__ import annotations

import threading
from dataclasses import dataclass


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
