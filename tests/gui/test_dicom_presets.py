"""A study's window presets follow its modality (CT's tissue windows only on CT; MR: the
file's own window and one from the histogram); the overlay says the scale the image is drawn
at and the patient the file names, as the details do."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from recordorg.core.catalogue.records import Record
from recordorg.core.catalogue.studies import StudyImage, StudySeries
from recordorg.gui.viewers.dicom_viewer import DicomViewer
from recordorg.samples.dicom import make_series
from tests.gui.conftest import save_screenshot


def _record(**meta) -> Record:
    return Record(
        1, "dicom", "MR head", "imaging-study", "Imaging study", None, "2025-03-03", None,
        False, "", [], "", "", "", 0, None, "1.2", 0, False, "", None, "", meta=meta,
    )  # fmt: skip


def _viewer(qtbot, tmp_path: Path, modality: str) -> DicomViewer:
    files = sorted(make_series(tmp_path / modality, modality, slices=3))
    series = StudySeries(1, 1, modality, f"{modality} HEAD", "HEAD")
    for n, path in enumerate(files):
        series.images.append(StudyImage(str(path), n + 1, None, 1, 0, 0))
    viewer = DicomViewer(_record(), [series], Path)
    qtbot.addWidget(viewer)
    viewer.resize(1000, 700)
    viewer.show()
    qtbot.waitExposed(viewer)
    return viewer


def _offered(viewer: DicomViewer) -> list[str]:
    return [viewer.preset_box.itemData(n) for n in range(viewer.preset_box.count())]


def test_mr_offers_its_own_window_and_the_histogram(app_theme, qtbot, tmp_path) -> None:
    from recordorg.gui.viewers.dicom_windows import AUTO, OWN, auto_window

    viewer = _viewer(qtbot, tmp_path, "MR")
    offered = _offered(viewer)
    assert offered == [OWN, AUTO, "custom"]  # no CT brain window on a brain MRI
    own = (viewer.canvas.center, viewer.canvas.width_)
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_2)
    assert viewer.preset_box.currentData() == AUTO
    assert (viewer.canvas.center, viewer.canvas.width_) == auto_window(viewer.canvas.array)
    shown = viewer.canvas.displayed()
    assert 10 < float(np.mean(shown)) < 245  # neither a white blob nor a black one
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_1)
    assert (viewer.canvas.center, viewer.canvas.width_) == own
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_2)
    save_screenshot(viewer, "dicom-mr-auto-window")


def test_ct_offers_the_tissue_windows(app_theme, qtbot, tmp_path) -> None:
    viewer = _viewer(qtbot, tmp_path, "CT")
    assert _offered(viewer)[1:5] == ["Brain", "Lung", "Bone", "Abdomen"]
    qtbot.keyClick(viewer.canvas, Qt.Key.Key_2)
    assert (viewer.canvas.center, viewer.canvas.width_) == (40, 80)


def test_the_overlay_says_the_scale_and_the_patient(app_theme, qtbot, tmp_path) -> None:
    viewer = _viewer(qtbot, tmp_path, "MR")
    canvas = viewer.canvas
    viewer._update_overlay()
    fitted = canvas.image_rect().width() / canvas.array.shape[1]
    assert abs(fitted - 1) > 0.05  # the image is scaled to fit, not shown at 100%
    assert f"Fitted: {fitted:.0%}" in canvas.overlay["br"]
    canvas.zoom_by(2)
    assert f"Zoom {2 * fitted:.0%}" in canvas.overlay["br"]
    canvas.reset_view()
    viewer.resize(700, 500)  # a smaller window: the fitted scale follows
    qtbot.waitUntil(lambda: canvas.image_rect().width() / canvas.array.shape[1] < fitted)
    now = canvas.image_rect().width() / canvas.array.shape[1]
    assert f"Fitted: {now:.0%}" in canvas.overlay["br"]
    assert canvas.overlay["tl"][:2] == ["Maria Example · ID RG-0001", "born 12 April 1961 · female"]


def test_the_details_name_the_studys_patient(qapp) -> None:
    from recordorg.gui.library.details_parts import FileSection

    section = FileSection()
    section.show_record(
        _record(
            patient_name="EXAMPLE^MARIA",
            patient_id="RG-0001",
            patient_birth_date="19610412",
            patient_sex="F",
        )  # fmt: skip
    )
    text = section.info.text()
    assert "Maria Example · ID RG-0001 · born 12 April 1961 · female" in text
