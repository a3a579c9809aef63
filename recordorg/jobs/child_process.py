"""Child processes forked from one server: their limits, their start, and the one loop of
requests each runs (the readers of untrusted files, the viewer's frame decoders)."""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import threading
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any

MIB = 1024 * 1024
# A reader of untrusted files: its decoded data is held to the budget (formats/budget.py)
# before decoding, so 1 GB leaves room for its libraries and a copy or two, and four readers
# and the window stay near 1.5 GB even when every reader meets a bomb.
READER_MEMORY_LIMIT = int(os.environ.get("RECORDORG_PARSE_MEMORY_MB", "1024")) * MIB
# Other children (the viewer's frame decoders) read files already imported and checked.
DEFAULT_MEMORY_LIMIT = 3072 * MIB

# What a child does with one request: the replies to send back, made one at a time.
Answer = Callable[[Any], Iterator[Any]]
# The reply sent instead of one that cannot be sent (it cannot be pickled, say).
Unsendable = Callable[[Any, Exception], Any]


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


def serve(conn: Connection, memory_limit: int, answer: Answer, unsendable: Unsendable) -> None:
    """The loop every child process runs: within its limits, answer each request that comes
    down the pipe, sending each reply as soon as it is made; a newer request that arrives
    while replies are still being made replaces the older one (the parent has moved on).
    Ends when the parent says so (None), when the pipe closes, or on an interrupt."""
    limit_child(memory_limit)
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


class ChildProcess:
    """A process forked from the server, serving `answer` to requests (see `serve`), and
    the pipe to it; `stop` asks it to end (sends None) or kills it."""

    def __init__(self, ctx: Any, answer: Answer, unsendable: Unsendable, memory_limit: int) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=serve, args=(child, memory_limit, answer, unsendable), daemon=True
        )
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
