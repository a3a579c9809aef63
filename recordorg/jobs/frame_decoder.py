"""Decoding DICOM frames ahead of the viewer, in a process of their own.

JPEG 2000 decoding holds the GIL (two threads decode no faster than one), so frames decoded
ahead on a thread would still stop the window while they decode. A decoder process uses the
other core: the viewer asks for the frames it expects to show next, newest request first,
and picks up the decoded frames when they are ready, without waiting.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import Any

import numpy as np

from recordorg.jobs.sandbox import DEFAULT_MEMORY_LIMIT, forkserver_context

log = logging.getLogger(__name__)
Key = tuple[str, int]  # (a file's path, a frame index)


def _decode(path: str, index: int) -> np.ndarray:
    import pydicom

    from recordorg.formats.dicom_pixels import load_frame

    return load_frame(pydicom.dcmread(path, force=True), index)


def _serve(conn: Connection, memory_limit: int) -> None:
    """The decoder process: decode each asked-for frame, dropping a list as soon as a newer
    one arrives (the viewer has moved on)."""
    import resource

    try:
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    except (ValueError, OSError):
        pass
    wanted: list[Key] = []
    while True:
        if not wanted or conn.poll():
            try:
                message = conn.recv()
            except EOFError:
                return
            if message is None:
                return
            wanted = list(message)
            continue
        key = wanted.pop(0)
        try:
            conn.send((key, _decode(*key)))
        except (BrokenPipeError, EOFError):
            return
        except Exception:  # noqa: BLE001 - the viewer reports it when the frame is shown
            conn.send((key, None))


class FrameDecoder:
    """One decoder process for one viewer; `ask` and `ready` never wait."""

    def __init__(self, memory_limit: int = DEFAULT_MEMORY_LIMIT) -> None:
        context = forkserver_context()
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child, memory_limit),
                                        daemon=True)
        self._process.start()
        child.close()
        self.alive = True

    def ask(self, keys: list[Key]) -> None:
        """Decode these frames next, in this order (instead of anything asked before)."""
        if not self.alive:
            return
        try:
            self._conn.send(list(keys))
        except OSError:
            self._gone()

    def ready(self) -> Iterator[tuple[Key, Any]]:
        """The frames decoded since last time: (key, array, or None if it failed)."""
        try:
            while self.alive and self._conn.poll():
                yield self._conn.recv()
        except (EOFError, OSError):
            self._gone()

    def _gone(self) -> None:
        if self.alive:
            log.info("the frame decoder stopped; frames are decoded when shown")
        self.alive = False

    def close(self) -> None:
        if self._process.is_alive():
            try:
                self._conn.send(None)
            except OSError:
                pass
            self._process.join(timeout=1)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        self._conn.close()
        self.alive = False
