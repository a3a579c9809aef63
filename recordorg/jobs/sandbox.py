"""Worker processes that parse untrusted files under a time and memory limit each."""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

DEFAULT_TIME_LIMIT = float(os.environ.get("RECORDORG_PARSE_TIMEOUT", "60"))
DEFAULT_MEMORY_LIMIT = int(os.environ.get("RECORDORG_PARSE_MEMORY_MB", "3072")) * 1024 * 1024


CRASHED = "Reading this file stopped the reader unexpectedly; the file may be damaged."
TOO_LONG = "Reading this file took too long and was stopped; the file may be damaged."


@dataclass
class Outcome:
    """What became of one task: its value, or an error message for the user."""

    key: Any
    ok: bool
    value: Any = None
    error: str = ""


def end_with_server() -> None:
    """Linux: end this reader when the server it was forked from ends, which it does as soon
    as the application does (even killed): a reader must not go on keeping files for an
    import nobody will commit."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the reader ends when it next finds its pipe closed


def limit_child(memory_limit: int) -> None:
    """What every child process does first: end with the server, and stay within
    `memory_limit` bytes (0: no limit)."""
    end_with_server()
    if memory_limit:
        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
        except (ValueError, OSError):
            pass


def _worker_main(conn: Connection, memory_limit: int) -> None:
    limit_child(memory_limit)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        func, args = message
        try:
            result = (True, func(*args))
        except MemoryError:
            result = (False, "Reading this file needs more memory than is safe; it was stopped.")
        except (KeyboardInterrupt, SystemExit):
            return
        except BaseException as error:  # incl. panics of native decoders: this file fails
            from recordorg.formats.extracted import UnreadableFile

            if isinstance(error, UnreadableFile):
                result = (False, str(error))
            else:
                result = (False, f"bug: {type(error).__name__}: {error}\n{traceback.format_exc()}")
        try:
            conn.send(result)
        except Exception as error:  # an unpicklable result is a bug, not a hang
            conn.send((False, f"bug: cannot return result: {error}"))


class ChildProcess:
    """A process forked from the server, running `target(connection, memory_limit)`, and the
    pipe to it; `stop` asks it to end (sends None) or kills it."""

    def __init__(
        self, ctx: Any, target: Callable[[Connection, int], None], memory_limit: int
    ) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=target, args=(child, memory_limit), daemon=True)
        self.process.start()
        child.close()

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


class _Worker(ChildProcess):
    def __init__(self, ctx: Any, memory_limit: int) -> None:
        super().__init__(ctx, _worker_main, memory_limit)
        self.key: Any = None
        self.deadline = 0.0
        self.busy = False


_forkserver_lock = threading.Lock()


def _start_forkserver() -> None:
    """Start the server the readers are forked from with this process's import path.
    Python 3.11 starts it with `python -c`, which puts the current folder first, and ignores
    the path it is given: a folder named "recordorg" where the user happens to be (a clone of
    this project, say) then hid the installed package from every reader, and every file
    failed to import. The server gets this process's path instead (PYTHONPATH), without the
    current folder (PYTHONSAFEPATH, Python >= 3.11)."""
    from multiprocessing import forkserver

    wanted = {"PYTHONSAFEPATH": "1", "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    with _forkserver_lock:
        before = {key: os.environ.get(key) for key in wanted}
        os.environ.update(wanted)
        try:
            forkserver.ensure_running()
        finally:
            for key, value in before.items():
                if value is None:
                    del os.environ[key]
                else:
                    os.environ[key] = value


def forkserver_context() -> Any:
    """The multiprocessing context the readers (and the viewer's frame decoder) are forked
    from: a server with the readers' libraries loaded once, started safely."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["recordorg.jobs.worker"])
    _start_forkserver()
    return context


class WorkerPool:
    """A few worker processes; a task that hangs or crashes its worker fails alone."""

    def __init__(
        self,
        workers: int | None = None,
        *,
        time_limit: float = DEFAULT_TIME_LIMIT,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
    ) -> None:
        self._ctx = forkserver_context()
        # Reading waits on the disk (fsync) as much as on the processor: two readers a core.
        self.size = max(1, workers or min(4, 2 * (os.cpu_count() or 1)))
        self.time_limit = time_limit
        self.memory_limit = memory_limit
        self._workers = [_Worker(self._ctx, memory_limit) for _ in range(self.size)]

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
                        yield self._replace(index, CRASHED)
                        continue
                    worker.busy = False
                    yield Outcome(worker.key, ok, value if ok else None, "" if ok else value)
                elif worker.process.sentinel in ready or not worker.process.is_alive():
                    yield self._replace(index, CRASHED)
                elif time.monotonic() >= worker.deadline:
                    yield self._replace(index, TOO_LONG)

    def _replace(self, index: int, reason: str) -> Outcome:
        worker = self._workers[index]
        key = worker.key
        worker.busy = False
        worker.stop(kill=True)
        self._workers[index] = _Worker(self._ctx, self.memory_limit)
        return Outcome(key, False, None, reason)
