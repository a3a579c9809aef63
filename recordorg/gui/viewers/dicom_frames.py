"""Reading a study's frames for the viewer, and the series thumbnails, off the GUI thread."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from PySide6.QtCore import QObject, QRunnable, QSize, Qt, Signal
from PySide6.QtGui import QImage

from recordorg.core.studies import StudySeries
from recordorg.formats.dicom_pixels import default_window, load_frame, to_display
from recordorg.formats.extracted import UnreadableFile
from recordorg.gui.viewers.dicom_canvas import array_to_image

PathOf = Callable[[str], Path]


class FrameSource:
    """Reads frames of a study's files, keeping the last few datasets and frames."""

    def __init__(self, path_of: PathOf, datasets: int = 6, frames: int = 64) -> None:
        self.path_of = path_of
        self._datasets: OrderedDict[str, Dataset] = OrderedDict()
        self._frames: OrderedDict[tuple[str, int], np.ndarray] = OrderedDict()
        self._sizes = (datasets, frames)

    def dataset(self, sha256: str) -> Dataset:
        ds = self._datasets.get(sha256)
        if ds is None:
            try:
                ds = pydicom.dcmread(self.path_of(sha256), force=True)
            except Exception as error:  # the stored file was checked at import; say so
                raise UnreadableFile("This scan file cannot be read any more.") from error
            self._datasets[sha256] = ds
            while len(self._datasets) > self._sizes[0]:
                self._datasets.popitem(last=False)
        else:
            self._datasets.move_to_end(sha256)
        return ds

    def frame(self, sha256: str, index: int) -> np.ndarray:
        key = (sha256, index)
        array = self._frames.get(key)
        if array is None:
            array = load_frame(self.dataset(sha256), index)
            self._frames[key] = array
            while len(self._frames) > self._sizes[1]:
                self._frames.popitem(last=False)
        return array

    def photometric(self, sha256: str) -> str:
        return str(self.dataset(sha256).get("PhotometricInterpretation", "MONOCHROME2"))


class _ThumbSignals(QObject):
    done = Signal(int, QImage)


class SeriesThumbnails(QRunnable):
    """The middle frame of each series, windowed and shrunk, read off the GUI thread."""

    def __init__(self, series: list[StudySeries], path_of: PathOf) -> None:
        super().__init__()
        self.series = series
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
                    QSize(96, 96), Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation)
            except Exception:  # noqa: BLE001 - a series without a preview still lists
                image = QImage()
            self.signals.done.emit(number, image)
