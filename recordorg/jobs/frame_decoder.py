"""Decoding DICOM frames ahead of the viewer, in a process of their own.

JPEG 2000 decoding holds the GIL (two threads decode no faster than one), so frames decoded
ahead on a thread would still stop the window while they decode. A decoder process uses the
other core: the viewer asks for the frames it expects to show next, newest request first,
and picks up the decoded frames when they are ready, without waiting.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from multiprocessing.connection import wait
from typing import Any

import numpy as np

from recordorg.jobs.child_process import DEFAULT_MEMORY_LIMIT, ChildProcess, process_context

log = logging.getLogger(__name__)
Key = tuple[str, int]  # (a file's path, a frame index)


def _decode(path: str, index: int) -> np.ndarray:
    import pydicom

    from recordorg.formats.dicom_pixels import load_frame

    return load_frame(pydicom.dcmread(path, force=True), index)


def _decode_frames(keys: list[Key]) -> Iterator[tuple[Key, np.ndarray | None]]:
    """The decoder process's replies to a list of frames asked for: each frame in turn
    (None if it cannot be decoded); a newer list replaces this one (the viewer moved on)."""
    for key in keys:
        try:
            frame = _decode(*key)
        except Exception:
            frame = None
        yield key, frame


def _unsendable_frame(frame: tuple[Key, Any], _error: Exception) -> tuple[Key, None]:
    return frame[0], None


class _Process(ChildProcess):
    def __init__(self, context: Any, memory_limit: int) -> None:
        super().__init__(context, _decode_frames, _unsendable_frame, memory_limit)
        self.alive = True


class FrameDecoder:
    """A few decoder processes for one viewer (one a core, up to `processes`); the frames
    asked for are shared out between them. `ask` and `ready` never wait; `wait` does, up to
    a time limit."""

    def __init__(self, processes: int = 2, memory_limit: int = DEFAULT_MEMORY_LIMIT) -> None:
        context = process_context()
        count = max(1, min(processes, os.cpu_count() or 1))
        self._processes = [_Process(context, memory_limit) for _ in range(count)]

    @property
    def alive(self) -> bool:
        return any(p.alive for p in self._processes)

    def ask(self, keys: list[Key]) -> None:
        """Decode these frames next, in this order (instead of anything asked before)."""
        live = [p for p in self._processes if p.alive]
        for n, worker in enumerate(live):
            try:
                worker.conn.send(list(keys[n :: len(live)]))
            except OSError:
                self._gone(worker)

    def ready(self) -> Iterator[tuple[Key, Any]]:
        """The frames decoded since last time: (key, array, or None if it failed)."""
        for worker in self._processes:
            try:
                while worker.alive and worker.conn.poll():
                    yield worker.conn.recv()
            except (EOFError, OSError):
                self._gone(worker)

    def wait(self, timeout: float) -> None:
        """Wait until a frame is ready or `timeout` seconds pass."""
        live = [p.conn for p in self._processes if p.alive]
        if live:
            wait(live, timeout)

    def _gone(self, worker: _Process) -> None:
        if worker.alive:
            log.info("a frame decoder stopped; its frames are decoded when shown")
        worker.alive = False

    def close(self) -> None:
        for worker in self._processes:
            worker.stop()
            worker.alive = False
