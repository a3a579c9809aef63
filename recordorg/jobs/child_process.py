"""Child processes (the readers of untrusted files, the viewer's frame decoders): how they
are started on each platform, their limits, and the one loop of requests each runs."""

from __future__ import annotations

import importlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from recordorg.jobs.memory_watch import memory_watch

MIB = 1024 * 1024
# A reader of untrusted files: its decoded data is held to the budget (formats/budget.py)
# before decoding, so 1 GB leaves room for its libraries and a copy or two, and four readers
# and the window stay near 1.5 GB even when every reader meets a bomb.
READER_MEMORY_LIMIT = int(os.environ.get("RECORDORG_PARSE_MEMORY_MB", "1024")) * MIB
# Other children (the viewer's frame decoders) read files already imported and checked.
DEFAULT_MEMORY_LIMIT = 3072 * MIB
# Forces how children start ("spawn", "forkserver"): the one place it is chosen.
START_METHOD_VARIABLE = "RECORDORG_START_METHOD"
# Loaded once by the server readers are forked from (Linux), so every reader has them at
# no cost; a reader started by `spawn` imports only what its files need, when they come.
FORKSERVER_PRELOAD = [
    "recordorg.jobs.worker",
    "recordorg.formats.pdf",
    "recordorg.formats.image",
    "recordorg.formats.dicom",
    "recordorg.formats.dicomdir",
    "recordorg.formats.dicom_pixels",
    "recordorg.formats.ccda_read",
    "recordorg.formats.fhir",
    "recordorg.formats.other",
]

# What a child does with one request: the replies to send back, made one at a time.
Answer = Callable[[Any], Iterator[Any]]
# The reply sent instead of one that cannot be sent (it cannot be pickled, say).
Unsendable = Callable[[Any, Exception], Any]

# The memory limit the system holds this child to (0: none, or the parent watches it).
_limit_in_this_process = 0


def system_limits_memory() -> bool:
    """Whether the system itself stops a child at its memory limit (Linux's RLIMIT_AS);
    elsewhere (Windows, macOS) the parent watches the child's memory instead."""
    return sys.platform.startswith("linux")


def start_method() -> str:
    """How children start: forced by RECORDORG_START_METHOD, else from a server with the
    readers' libraries loaded once where the platform has one (Linux), else `spawn`
    (Windows, macOS, where forking a process that has used system libraries is unsafe)."""
    available = multiprocessing.get_all_start_methods()
    forced = os.environ.get(START_METHOD_VARIABLE, "").strip().lower()
    if forced in available:
        return forced
    if sys.platform.startswith("linux") and "forkserver" in available:
        return "forkserver"
    return "spawn"


def process_context() -> Any:
    """The multiprocessing context every child process is started from."""
    method = start_method()
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(FORKSERVER_PRELOAD)
        _start_forkserver()
    return context


def end_with_parent() -> None:
    """End this child as soon as the application ends (even killed): a reader must not go
    on keeping files for an import nobody will commit. Everywhere a thread watches the
    parent's end of the pipe this child was started through; on Linux the kernel also
    kills it (the parent-death signal) when it is stuck in a decoder that never lets the
    thread run."""
    watch_parent()
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            import signal

            libc = ctypes.CDLL(None, use_errno=True)
            pr_set_pdeathsig = 1
            libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watching thread is enough


def watch_parent() -> threading.Thread | None:
    """Start a thread that ends this process when its parent process ends (None if this
    process has no multiprocessing parent)."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return None

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    thread = threading.Thread(target=watch, name="parent-watch", daemon=True)
    thread.start()
    return thread


def limit_memory(memory_limit: int) -> None:
    """Hold this process to `memory_limit` bytes where the system can (Linux)."""
    global _limit_in_this_process
    if not memory_limit or not system_limits_memory():
        return
    if sys.platform != "win32":
        import resource

        try:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
            _limit_in_this_process = memory_limit
        except (ValueError, OSError):
            pass


def memory_limit_here() -> int:
    """The memory limit the system holds this process to (0: none)."""
    return _limit_in_this_process


def limit_child(memory_limit: int) -> None:
    """What every child process does first: end with the parent, and stay within
    `memory_limit` bytes (0: no limit, or the parent watches)."""
    end_with_parent()
    limit_memory(memory_limit)


def serve(
    conn: Connection,
    memory_limit: int,
    answer: Answer,
    unsendable: Unsendable,
    preload: tuple[str, ...] = (),
) -> None:
    """The loop every child process runs: within its limits, load the `preload` modules
    before the first request comes, then answer each request that comes down the pipe,
    sending each reply as soon as it is made; a newer request that arrives while replies
    are still being made replaces the older one (the parent has moved on).
    Ends when the parent says so (None), when the pipe closes, or on an interrupt."""
    limit_child(memory_limit)
    load_ahead(preload)
    replies: Iterator[Any] | None = None
    while True:
        if replies is None or conn.poll():
            try:
                request = conn.recv()
            except EOFError:
                return
            if request is None:
                return
            replies = answer(request)
            continue
        try:
            reply = next(replies)
        except StopIteration:
            replies = None
            continue
        except (KeyboardInterrupt, SystemExit):
            return
        try:
            conn.send(reply)
        except (BrokenPipeError, EOFError):
            return
        except Exception as error:  # a reply that cannot be sent is a bug, not a hang
            conn.send(unsendable(reply, error))


def load_ahead(modules: tuple[str, ...]) -> None:
    """Import `modules` now, while nothing is asked of this child yet; one that fails is
    left for the request that needs it to report."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            pass


class ChildProcess:
    """A child process serving `answer` to requests (see `serve`), and the pipe to it;
    `stop` asks it to end (sends None) or kills it. Its memory is held to `memory_limit`
    by the system where it can, else watched from here (`watched` forces either). It loads
    the `preload` modules as soon as it starts, before its first request."""

    def __init__(
        self,
        ctx: Any,
        answer: Answer,
        unsendable: Unsendable,
        memory_limit: int,
        watched: bool | None = None,
        preload: tuple[str, ...] = (),
    ) -> None:
        self.watched = bool(memory_limit) and (
            not system_limits_memory() if watched is None else watched
        )
        self.conn, child = ctx.Pipe()
        own_limit = 0 if self.watched else memory_limit
        self.process = ctx.Process(
            target=serve, args=(child, own_limit, answer, unsendable, preload), daemon=True
        )
        self.process.start()
        child.close()
        if self.watched:
            memory_watch().watch(self.process.pid, memory_limit)

    def over_memory(self) -> bool:
        """Whether the parent ended this child for using more memory than its limit."""
        return self.watched and memory_watch().ended(self.process.pid)

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
        if self.watched:
            memory_watch().forget(self.process.pid)
        self.conn.close()


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
