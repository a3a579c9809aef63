"""Reading a study's frames for the viewer, and the series thumbnails, off the GUI thread."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage

from recordorg.core.catalogue.studies import StudySeries
from recordorg.formats.dicom_pixels import default_window, load_frame, to_display
from recordorg.formats.extracted import UnreadableFile
from recordorg.gui.viewers.dicom_canvas import array_to_image
from recordorg.jobs.frame_decoder import FrameDecoder

PathOf = Callable[[str], Path]


class FrameSource:
    """Reads frames of a study's files, keeping the last few datasets and frames (frames
    decoded ahead elsewhere are added with `keep`)."""

    def __init__(self, path_of: PathOf, datasets: int = 6, frames: int = 96) -> None:
        self.path_of = path_of
        self._datasets: OrderedDict[str, Dataset] = OrderedDict()
        self._frames: OrderedDict[tuple[str, int], np.ndarray] = OrderedDict()
        self._sizes = (datasets, frames)

    def dataset(self, sha256: str) -> Dataset:
        ds = self._datasets.get(sha256)
        if ds is None:
            ds = self._read(sha256)
            self._datasets[sha256] = ds
            while len(self._datasets) > self._sizes[0]:
                self._datasets.popitem(last=False)
        else:
            self._datasets.move_to_end(sha256)
        return ds

    def _read(self, sha256: str) -> Dataset:
        try:
            return pydicom.dcmread(self.path_of(sha256), force=True)
        except Exception as error:  # the stored file was checked at import; say so
            raise UnreadableFile("This scan file cannot be read any more.") from error

    def cached(self, sha256: str, index: int) -> bool:
        return (sha256, index) in self._frames

    def keep(self, key: tuple[str, int], array: np.ndarray) -> None:
        self._frames[key] = array
        while len(self._frames) > self._sizes[1]:
            self._frames.popitem(last=False)

    def frame(self, sha256: str, index: int) -> np.ndarray:
        key = (sha256, index)
        array = self._frames.get(key)
        if array is None:
            array = load_frame(self.dataset(sha256), index)
            self.keep(key, array)
        else:
            self._frames.move_to_end(key)
        return array

    def photometric(self, sha256: str) -> str:
        return str(self.dataset(sha256).get("PhotometricInterpretation", "MONOCHROME2"))


class DecoderHolder:
    """The viewer's frame decoder processes, started off the GUI thread (starting them can
    take most of a second while the readers' libraries load), stopped while the viewer is
    hidden (another tab) so only the study in view keeps processes, and closed with it."""

    def __init__(self) -> None:
        self.decoder: FrameDecoder | None = None
        self.starting = False
        self.closed = False
        self._generation = 0  # a start begun before a pause or close is thrown away

    def start(self) -> None:
        if self.starting or self.decoder is not None or self.closed:
            return
        self.starting = True
        QThreadPool.globalInstance().start(_StartDecoder(self, self._generation))

    def pause(self) -> None:
        """Stop the processes for now; the next slow frame starts them again."""
        self._generation += 1
        self.starting = False
        if self.decoder is not None:
            self.decoder.close()
            self.decoder = None

    def close(self) -> None:
        self.closed = True
        self.pause()

    def started(self, decoder: FrameDecoder, generation: int) -> None:
        if self.closed or generation != self._generation:
            decoder.close()
        else:
            self.decoder, self.starting = decoder, False


class _StartDecoder(QRunnable):
    def __init__(self, holder: DecoderHolder, generation: int) -> None:
        super().__init__()
        self.holder, self.generation = holder, generation

    def run(self) -> None:
        try:
            decoder = FrameDecoder()
        except Exception:
            return
        self.holder.started(decoder, self.generation)


class _ThumbSignals(QObject):
    done = Signal(int, QImage)


class SeriesThumbnails(QRunnable):
    """The middle frame of each series, windowed and shrunk, read off the GUI thread."""

    def __init__(self, series: list[StudySeries], path_of: PathOf, side: int = 96) -> None:
        super().__init__()
        self.series = series
        self.side = side  # in screen pixels
        self.source = FrameSource(path_of, datasets=1, frames=1)
        self.signals = _ThumbSignals()

    def run(self) -> None:
        for number, series in enumerate(self.series):
            frames = series.frames()
            sha, index = frames[len(frames) // 2]
            try:
                array = self.source.frame(sha, index)
                ds = self.source.dataset(sha)
                center, width = default_window(ds, array)
                shown = to_display(array, center, width, self.source.photometric(sha))
                image = array_to_image(shown).scaled(
                    QSize(self.side, self.side),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            except Exception:
                image = QImage()
            self.signals.done.emit(number, image)
