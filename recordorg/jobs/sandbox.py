"""Worker processes that parse untrusted files under a time and memory limit each."""

from __future__ import annotations

import os
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

from recordorg.jobs.child_process import (
    READER_MEMORY_LIMIT,
    ChildProcess,
    memory_limit_here,
    process_context,
)

DEFAULT_TIME_LIMIT = float(os.environ.get("RECORDORG_PARSE_TIMEOUT", "60"))


CRASHED = "Reading this file stopped the reader unexpectedly; the file may be damaged."
TOO_LONG = "Reading this file took too long and was stopped; the file may be damaged."


@dataclass
class Outcome:
    """What became of one task: its value, or an error message for the user."""

    key: Any
    ok: bool
    value: Any = None
    error: str = ""


def needs_more_memory(limit: int) -> str:
    """Why a file that ran a reader out of memory was stopped, with the reader's limit."""
    from recordorg.core.wording import human_size

    if not limit:
        return "Reading this file needs more memory than is safe; it was stopped."
    return (
        f"Reading this file would need more than {human_size(limit)} of memory, the most one "
        "file may use, so it was stopped."
    )


def _run_task(request: tuple[Callable[..., Any], tuple]) -> Iterator[tuple[bool, Any]]:
    """A reader's one reply to a task: (True, its value) or (False, a message)."""
    func, args = request
    try:
        result = (True, func(*args))
    except MemoryError:
        result = (False, needs_more_memory(memory_limit_here()))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # incl. panics of native decoders: this file fails
        from recordorg.formats.extracted import UnreadableFile

        if isinstance(error, UnreadableFile):
            result = (False, str(error))
        else:
            result = (False, f"bug: {type(error).__name__}: {error}\n{traceback.format_exc()}")
    yield result


def _unsendable_result(_result: Any, error: Exception) -> tuple[bool, str]:
    return (False, f"bug: cannot return result: {error}")


class _Worker(ChildProcess):
    def __init__(
        self, ctx: Any, memory_limit: int, watched: bool | None, preload: tuple[str, ...]
    ) -> None:
        super().__init__(ctx, _run_task, _unsendable_result, memory_limit, watched, preload)
        self.key: Any = None
        self.deadline = 0.0
        self.busy = False


class WorkerPool:
    """A few worker processes, started once for a whole import; a task that hangs, crashes
    its worker or uses more memory than it may fails alone. `watch_memory` forces the
    parent to watch the workers' memory (as on Windows and macOS) instead of the system.
    The workers are started all at once, without waiting for each other, and each loads
    the `preload` modules (those of its tasks) while the caller does other work."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        memory_limit: int = READER_MEMORY_LIMIT,
        watch_memory: bool | None = None,
        preload: tuple[str, ...] = (),
    ) -> None:
        self._ctx = process_context()
        self._preload = preload
        self._watch_memory = watch_memory
        # Reading waits on the disk (fsync) as much as on the processor: two readers a core.
        self.size = max(1, workers or min(4, 2 * (os.cpu_count() or 1)))
        self.time_limit = time_limit
        self.memory_limit = memory_limit
        self._workers = [self._start() for _ in range(self.size)]

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for worker in self._workers:
            worker.stop(kill=worker.busy)
        self._workers = []

    def run(
        self,
        tasks: Iterator[tuple[Any, Callable[..., Any], tuple, float]],
    ) -> Iterator[Outcome]:
        """Run (key, func, args, time_limit) tasks; yield outcomes as they finish.

        The caller may stop iterating at any time; call close() to stop the workers.
        """
        pending = iter(tasks)
        exhausted = False
        while True:
            for worker in self._workers:
                if worker.busy or exhausted:
                    continue
                try:
                    key, func, args, limit = next(pending)
                except StopIteration:
                    exhausted = True
                    break
                worker.key, worker.busy = key, True
                worker.deadline = time.monotonic() + (limit or self.time_limit)
                worker.conn.send((func, args))
            busy = [w for w in self._workers if w.busy]
            if not busy:
                return
            timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
            for index, worker in enumerate(list(self._workers)):
                if not worker.busy:
                    continue
                if worker.conn in ready:
                    try:
                        ok, value = worker.conn.recv()
                    except (EOFError, OSError):
                        yield self._replace(index, self._why_it_ended(worker))
                        continue
                    worker.busy = False
                    yield Outcome(worker.key, ok, value if ok else None, "" if ok else value)
                elif worker.process.sentinel in ready or not worker.process.is_alive():
                    yield self._replace(index, self._why_it_ended(worker))
                elif time.monotonic() >= worker.deadline:
                    yield self._replace(index, TOO_LONG)

    def _replace(self, index: int, reason: str) -> Outcome:
        worker = self._workers[index]
        key = worker.key
        worker.busy = False
        worker.stop(kill=True)
        self._workers[index] = self._start()
        return Outcome(key, False, None, reason)

    def _start(self) -> _Worker:
        return _Worker(self._ctx, self.memory_limit, self._watch_memory, self._preload)

    def _why_it_ended(self, worker: _Worker) -> str:
        if worker.over_memory():
            return needs_more_memory(self.memory_limit)
        return CRASHED
