"""What a long job reports as it goes, and how it is asked to stop (used by jobs and bundle)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Generator
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


class RemainingTime:
    """How long a job has left, from how fast its counted steps have gone so far.

    Says nothing (None) until it can say it honestly: the count must have moved for
    SETTLE_SECONDS and by SETTLE_STEPS since its first step was seen (readers starting,
    a disc spinning up and steps arriving in bursts make the first seconds misleading).
    A new total (the next phase of a job) or a step back starts the measure again;
    time passing without steps makes the estimate grow.
    """

    SETTLE_SECONDS = 4.0
    SETTLE_STEPS = 3

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._start: tuple[float, int, int] | None = None  # when, done, total

    def seconds_left(self, step: Progress) -> float | None:
        """The seconds this step's job has left, or None while that cannot be said."""
        now = self._clock()
        if not step.total or step.message or step.done >= step.total:
            return None  # uncounted work (looking for files, previews) has no estimate
        if self._start is None or self._start[2] != step.total or step.done < self._start[1]:
            self._start = (now, step.done, step.total)
        since, first_done, _total = self._start
        elapsed, steps = now - since, step.done - first_done
        if elapsed < self.SETTLE_SECONDS or steps < self.SETTLE_STEPS:
            return None
        return (step.total - step.done) * elapsed / steps


def time_left(seconds: float) -> str:
    """A remaining time as people say it: "a few seconds left", "about 40 s left",
    "about 2 min left", "about 1 h 20 min left"."""
    if seconds < 10:
        return "a few seconds left"
    if seconds < 55:
        return f"about {max(10, round(seconds / 5) * 5):.0f} s left"
    minutes = max(1, round(seconds / 60))
    if minutes < 90:
        return f"about {minutes} min left"
    hours, minutes = divmod(round(minutes / 10) * 10, 60)
    return f"about {hours} h {minutes} min left" if minutes else f"about {hours} h left"


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
