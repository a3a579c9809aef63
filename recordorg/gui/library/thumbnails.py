"""Record thumbnails from the library's cache, read off the GUI thread, newest asks first."""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtGui import QImage, QImageReader

MAX_SIDE = 320  # thumbnails are stored at about 256 px; larger ones are scaled on reading


class _Signals(QObject):
    loaded = Signal(int, QImage)


class _Loader(QRunnable):
    def __init__(self, cache: ThumbnailCache) -> None:
        super().__init__()
        self.cache = cache

    def run(self) -> None:
        while True:
            job = self.cache._next_job()
            if job is None:
                return
            record_id, path = job
            image = QImage()
            if path.exists():
                reader = QImageReader(str(path))
                size = reader.size()
                if size.isValid() and max(size.width(), size.height()) > MAX_SIDE:
                    reader.setScaledSize(size.scaled(MAX_SIDE, MAX_SIDE, _keep_aspect()))
                image = reader.read()
            self.cache._signals.loaded.emit(record_id, image)


def _keep_aspect():
    from PySide6.QtCore import Qt

    return Qt.AspectRatioMode.KeepAspectRatio


class ThumbnailCache(QObject):
    """Ask with get(); a miss queues a read and `ready` fires when the image is in."""

    ready = Signal(int)

    def __init__(self, folder_for: object, capacity: int = 600, parent: QObject | None = None):
        super().__init__(parent)
        self._path_for = folder_for  # callable: record id -> Path
        self._images: OrderedDict[int, QImage | None] = OrderedDict()
        self._capacity = capacity
        self._queue: deque[int] = deque()
        self._queued: set[int] = set()
        self._lock = threading.Lock()
        self._running = False
        self._signals = _Signals()
        self._signals.loaded.connect(self._on_loaded)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def get(self, record_id: int) -> QImage | None:
        """The thumbnail if loaded (None while loading or when there is none)."""
        if record_id in self._images:
            self._images.move_to_end(record_id)
            return self._images[record_id]
        with self._lock:
            if record_id not in self._queued:
                self._queued.add(record_id)
                self._queue.append(record_id)
            if not self._running:
                self._running = True
                self._pool.start(_Loader(self))
        return None

    def has(self, record_id: int) -> bool:
        return record_id in self._images

    def forget(self, record_id: int) -> None:
        self._images.pop(record_id, None)

    def clear(self) -> None:
        self._images.clear()
        with self._lock:
            self._queue.clear()
            self._queued.clear()

    def wait(self) -> None:
        self._pool.waitForDone()

    def _next_job(self) -> tuple[int, Path] | None:
        with self._lock:
            if not self._queue:
                self._running = False
                return None
            record_id = self._queue.pop()  # the most recently asked for first
            self._queued.discard(record_id)
        return record_id, Path(self._path_for(record_id))

    def _on_loaded(self, record_id: int, image: QImage) -> None:
        self._images[record_id] = None if image.isNull() else image
        while len(self._images) > self._capacity:
            self._images.popitem(last=False)
        self.ready.emit(record_id)
