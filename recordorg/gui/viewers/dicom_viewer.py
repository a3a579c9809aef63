"""An imaging study: series with thumbnails, slices by wheel, slider and keys, window/level;
and the reports the study carries (PDFs inside DICOM files), shown as documents."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QHideEvent, QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSlider,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from recordorg.core.catalogue.records import Record
from recordorg.core.catalogue.studies import StudyDocument, StudySeries
from recordorg.core.wording import NO_DATE
from recordorg.formats.dicom_pixels import default_window
from recordorg.formats.extracted import UnreadableFile
from recordorg.gui.icons import icon
from recordorg.gui.viewers.base import RecordViewer
from recordorg.gui.viewers.dicom_canvas import DicomCanvas
from recordorg.gui.viewers.dicom_frames import (
    DecoderHolder,
    FrameSource,
    PathOf,
    SeriesThumbnails,
)
from recordorg.gui.viewers.dicom_windows import (
    AUTO,
    OWN,
    auto_window,
    patient_words,
    preset_words,
    presets_for,
)

PREFETCH_AHEAD, PREFETCH_BEHIND = 16, 4  # frames decoded ahead of the one shown
SLOW_DECODE_MS = 12  # a frame slower than this to decode starts the decoder process
CINE_FPS = 12


class DicomViewer(RecordViewer):
    def __init__(
        self,
        record: Record,
        series: list[StudySeries],
        path_of: PathOf,
        parent: QWidget | None = None,
        *,
        documents: Sequence[StudyDocument] = (),
        document_file: Callable[[StudyDocument], Path] | None = None,
    ) -> None:
        super().__init__(record, parent)
        self.series = series
        self.documents = list(documents)
        self._document_file = document_file
        self.document_viewer: RecordViewer | None = None
        self.source = FrameSource(path_of)
        self.series_index = -1
        self.frames: list[tuple[str, int]] = []
        self.current_slice = 0
        self._preset = OWN
        self._presets: dict[str, tuple[float, float] | None] = presets_for("")
        self._default_window = (0.0, 1.0)
        self._auto_window = (0.0, 1.0)
        self._window_set = False
        self._decoder = DecoderHolder()
        self._asked: dict[str, str] = {}  # path -> file key of frames asked of the decoder
        self._pending: set[tuple[str, int]] = set()  # frames asked and not yet back
        holder = self._decoder
        self.destroyed.connect(lambda *_: holder.close())
        self._collect = QTimer(self)
        self._collect.setInterval(15)
        self._collect.timeout.connect(self._collect_decoded)
        self._cine = QTimer(self)
        self._cine.setInterval(1000 // CINE_FPS)
        self._cine.timeout.connect(self._next_in_cine)

        self.canvas = DicomCanvas()
        self.canvas.slice_step.connect(lambda step: self.show_slice(self.current_slice + step))
        self.canvas.window_changed.connect(self._window_changed)
        self.canvas.zoom_changed.connect(lambda _z: self._update_overlay())
        self.series_list = QListWidget()
        self.series_list.setObjectName("seriesList")
        self.series_list.setAccessibleName("Series of the study")
        self.series_list.setIconSize(QSize(72, 72))
        self.series_list.setSpacing(2)
        self.series_list.setWordWrap(True)
        self.series_list.currentRowChanged.connect(self.show_series)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setAccessibleName("Slice")
        self.slider.setMinimum(0)
        self.slider.valueChanged.connect(self.show_slice)
        self.slice_label = QLabel()
        self.slice_label.setMinimumWidth(70)
        self.slice_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._build_toolbar()

        centre = QWidget()
        centre_box = QVBoxLayout(centre)
        centre_box.setContentsMargins(0, 0, 0, 0)
        centre_box.setSpacing(0)
        centre_box.addWidget(self.canvas, 1)
        slider_row = QHBoxLayout()
        slider_row.setContentsMargins(12, 6, 12, 6)
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.slice_label)
        centre_box.addLayout(slider_row)
        self.stack = QStackedWidget()
        self.stack.addWidget(centre)
        self.document_page = QWidget()
        self.document_box = QVBoxLayout(self.document_page)
        self.document_box.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.document_page)
        split = QSplitter()
        split.addWidget(self.series_list)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        split.setSizes([210, 900])
        self.layout_.addWidget(split, 1)

        for series_ in series:
            count = series_.frame_count
            item = QListWidgetItem(
                f"{series_.label}\n{series_.modality} · {count} image{'s' if count != 1 else ''}"
            )
            item.setSizeHint(QSize(190, 84))
            self.series_list.addItem(item)
        for document in self.documents:
            item = QListWidgetItem(icon("document"), f"{document.label}\nPDF document")
            item.setSizeHint(QSize(190, 84))
            self.series_list.addItem(item)
        self._ratio = self.devicePixelRatioF()
        side = round(self.series_list.iconSize().width() * self._ratio)
        self._thumbs = SeriesThumbnails(series, path_of, side)
        self._thumbs.signals.done.connect(self._thumbnail_done)
        QThreadPool.globalInstance().start(self._thumbs)
        if series or self.documents:
            self.series_list.setCurrentRow(0)
        else:
            self.canvas.set_frame(None, message="This study holds no images to show.")

    def _build_toolbar(self) -> None:
        self.toolbar.addWidget(QLabel("  Window "))
        self.preset_box = QComboBox()
        self.preset_box.setAccessibleName("Window preset")
        self.preset_box.activated.connect(lambda i: self.set_preset(self.preset_box.itemData(i)))
        self._fill_presets("")
        self.toolbar.addWidget(self.preset_box)
        self.tool(
            "reset",
            "Reset Window",
            lambda: self.set_preset(OWN),
            "R",
            "Back to the scan's own window",
        )
        self.toolbar.addSeparator()
        self.tool("zoom-fit", "Fit to Window", self.canvas.reset_view, "0")
        self.tool("zoom-out", "Zoom Out", lambda: self.canvas.zoom_by(1 / 1.25), "-")
        self.tool("zoom-in", "Zoom In", lambda: self.canvas.zoom_by(1.25), "+")
        self.toolbar.addSeparator()
        overlay = self.tool("info", "Show Facts on the Image", self._toggle_overlay, "I")
        overlay.setCheckable(True)
        overlay.setChecked(True)
        self.toolbar.addSeparator()
        self.play_action = self.tool(
            "play", "Play Through the Slices", self.toggle_cine, "Space", "Play through the slices"
        )
        self.play_action.setCheckable(True)
        # Space plays where it means nothing else (the image, the slice slider, the button),
        # and stays with the series list and the preset box
        self.play_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.canvas.addAction(self.play_action)
        self.slider.addAction(self.play_action)
        self.spacer()
        hint = self.label(
            "Drag: window/level · Right-drag: pan · Wheel: slices · Ctrl+wheel: zoom · Space: play"
        )
        hint.setObjectName("viewerHint")

    # -- series and slices ----------------------------------------------------------------
    def show_series(self, index: int) -> None:
        if not 0 <= index < len(self.series) + len(self.documents) or index == self.series_index:
            return
        self.series_index = index
        self.stop_cine()
        if index >= len(self.series):
            self.show_document(index - len(self.series))
            return
        self.stack.setCurrentIndex(0)
        self._image_tools(True)
        self.frames = self.series[index].frames()
        self.slider.blockSignals(True)
        self.slider.setMaximum(max(0, len(self.frames) - 1))
        self.slider.blockSignals(False)
        self._fill_presets(self.series[index].modality or "")
        middle = len(self.frames) // 2
        self.current_slice = -1
        self._window_set = False
        self.show_slice(middle)
        if self.series_list.currentRow() != index:
            self.series_list.setCurrentRow(index)

    def show_document(self, number: int, find: str = "") -> None:
        """Show a report the study carries, in a PDF viewer in place of the images (with
        `find`, the words found by a search marked in it)."""
        from recordorg.gui.viewers.other_viewer import OtherViewer
        from recordorg.gui.viewers.pdf_viewer import PdfViewer

        self._image_tools(False)
        self.frames = []
        if self.document_viewer is not None:
            self.document_viewer.setParent(None)
            self.document_viewer.deleteLater()
        try:
            if self._document_file is None:
                raise UnreadableFile("This report cannot be shown here.")
            path = self._document_file(self.documents[number])
            viewer: RecordViewer = PdfViewer(
                self.record, path, find=find, parent=self.document_page
            )
        except (UnreadableFile, OSError) as error:
            viewer = OtherViewer(self.record, str(error), self.document_page)
        self.document_viewer = viewer
        self.document_box.addWidget(viewer)
        self.stack.setCurrentIndex(1)
        self.series_index = len(self.series) + number
        if self.series_list.currentRow() != self.series_index:
            self.series_list.setCurrentRow(self.series_index)

    def _fill_presets(self, modality: str) -> None:
        """The presets this modality offers (CT's tissue windows only on CT), then Custom."""
        self._presets = presets_for(modality)
        self._preset = OWN
        self.preset_box.clear()
        for name, window in self._presets.items():
            self.preset_box.addItem(preset_words(name, window), name)
        self.preset_box.addItem("Custom", "custom")
        self.preset_box.setToolTip(
            "Keys 1 to {}: {}".format(
                len(self._presets), ", ".join(preset_words(n, None) for n in self._presets)
            )
        )

    def _preset_window(self, name: str) -> tuple[float, float]:
        if name == AUTO:
            return self._auto_window
        return self._presets.get(name) or self._default_window

    def _image_tools(self, enabled: bool) -> None:
        for action in self.toolbar.actions():
            action.setEnabled(enabled)

    def slice_count(self) -> int:
        return len(self.frames)

    def show_slice(self, number: int) -> None:
        if not self.frames:
            return
        number = max(0, min(number, len(self.frames) - 1))
        if number == self.current_slice:
            return
        step = 1 if self.current_slice < 0 else number - self.current_slice
        self.current_slice = number
        sha, frame = self.frames[number]
        try:
            if (sha, frame) in self._pending:
                self._await_decoded((sha, frame))
            started = time.perf_counter()
            decoded_here = not self.source.cached(sha, frame)
            array = self.source.frame(sha, frame)
            if decoded_here and (time.perf_counter() - started) * 1000 > SLOW_DECODE_MS:
                self._decoder.start()
            photometric = self.source.photometric(sha)
            message = ""
        except (UnreadableFile, IndexError) as error:
            array, photometric, message = None, "MONOCHROME2", str(error)
        self.canvas.set_frame(array, photometric, message)
        if array is not None and not self._window_set:
            self._default_window = default_window(self.source.dataset(sha), array)
            self._auto_window = auto_window(array) if array.ndim == 2 else self._default_window
            self._window_set = True
            self.canvas.set_window(*self._default_window)
        self.slider.blockSignals(True)
        self.slider.setValue(number)
        self.slider.blockSignals(False)
        self.slice_label.setText(f"{number + 1} / {len(self.frames)}")
        self._update_overlay()
        self._prefetch_around(number, step)

    def _prefetch_around(self, number: int, step: int) -> None:
        """Ask the decoder process for the next frames in the direction the user is going
        (only started once a frame was slow to decode, e.g. JPEG 2000 at ~40 ms): they are
        then ready when the user gets there, and the window does not wait for them."""
        decoder = self._decoder.decoder
        if decoder is None or not decoder.alive:
            return
        ahead = 1 if step >= 0 or self._cine.isActive() else -1
        order = [number + ahead * n for n in range(1, PREFETCH_AHEAD + 1)]
        order += [number - ahead * n for n in range(1, PREFETCH_BEHIND + 1)]
        if self._cine.isActive():  # playing loops round
            order = [n % len(self.frames) for n in order[:PREFETCH_AHEAD]]
        keys = [self.frames[n] for n in order if 0 <= n < len(self.frames)]
        keys = [k for k in keys if not self.source.cached(*k)]
        if not keys:
            return
        paths = {key: str(self.source.path_of(key[0])) for key in keys}
        self._asked = {path: key[0] for key, path in paths.items()}
        self._pending = set(keys)
        decoder.ask([(paths[key], key[1]) for key in keys])
        self._collect.start()

    def _await_decoded(self, key: tuple[str, int], limit: float = 0.08) -> None:
        """A frame the decoders are already working on: wait for it a little rather than
        decode it a second time here."""
        decoder = self._decoder.decoder
        until = time.perf_counter() + limit
        while decoder is not None and decoder.alive and key in self._pending:
            self._collect_decoded()
            left = until - time.perf_counter()
            if key not in self._pending or left <= 0:
                return
            decoder.wait(left)

    def _collect_decoded(self) -> None:
        decoder = self._decoder.decoder
        if decoder is None:
            self._collect.stop()
            return
        for (path, index), array in decoder.ready():
            if path in self._asked:
                key = (self._asked[path], index)
                self._pending.discard(key)
                if array is not None:
                    self.source.keep(key, array)
        if not decoder.alive:
            self._collect.stop()

    # -- cine -------------------------------------------------------------------------------
    def toggle_cine(self) -> None:
        if self._cine.isActive():
            self.stop_cine()
        elif len(self.frames) > 1:
            self._cine.start()
            self.play_action.setChecked(True)
        else:
            self.play_action.setChecked(False)

    def stop_cine(self) -> None:
        self._cine.stop()
        self.play_action.setChecked(False)

    def _next_in_cine(self) -> None:
        if len(self.frames) < 2:
            self.stop_cine()
            return
        self.show_slice((self.current_slice + 1) % len(self.frames))

    def set_preset(self, name: str | None) -> None:
        """Show a preset of this study's modality by name (OWN: the file's own window)."""
        if name == "custom":
            return
        name = name if name in self._presets else OWN
        self._preset = name
        self.canvas.set_window(*self._preset_window(name))
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(name)))

    def _window_changed(self, center: float, width: float) -> None:
        expected = self._preset_window(self._preset)
        if (round(center, 1), round(width, 1)) != (round(expected[0], 1), round(expected[1], 1)):
            self._preset = "custom"
            self.preset_box.setCurrentIndex(self.preset_box.findData("custom"))
        self._update_overlay()

    def _toggle_overlay(self) -> None:
        self.canvas.show_overlay = not self.canvas.show_overlay
        self.canvas.update()

    def _update_overlay(self) -> None:
        if not self.frames or self.series_index >= len(self.series):
            return
        series = self.series[self.series_index]
        sha, frame = self.frames[self.current_slice]
        location = ""
        try:
            ds = self.source.dataset(sha)
            if "SliceLocation" in ds:
                location = f"Location {float(ds.SliceLocation):.1f} mm"
            rows, columns = int(ds.Rows), int(ds.Columns)
            size = f"{columns} × {rows}"
        except (UnreadableFile, ValueError, TypeError, AttributeError):
            size = ""
        record = self.record
        colour = self.canvas.is_colour
        self.canvas.overlay = {
            "tl": [
                *self._patient(sha),
                record.title,
                record.date_shown or NO_DATE.capitalize(),
                record.meta.get("institution") or "",
            ],
            "tr": [series.label, " · ".join(p for p in (series.modality, size) if p)],
            "bl": [
                f"Image {self.current_slice + 1} / {len(self.frames)}"
                + (f"  (frame {frame + 1})" if frame else ""),
                location,
            ],
            "br": [
                "Colour image"
                if colour
                else f"W {self.canvas.width_:.0f}  L {self.canvas.center:.0f}",
                self._zoom_words(),
            ],
        }
        self.canvas.overlay = {k: [t for t in v if t] for k, v in self.canvas.overlay.items()}
        self.canvas.update()

    def _patient(self, sha: str) -> list[str]:
        """The patient the shown file names (name, ID, birth date, sex)."""
        try:
            ds = self.source.dataset(sha)
        except UnreadableFile:
            return []
        return patient_words(
            *(str(ds.get(k, "") or "") for k in ("PatientName", "PatientID")),
            *(str(ds.get(k, "") or "") for k in ("PatientBirthDate", "PatientSex")),
        )

    def _zoom_words(self) -> str:
        """The scale the image is drawn at, said as it is: "Fitted: 43%" or "Zoom 200%"."""
        scale = self.canvas.shown_scale()
        if not scale:
            return ""
        return f"Fitted: {scale:.0%}" if abs(self.canvas.zoom - 1) < 1e-6 else f"Zoom {scale:.0%}"

    def _thumbnail_done(self, number: int, image: QImage) -> None:
        item = self.series_list.item(number)
        if item is not None and not image.isNull():
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self._ratio)  # sharp on a high-density screen
            item.setIcon(QIcon(pixmap))

    def hideEvent(self, event: QHideEvent) -> None:
        """Another tab came to the front: stop playing, and let the decoders go."""
        self.stop_cine()
        self._decoder.pause()
        self._pending.clear()
        super().hideEvent(event)

    # -- keys -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        steps = {
            Qt.Key.Key_Up: -1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_PageUp: -10,
            Qt.Key.Key_PageDown: 10,
        }
        if key in steps:
            self.show_slice(self.current_slice + steps[key])
        elif key == Qt.Key.Key_Home:
            self.show_slice(0)
        elif key == Qt.Key.Key_End:
            self.show_slice(len(self.frames) - 1)
        elif Qt.Key.Key_1 <= key < Qt.Key.Key_1 + len(self._presets):
            self.set_preset(list(self._presets)[key - Qt.Key.Key_1])
        else:
            super().keyPressEvent(event)
            return
        event.accept()
