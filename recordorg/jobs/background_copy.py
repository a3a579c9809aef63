"""Copying many files in a separate small process while this one goes on with other work.

An export spends its time in two kinds of work: the kernel copying imaging studies (no
Python needed) and Python writing REVIEW.PDF, the summary and the metadata (one core, the
GIL). A thread cannot overlap them (the copying thread would wait for the GIL after every
file); a process running `bundle/kernel_copy.py` can. It starts in about a tenth of a
second; below `WORTH_IT_BYTES` the copies are made in this process instead.
"""

from __future__ import annotations

import errno
import logging
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from recordorg.bundle import kernel_copy

log = logging.getLogger(__name__)
WORTH_IT_BYTES = 32 * 1024 * 1024


class BackgroundCopy:
    """Copies (source, target, size) files in a child process; `done` counts those copied.
    Use `wait()` for the end (it raises the first OSError) and `stop()` to give up."""

    def __init__(
        self,
        jobs: list[tuple[Path, Any, int]],
        *,
        copy: Callable[[Path, Any, int], None] | None = None,
        keep_open: tuple[int, ...] = (),
    ) -> None:
        """`copy`, when given, copies in this process (e.g. into a zip being written);
        `keep_open` are file descriptors the child keeps open (a lock held until it ends;
        Windows passes no descriptors to a child, so there this process holds the lock)."""
        self.jobs = jobs
        self.done = 0
        self._copy = copy or kernel_copy.copy_file
        self._keep_open = keep_open
        self._error: OSError | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        small = sum(size for _s, _t, size in jobs) < WORTH_IT_BYTES
        self._in_process = copy is not None or small
        if not self._in_process:
            self._start()

    @property
    def in_background(self) -> bool:
        return self._process is not None

    def _start(self) -> None:
        script = Path(kernel_copy.__file__)
        if not sys.executable or getattr(sys, "frozen", False) or not script.is_file():
            # no Python to run it with (a packaged application runs itself)
            self._in_process = True
            return
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-S", str(script)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                pass_fds=self._keep_open if sys.platform != "win32" else (),
            )
        except OSError as error:
            log.info("copying in this process: the copier did not start (%s)", error)
            self._in_process = True
            return
        self._thread = threading.Thread(target=self._talk, name="background-copy", daemon=True)
        self._thread.start()

    def _talk(self) -> None:
        """Send the list, then follow the child's report (runs on a thread: it waits on
        the pipes, which lets the GIL go)."""
        process = self._process
        assert process is not None and process.stdin and process.stdout
        try:
            process.stdin.write(kernel_copy.encode_jobs(self.jobs))
            process.stdin.close()
        except OSError:
            pass  # it stopped early: its report or status says why
        for line in process.stdout:
            word, _, rest = line.decode("utf-8", "replace").strip().partition(" ")
            if word == "done":
                self.done = int(rest)
            elif word == "error":
                code, index, message = (rest.split(" ", 2) + ["", ""])[:3]
                path = self.jobs[int(index)][1] if index.isdigit() else None
                self._error = OSError(int(code) if code.isdigit() else 0, message, path)
        status = process.wait()
        if status != 0 and self._error is None:
            detail = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
            log.warning("the copier stopped with status %s: %s", status, detail[-2000:])
            self._error = OSError(errno.EIO, "copying the imaging files stopped unexpectedly")

    def wait(self, timeout: float | None = None) -> bool:
        """True once every file is copied, False if `timeout` seconds passed first (when
        not in the background, the copies are made here meanwhile); raises the OSError that
        stopped the copying."""
        if self._in_process:
            until = None if timeout is None else time.monotonic() + timeout
            for source, target, size in self.jobs[self.done :]:
                self._copy(source, target, size)
                self.done += 1
                if until is not None and time.monotonic() >= until:
                    break
            return self.done == len(self.jobs)
        assert self._thread is not None
        self._thread.join(timeout)
        if self._thread.is_alive():
            return False
        if self._error is not None:
            raise self._error
        if self.done != len(self.jobs):
            raise OSError(
                errno.EIO, f"only {self.done} of {len(self.jobs)} imaging files were copied"
            )
        return True

    def stop(self) -> None:
        """Stop copying (the export was cancelled or failed); returns once the child is
        gone, so nothing writes into the bundle folder after this."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
        if self._thread is not None:
            self._thread.join()
        if self._process is not None:
            for pipe in (self._process.stdout, self._process.stderr):
                if pipe is not None:
                    pipe.close()
