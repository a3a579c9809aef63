"""Watching child processes' memory from the parent, where the system cannot limit it
(Windows, macOS): a child over its budget is ended, as Linux's RLIMIT_AS would stop it."""

from __future__ import annotations

import logging
import threading
from typing import Any

log = logging.getLogger(__name__)

SAMPLE_SECONDS = 0.1


class MemoryWatch:
    """One thread that samples the memory of the children it is given and ends any that
    uses more than its limit; `ended` tells which it ended."""

    def __init__(self, interval: float = SAMPLE_SECONDS) -> None:
        self.interval = interval
        self._children: dict[int, tuple[int, Any]] = {}
        self._ended: set[int] = set()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def watch(self, pid: int, limit: int) -> None:
        try:
            import psutil
        except ImportError:  # a source install without it: time limits still hold
            log.warning("psutil is missing: readers' memory is not limited on this system")
            return
        try:
            child = psutil.Process(pid)
        except psutil.Error:
            return  # already gone: nothing to watch
        with self._lock:
            self._children[pid] = (limit, child)
            self._ended.discard(pid)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="memory-watch", daemon=True)
                self._thread.start()

    def forget(self, pid: int) -> None:
        with self._lock:
            self._children.pop(pid, None)
            self._ended.discard(pid)

    def ended(self, pid: int) -> bool:
        with self._lock:
            return pid in self._ended

    def _run(self) -> None:
        while True:
            with self._lock:
                children = dict(self._children)
                if not children:
                    self._thread = None
                    return
            for pid, (limit, child) in children.items():
                if self._over(child, limit):
                    with self._lock:
                        self._ended.add(pid)
                        self._children.pop(pid, None)
            self._wake.wait(self.interval)

    @staticmethod
    def _over(child: Any, limit: int) -> bool:
        """End `child` if it uses more than `limit` bytes; True if it was ended."""
        import psutil

        try:
            if child.memory_info().rss <= limit:
                return False
            child.kill()
        except psutil.Error:
            return False  # it ended on its own: the parent sees that
        return True


_watch = MemoryWatch()


def memory_watch() -> MemoryWatch:
    """The application's one memory watch."""
    return _watch
