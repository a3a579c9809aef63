"""Running a long job from the command line: a progress bar, and Ctrl+C as Cancel."""

from __future__ import annotations

import sys
from collections.abc import Callable, Generator
from typing import TypeVar

from recordorg.cli.output import progress_bar
from recordorg.core.progress import CancelToken, Progress

T = TypeVar("T")


def run_job(job: Generator[Progress, None, T], *, quiet: bool = False) -> T:
    """Drive a job generator, drawing a progress bar on a terminal."""
    bar = progress_bar(sys.stderr) if not quiet and sys.stderr.isatty() else None
    try:
        while True:
            step = next(job)
            if bar:
                bar(step)
    except StopIteration as stop:
        if bar:
            bar(None)
        return stop.value
    except BaseException:
        if bar:
            bar(None)  # an error's words start on a line of their own, not after the bar
        raise


def run_cancellable(
    make_job: Callable[[CancelToken], Generator[Progress, None, T]], *, quiet: bool = False
) -> T:
    """Run a job that Ctrl+C stops cleanly: the job finishes the file in hand and reports."""
    cancel = CancelToken()
    job = make_job(cancel)
    try:
        return run_job(job, quiet=quiet)
    except KeyboardInterrupt:
        cancel.cancel()
        return run_job(job, quiet=True)
