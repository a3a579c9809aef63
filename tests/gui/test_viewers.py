"""The viewers: PDF pages, zoom and find; images fit/zoom/rotate; DICOM slices and windows."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from recordorg.core.catalogue.studies import StudyImage, StudySeries
from recordorg.gui.viewers.dicom_viewer import DicomViewer
from recordorg.gui.viewers.image_viewer import ImageViewer
from recordorg.gui.viewers.pdf_viewer import PdfViewer

PYDICOM_FILES = Path(pydicom.__file__).parent / "data" / "test_files"


def _open(window, kind: str):
    view = window.library_view
    record_id = next(
        view.model.record_id(r)
        for r in range(view.model.rowCount())
        if view.model.record_at(r).kind == kind
    )
    window.open_record(record_id)
    return window.tabs.currentWidget()


def _wheel(widget, up: bool, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        widget.mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120 if up else -120),
        Qt.MouseButton.NoButton,
        modifiers,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_pdf_viewer_pages_zoom_and_find(demo_window, qtbot) -> None:
    view = demo_window.library_view
    record_id = next(
        view.model.record_id(r)
        for r in range(view.model.rowCount())
        if view.model.record_at(r).page_count >= 2
    )
    demo_window.open_record(record_id)
    viewer = demo_window.tabs.currentWidget()
    assert isinstance(viewer, PdfViewer)
    assert viewer.page_count() >= 2
    viewer.next_page()
    qtbot.waitUntil(lambda: viewer.current_page() == 2, timeout=3000)
    assert viewer.page_box.value() == 2
    viewer.set_zoom(2.0)
    assert viewer.view.zoomFactor() == 2.0
    viewer.zoom_out()
    assert viewer.view.zoomFactor() == 1.5
    from recordorg.core.catalogue.records import record_pages

    words = [
        w
        for p in record_pages(view.conn, record_id)
        for w in p["text"].split()
        if w.isalpha() and len(w) > 4
    ]
    word = max(set(words), key=words.count)  # a word the document repeats
    viewer.find_field.setText(word)
    qtbot.waitUntil(lambda: viewer.search.count() > 1, timeout=5000)
    assert viewer.result_label.text().startswith("1 of ")
    viewer.next_result()
    assert viewer.result_label.text().startswith("2 of ")
    # opening it again selects the same tab
    tabs = demo_window.tabs.count()
    demo_window.open_record(record_id)
    assert demo_window.tabs.count() == tabs


def test_search_result_opens_the_page_with_the_words_found(demo_window, qtbot) -> None:
    view = demo_window.library_view
    demo_window.menus.search_field.setText("carcinoma")
    qtbot.waitUntil(lambda: view.search_model.rowCount() > 0, timeout=3000)
    view.results.setCurrentIndex(view.search_model.index(0))
    view.open_selected()
    viewer = demo_window.tabs.currentWidget()
    assert isinstance(viewer, PdfViewer)
    assert viewer.find_field.text() == "carcinoma"
    qtbot.waitUntil(lambda: viewer.search.count() > 0, timeout=5000)


def test_image_viewer_fits_zooms_and_rotates(demo_window, qtbot) -> None:
    viewer = _open(demo_window, "image")
    assert isinstance(viewer, ImageViewer)
    assert "pixels" in viewer.size_label.text()
    fitted = viewer.view.zoom_factor()
    assert 0 < fitted < 1  # a phone photo is larger than the window
    viewer.view.zoom_by(1.25)
    assert viewer.view.zoom_factor() == pytest.approx(fitted * 1.25)
    assert not viewer.view.fitting
    viewer.view.rotate_by(90)
    assert viewer.view.rotation == 90
    viewer.view.fit()
    assert viewer.view.fitting


def test_study_viewer_scrolls_slices_and_windows(demo_window, qtbot) -> None:
    viewer = _open(demo_window, "dicom")
    assert isinstance(viewer, DicomViewer)
    canvas = viewer.canvas
    start = viewer.current_slice
    before = canvas.displayed().copy()
    _wheel(canvas, up=False)
    assert viewer.current_slice == start + 1
    assert viewer.slider.value() == start + 1
    assert not np.array_equal(before, canvas.displayed())
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert viewer.current_slice == 0
    qtbot.keyClick(canvas, Qt.Key.Key_End)
    assert viewer.current_slice == viewer.slice_count() - 1
    viewer.slider.setValue(3)
    assert viewer.current_slice == 3
    # window/level: a drag changes the shown values, a preset sets them exactly
    shown = canvas.displayed().copy()
    centre = QPoint(canvas.width() // 2, canvas.height() // 2)
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseMove(canvas, centre + QPoint(120, 60))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=centre + QPoint(120, 60))
    assert not np.array_equal(shown, canvas.displayed())
    assert viewer.preset_box.currentData() == "custom"
    modality = viewer.series[viewer.series_index].modality
    name, window = ("Lung", (-600, 1500)) if modality == "CT" else ("auto", None)
    viewer.set_preset(name)
    center, width = window or viewer._auto_window
    assert (canvas.center, canvas.width_) == (center, width)
    assert f"W {width:.0f}  L {center:.0f}" in canvas.overlay["br"]
    assert canvas.overlay["bl"][0] == f"Image 4 / {viewer.slice_count()}"
    # zoom with Ctrl+wheel, back with double-click
    _wheel(canvas, up=True, modifiers=Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom > 1
    qtbot.mouseDClick(canvas, Qt.MouseButton.LeftButton, pos=centre)
    assert canvas.zoom == 1


def _series_of(paths: list[Path], frames: int = 1) -> StudySeries:
    series = StudySeries(1, 1, "CT", "test", "")
    for n, path in enumerate(paths):
        series.images.append(StudyImage(str(path), n + 1, None, frames, 64, 64))
    return series


def test_monochrome1_is_shown_inverted(app_theme, qtbot, tmp_path, demo_source) -> None:
    from recordorg.core.catalogue.records import Record

    original = next(PYDICOM_FILES.glob("CT_small.dcm"))
    ds = pydicom.dcmread(original)
    ds.PhotometricInterpretation = "MONOCHROME1"
    inverted = tmp_path / "mono1.dcm"
    ds.save_as(inverted)
    record = Record(
        1,
        "dicom",
        "Test",
        "imaging-study",
        "Imaging study",
        None,
        "2024-01-01",
        None,
        False,
        "",
        [],
        "",
        "",
        "",
        0,
        None,
        "1.2",
        0,
        False,
        "",
        None,
        "",
    )
    normal = DicomViewer(record, [_series_of([original])], Path)
    flipped = DicomViewer(record, [_series_of([inverted])], Path)
    qtbot.addWidget(normal)
    qtbot.addWidget(flipped)
    flipped.canvas.set_window(normal.canvas.center, normal.canvas.width_)
    assert np.array_equal(flipped.canvas.displayed(), 255 - normal.canvas.displayed())


@pytest.mark.parametrize(
    "name",
    [
        "examples_palette.dcm",
        "SC_rgb_dcmtk_+eb+cy+np.dcm",
        "examples_ybr_color.dcm",
        "rtdose_rle.dcm",
        "JPEG2000.dcm",
    ],
)
def test_colour_multiframe_and_compressed_files_show(app_theme, qtbot, name) -> None:
    from recordorg.core.catalogue.records import Record

    path = PYDICOM_FILES / name
    if not path.exists():
        pytest.skip(f"{name} is not shipped with this pydicom")
    frames = int(pydicom.dcmread(path, stop_before_pixels=True).get("NumberOfFrames", 1))
    record = Record(
        1,
        "dicom",
        "Test",
        "imaging-study",
        "Imaging study",
        None,
        None,
        None,
        False,
        "",
        [],
        "",
        "",
        "",
        0,
        None,
        "1.2",
        0,
        False,
        "",
        None,
        "",
    )
    viewer = DicomViewer(record, [_series_of([path], frames)], Path)
    qtbot.addWidget(viewer)
    assert viewer.slice_count() == frames
    assert not viewer.canvas.message, viewer.canvas.message
    shown = viewer.canvas.displayed()
    assert shown is not None and shown.std() > 0
    if shown.ndim == 3:
        assert viewer.canvas.overlay["br"][0] == "Colour image"
    if frames > 1:  # multi-frame: the frames are the slices
        viewer.show_slice(0)
        first = viewer.canvas.displayed().copy()
        _wheel(viewer.canvas, up=False)
        assert viewer.current_slice == 1
        assert not np.array_equal(first, viewer.canvas.displayed())


def test_record_model_passes_the_model_tester(demo_window, qtmodeltester) -> None:
    model = demo_window.library_view.model
    qtmodeltester.check(model, force_py=True)
    model.sort(1, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_search_results_pass_the_model_tester(demo_window, qtbot, qtmodeltester) -> None:
    view = demo_window.library_view
    demo_window.menus.search_field.setText("report")
    qtbot.waitUntil(lambda: view.search_model.rowCount() > 0, timeout=3000)
    qtmodeltester.check(view.search_model, force_py=True)


def test_a_report_inside_the_study_shows_as_a_document(app_theme, qtbot, tmp_path) -> None:
    from recordorg.core.catalogue.records import Record
    from recordorg.core.catalogue.studies import StudyDocument
    from recordorg.formats.dicom_document import write_document
    from recordorg.samples.dicom_document import make_encapsulated_report

    from .conftest import save_screenshot

    report = make_encapsulated_report(
        tmp_path / "REPORT",
        [
            "Findings: a 14 mm lesion in segment VII of the liver.",
            "Impression: progression of hepatic metastasis.",
        ],
        study_uid="1.2.3.4",
    )
    record = Record(
        1,
        "dicom",
        "CT chest",
        "imaging-study",
        "Imaging study",
        None,
        "2024-01-01",
        None,
        False,
        "",
        [],
        "",
        "",
        "",
        0,
        None,
        "1.2.3.4",
        0,
        False,
        "",
        None,
        "",
    )
    original = next(PYDICOM_FILES.glob("CT_small.dcm"))
    documents = [StudyDocument(str(report), "Report")]
    viewer = DicomViewer(
        record,
        [_series_of([original])],
        Path,
        documents=documents,
        document_file=lambda d: write_document(Path(d.file_key), tmp_path / "out.pdf"),
    )
    qtbot.addWidget(viewer)
    viewer.resize(1000, 700)
    assert viewer.series_list.count() == 2
    assert "PDF document" in viewer.series_list.item(1).text()
    viewer.series_list.setCurrentRow(1)
    assert viewer.stack.currentIndex() == 1
    assert isinstance(viewer.document_viewer, PdfViewer)
    assert viewer.document_viewer.document.pageCount() == 1
    assert not any(a.isEnabled() for a in viewer.toolbar.actions())
    viewer.show()
    qtbot.wait(400)  # QtPdf draws pages in the background
    save_screenshot(viewer, "study-report")
    viewer.series_list.setCurrentRow(0)
    assert viewer.stack.currentIndex() == 0 and viewer.canvas.displayed() is not None
    assert all(a.isEnabled() for a in viewer.toolbar.actions())


def test_a_study_of_only_a_report_opens_on_the_report(app_theme, qtbot, tmp_path) -> None:
    from recordorg.core.catalogue.records import Record
    from recordorg.core.catalogue.studies import StudyDocument
    from recordorg.formats.dicom_document import write_document

    record = Record(
        1,
        "dicom",
        "Report",
        "imaging-study",
        "Imaging study",
        None,
        "2024-01-01",
        None,
        False,
        "",
        [],
        "",
        "",
        "",
        0,
        None,
        "1.2.3.4",
        0,
        False,
        "",
        None,
        "",
    )
    broken = tmp_path / "NOTDICOM"
    broken.write_bytes(b"not a DICOM file")
    viewer = DicomViewer(
        record,
        [],
        Path,
        documents=[StudyDocument(str(broken), "Report")],
        document_file=lambda d: write_document(Path(d.file_key), tmp_path / "x.pdf"),
    )
    qtbot.addWidget(viewer)
    assert viewer.stack.currentIndex() == 1
    assert not isinstance(viewer.document_viewer, PdfViewer)  # says why instead


def test_a_study_in_the_library_shows_its_report_from_the_cache(app_theme, qtbot, tmp_path) -> None:
    from recordorg.core.catalogue.library import Library
    from recordorg.core.catalogue.records import list_records
    from recordorg.core.progress import run_to_end
    from recordorg.gui.viewers import make_viewer
    from recordorg.jobs.importer import import_paths
    from recordorg.samples.dicom import make_series, sample_uid
    from recordorg.samples.dicom_document import make_encapsulated_report

    study_uid = sample_uid("viewer-report")
    make_series(tmp_path / "in" / "ct", slices=2, study_uid=study_uid)
    make_encapsulated_report(
        tmp_path / "in" / "REPORT", ["Impression: stable disease."], study_uid=study_uid
    )
    library = Library.open(tmp_path / "library")
    try:
        run_to_end(import_paths(library, [tmp_path / "in"]))
        conn = library.connection()
        (study,) = list_records(conn)
        viewer = make_viewer(library, conn, study)
        qtbot.addWidget(viewer)
        assert [d.label for d in viewer.documents] == ["CT REPORT"]  # its own title
        viewer.series_list.setCurrentRow(1)
        assert isinstance(viewer.document_viewer, PdfViewer)
        cached = list((library.cache / "documents").glob("*.pdf"))
        assert len(cached) == 1 and cached[0].read_bytes().startswith(b"%PDF-")
        # a search hit in the report opens the study on its report, the words marked
        found = make_viewer(library, conn, study, page=1, find="stable")
        qtbot.addWidget(found)
        assert found.stack.currentIndex() == 1 and found.series_list.currentRow() == 1
        assert found.document_viewer.find_field.text() == "stable"
    finally:
        library.close()


def _j2k_series(folder: Path, slices: int) -> StudySeries:
    from pydicom.uid import JPEG2000Lossless

    from recordorg.samples.dicom import make_series

    paths = make_series(folder, slices=slices, rows=256, cols=256, transfer_syntax=JPEG2000Lossless)
    series = StudySeries(1, 1, "CT", "J2K", "")
    for n, path in enumerate(paths):
        series.images.append(StudyImage(str(path), n + 1, None, 1, 256, 256))
    return series


def _study_record():
    from recordorg.core.catalogue.records import Record

    return Record(
        1,
        "dicom",
        "CT",
        "imaging-study",
        "Imaging study",
        None,
        "2024-01-01",
        None,
        False,
        "",
        [],
        "",
        "",
        "",
        0,
        None,
        "1.2",
        0,
        False,
        "",
        None,
        "",
    )


def test_the_next_slices_are_decoded_ahead_in_the_direction_of_travel(
    app_theme, qtbot, tmp_path, monkeypatch
) -> None:
    from recordorg.gui.viewers import dicom_viewer

    monkeypatch.setattr(dicom_viewer, "SLOW_DECODE_MS", 0)  # every decode counts as slow
    series = _j2k_series(tmp_path / "j2k", 40)
    viewer = DicomViewer(_study_record(), [series], Path)
    qtbot.addWidget(viewer)
    frames = series.frames()
    qtbot.waitUntil(lambda: viewer._decoder.decoder is not None, timeout=20_000)
    start = viewer.current_slice + 1
    viewer.show_slice(start)
    ahead = range(start + 1, start + 1 + dicom_viewer.PREFETCH_AHEAD)
    qtbot.waitUntil(lambda: all(viewer.source.cached(*frames[n]) for n in ahead), timeout=20_000)
    viewer.show_slice(5)  # a jump back: going down now
    qtbot.waitUntil(
        lambda: all(viewer.source.cached(*frames[n]) for n in range(0, 5)), timeout=20_000
    )
    viewer.show()
    processes = viewer._decoder.decoder
    viewer.hide()  # another tab in front: the decoders go, and come back when needed
    assert viewer._decoder.decoder is None and not processes.alive
    viewer.show()
    viewer.show_slice(
        next(
            n
            for n, key in enumerate(frames)  # a slow frame again
            if not viewer.source.cached(*key)
        )
    )
    qtbot.waitUntil(lambda: viewer._decoder.decoder is not None, timeout=20_000)
    decoder = viewer._decoder
    viewer.close()
    viewer.deleteLater()
    qtbot.waitUntil(lambda: decoder.closed, timeout=5_000)


def test_fast_frames_start_no_decoder(app_theme, qtbot, tmp_path, monkeypatch) -> None:
    from recordorg.gui.viewers import dicom_viewer
    from recordorg.samples.dicom import make_series

    # What counts as fast is the viewer's rule, not this machine's load: a 64 x 64 plain frame
    # decodes in well under a millisecond, so a second leaves room for a busy computer.
    monkeypatch.setattr(dicom_viewer, "SLOW_DECODE_MS", 1000)
    paths = make_series(tmp_path / "plain", slices=5, rows=64, cols=64)
    viewer = DicomViewer(_study_record(), [_series_of(paths)], Path)
    qtbot.addWidget(viewer)
    for n in range(5):
        viewer.show_slice(n)
    assert viewer._decoder.decoder is None and not viewer._decoder.starting


def _keyboard_on(qtbot, widget) -> None:
    """The keyboard on a widget of an active window, as when a person uses it."""
    widget.window().activateWindow()
    qtbot.waitActive(widget.window())
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def test_space_plays_through_the_slices_and_stops(app_theme, qtbot, tmp_path) -> None:
    from recordorg.gui.viewers.dicom_viewer import CINE_FPS

    series = _j2k_series(tmp_path / "cine", 6)
    viewer = DicomViewer(_study_record(), [series], Path)
    qtbot.addWidget(viewer)
    viewer.show()
    _keyboard_on(qtbot, viewer.canvas)
    seen = {viewer.current_slice}
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Space)
    assert viewer.play_action.isChecked()

    def went_round() -> bool:
        seen.add(viewer.current_slice)
        return len(seen) == 6

    qtbot.waitUntil(went_round, timeout=6 * 4000 // CINE_FPS + 5000)
    assert 0 in seen  # it went round past the last slice
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_Space)
    assert not viewer.play_action.isChecked()
    stopped = viewer.current_slice
    qtbot.wait(3 * 1000 // CINE_FPS)
    assert viewer.current_slice == stopped


def test_play_is_a_command_with_a_key_in_the_menu_and_the_accessibility_tree(
    app_theme, qtbot, tmp_path
) -> None:
    from PySide6.QtGui import QAccessible, QKeySequence

    from recordorg.samples.dicom import make_series

    paths = make_series(tmp_path / "plain", slices=5, rows=64, cols=64)
    viewer = DicomViewer(_study_record(), [_series_of(paths)], Path)
    qtbot.addWidget(viewer)
    viewer.show()
    play = viewer.play_action
    assert play.text() == "Play Through the Slices" and play.isCheckable()
    assert play.shortcut() == QKeySequence(Qt.Key.Key_Space)
    assert play in viewer.tools_menu().actions()  # the Menu key (or a right-click) lists it
    button = viewer.toolbar.widgetForAction(play)
    spoken = QAccessible.queryAccessibleInterface(button)
    assert spoken.text(QAccessible.Text.Name) == "Play Through the Slices"
    assert spoken.state().checkable and "Space" in spoken.text(QAccessible.Text.Description)
    _keyboard_on(qtbot, viewer.slider)
    qtbot.keyClick(viewer.slider, Qt.Key.Key_Space)  # the key works on the slice slider too
    assert play.isChecked() and spoken.state().checked
    _keyboard_on(qtbot, viewer.series_list)
    qtbot.keyClick(viewer.series_list, Qt.Key.Key_Space)  # the list keeps its own Space
    assert play.isChecked()
    play.trigger()
    assert not play.isChecked() and not viewer._cine.isActive()


def test_pdf_page_thumbnails_are_drawn_and_follow_the_pages(app_theme, qtbot, tmp_path) -> None:
    from recordorg.samples.documents import make_text_pdf

    from .conftest import save_screenshot

    path = make_text_pdf(
        tmp_path / "long.pdf",
        "Discharge summary",
        [f"Paragraph {n} of a long discharge summary." for n in range(400)],
        pages=30,
    )
    viewer = PdfViewer(_study_record(), path)
    qtbot.addWidget(viewer)
    viewer.resize(1100, 800)
    viewer.show()
    thumbs = viewer.thumbnails
    assert thumbs.isVisible() and viewer.pages_action.isChecked()
    assert thumbs.count() == viewer.page_count() >= 30
    qtbot.waitUntil(lambda: {0, 1, 2} <= thumbs.drawn, timeout=10_000)
    assert len(thumbs.requested) < thumbs.count()  # only what is in view, and a few more
    assert not thumbs.item(0).icon().isNull()
    thumbs.setCurrentRow(24)  # a click on page 25
    qtbot.waitUntil(lambda: viewer.current_page() == 25, timeout=3000)
    qtbot.waitUntil(lambda: 24 in thumbs.drawn, timeout=10_000)  # scrolled into view, drawn
    viewer.go_to_page(3)
    qtbot.waitUntil(lambda: thumbs.currentRow() == 2, timeout=3000)
    qtbot.wait(300)
    save_screenshot(viewer, "pdf-thumbnails")
    viewer.pages_action.trigger()
    assert not thumbs.isVisible()
