"""File ▸ Export Bundle… and File ▸ Open Bundle… in the window (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import save_screenshot


@pytest.fixture
def exported(monkeypatch: pytest.MonkeyPatch) -> list:
    """Reports of finished exports (instead of the message box that ends one)."""
    from recordorg.gui.bundle.actions import BundleActions

    reports: list = []
    monkeypatch.setattr(BundleActions, "_exported", lambda _actions, report: reports.append(report))
    return reports


def _dialog(window):
    from recordorg.gui.bundle.export_dialog import ExportDialog

    return ExportDialog(window.library, [], window)


def test_file_menu_has_the_bundle_actions(demo_window) -> None:
    texts = [a.text() for a in demo_window.menus.file_menu.actions()]
    assert "&Export Bundle…" in texts and "Open &Bundle…" in texts
    assert demo_window.bundles.export_action.isEnabled()


def test_export_dialog_previews_and_orders_by_hand(
    demo_window, qtbot, tmp_path: Path, exported: list
) -> None:
    dialog = _dialog(demo_window)
    qtbot.addWidget(dialog)
    total = dialog.records.count()
    assert total >= 10 and f"{total} of {total} records" in dialog.summary.text()
    assert not dialog.export_button.isEnabled()  # nowhere to save yet
    dialog.records.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.records.setCurrentRow(2)
    dialog._move(-1)
    assert dialog.order.currentData() == "given"
    dialog.side.target_edit.setText(str(tmp_path / "Bundle"))
    assert dialog.export_button.isEnabled(), dialog.problem.text()
    dialog.side.question.setPlainText("Is the <b>next line</b> right?")
    dialog.show()
    save_screenshot(dialog, "bundle-export-dialog")
    plan = dialog.plan()
    assert [p.record.id for p in plan.records] == dialog.chosen_ids()
    assert len(plan.records) == total - 1

    job = demo_window.bundles.run_export(plan, dialog.target())
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    assert exported and not exported[0].cancelled
    assert (tmp_path / "Bundle" / "INDEX.HTM").is_file()


def test_export_dialog_wants_a_strong_matching_passphrase(
    demo_window, qtbot, tmp_path: Path
) -> None:
    dialog = _dialog(demo_window)
    qtbot.addWidget(dialog)
    dialog.side.as_zip.setChecked(True)
    dialog.side.encrypt.setChecked(True)
    dialog.side.target_edit.setText(str(tmp_path / "case.zip"))
    dialog.side.passphrase.setText("secret1")
    assert not dialog.export_button.isEnabled() and "stronger" in dialog.problem.text()
    dialog.side.passphrase.setText("lamp river orbit cello")
    assert "differ" in dialog.problem.text()
    dialog.side.repeat.setText("lamp river orbit cello")
    assert dialog.export_button.isEnabled()
    assert dialog.options().passphrase == "lamp river orbit cello"
    dialog.side.deidentify.setChecked(True)
    dialog.side.shift_days.setValue(-90)
    options = dialog.options()
    assert options.deidentify and options.date_shift_days == -90 and not options.remove_dates


def _open(window, qtbot, path: Path):
    from recordorg.gui.bundle.view import BundleView

    job = window.bundles.open(path)
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    view = window.tabs.currentWidget()
    assert isinstance(view, BundleView)
    return view


def test_open_bundle_shows_it_read_only(demo_window, qtbot, tmp_path: Path, exported: list) -> None:
    from recordorg.bundle.plan import BundleOptions, plan_bundle
    from recordorg.gui.viewers.dicom_viewer import DicomViewer
    from recordorg.gui.viewers.pdf_viewer import PdfViewer

    plan = plan_bundle(demo_window.library, options=BundleOptions(question="Next line?"))
    job = demo_window.bundles.run_export(plan, tmp_path / "B")
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    view = _open(demo_window, qtbot, tmp_path / "B")
    assert view.banner.text().startswith("Verified: all")
    assert view.signer.text().startswith("Signed by the recordorg library with key fingerprint")
    assert "Next line?" in view.summary.toPlainText()
    assert view.record_list.topLevelItemCount() == len(plan.records)
    numbers = {p.record.kind: p.number for p in plan.records}
    assert isinstance(view.show_record(numbers["pdf"]), PdfViewer)
    viewer = view.show_record(numbers["dicom"])
    assert isinstance(viewer, DicomViewer) and viewer.series
    view.tabs.setCurrentIndex(0)
    save_screenshot(demo_window, "bundle-open-summary")
    view.tabs.setCurrentIndex(2)
    save_screenshot(demo_window, "bundle-open-study")
    # titles have the room the list has: none is cut while it fits beside number and date
    header, metrics = view.record_list.header(), view.record_list.fontMetrics()
    longest = max(
        metrics.horizontalAdvance(view.record_list.topLevelItem(i).text(3))
        for i in range(view.record_list.topLevelItemCount())
    )
    assert header.sectionSize(3) >= longest + view.record_list.iconSize().width(), longest


def test_a_changed_bundle_is_shown_plainly(
    demo_window, qtbot, tmp_path: Path, exported: list
) -> None:
    from recordorg.bundle.plan import plan_bundle
    from recordorg.gui.viewers.other_viewer import OtherViewer

    plan = plan_bundle(demo_window.library)
    job = demo_window.bundles.run_export(plan, tmp_path / "B")
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    first = next(p for p in plan.records if p.document)
    (tmp_path / "B" / first.document).write_bytes(b"%PDF-1.4 not the same")
    view = _open(demo_window, qtbot, tmp_path / "B")
    assert "not as it was made" in view.banner.text()
    assert f"changed: {first.document}" in view.banner.text()
    assert isinstance(view.show_record(first.number), OtherViewer)
    save_screenshot(demo_window, "bundle-open-changed")


def test_a_file_the_window_cannot_show_can_be_saved_from_a_bundle(
    window, qtbot, tmp_path: Path, exported: list, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from recordorg.bundle.plan import plan_bundle
    from recordorg.gui.viewers.other_viewer import OtherViewer
    from tests.jobs.conftest import run_import

    notes = tmp_path / "in" / "questions.txt"
    notes.parent.mkdir()
    notes.write_text("Questions for the oncologist: is a trial possible?")
    assert window.libraries.open(tmp_path / "library")
    run_import(window.library, [notes.parent])
    plan = plan_bundle(window.library)
    job = window.bundles.run_export(plan, tmp_path / "B")
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    view = _open(window, qtbot, tmp_path / "B")
    viewer = view.show_record(plan.records[0].number)
    assert isinstance(viewer, OtherViewer)
    target = tmp_path / "saved.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    viewer.save_copy.emit(plan.records[0].record.id)
    assert target.read_text() == notes.read_text()


def test_an_encrypted_bundle_imports_after_its_passphrase_is_typed(
    demo_window, qtbot, tmp_path: Path, exported: list, monkeypatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from recordorg.bundle.plan import BundleOptions, plan_bundle

    secret = "correct horse battery staple 42"
    plan = plan_bundle(demo_window.library, options=BundleOptions(passphrase=secret))
    job = demo_window.bundles.run_export(plan, tmp_path / "case.zip")
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    asked: list[str] = []

    def type_passphrase(_parent, _title, label, *_args, **_kwargs):
        asked.append(label)
        return secret, True

    monkeypatch.setattr(QInputDialog, "getText", type_passphrase)
    assert demo_window.libraries.open(tmp_path / "fresh")
    with qtbot.waitSignal(demo_window.import_finished, timeout=120_000) as finished:
        demo_window.imports.start([tmp_path / "case.zip"])
    report = finished.args[0]
    assert asked and "case.zip is encrypted" in asked[0]
    assert not report.failed and len(report.records) == len(plan.records)


def test_a_report_inside_a_study_shows_in_an_opened_bundle(
    demo_window, qtbot, tmp_path: Path
) -> None:
    from recordorg.bundle.plan import plan_bundle
    from recordorg.core.catalogue.library import Library
    from recordorg.core.progress import run_to_end
    from recordorg.gui.viewers.dicom_viewer import DicomViewer
    from recordorg.gui.viewers.pdf_viewer import PdfViewer
    from recordorg.jobs.export import run_export
    from recordorg.jobs.importer import import_paths
    from recordorg.samples.dicom import make_series, sample_uid
    from recordorg.samples.dicom_document import make_encapsulated_report

    study_uid = sample_uid("bundle-window-report")
    make_series(tmp_path / "in" / "ct", slices=2, study_uid=study_uid)
    make_encapsulated_report(
        tmp_path / "in" / "REPORT", ["Impression: stable disease."], study_uid=study_uid
    )
    library = Library.open(tmp_path / "report-library")  # not the window's own library
    try:
        run_to_end(import_paths(library, [tmp_path / "in"]))
        run_export(library, plan_bundle(library), tmp_path / "B")
    finally:
        library.close()
    view = _open(demo_window, qtbot, tmp_path / "B")
    viewer = view.show_record(1)
    assert isinstance(viewer, DicomViewer) and len(viewer.series) == 1
    assert [d.label for d in viewer.documents] == ["CT REPORT"]
    viewer.series_list.setCurrentRow(1)
    assert isinstance(viewer.document_viewer, PdfViewer)
    assert viewer.document_viewer.document.pageCount() == 1


def test_the_bundle_view_shows_the_question_first() -> None:
    """A bundle exported without a question of its own asks the case's question, first."""
    from recordorg.bundle.reader import OpenedBundle
    from recordorg.gui.bundle.view import summary_html

    about = {
        "subject": "CASE-TEST42",
        "warnings": ["Names and identifiers were removed."],
        "case": {
            "question": "Is <b>capivasertib</b> next?",
            "biomarkers": [{"text": "ER: positive", "confirmed": True}],
        },
    }
    page = summary_html(OpenedBundle(Path("BUNDLE"), None, about))
    question = page.index("Question for the reviewer")
    assert "Is &lt;b&gt;capivasertib&lt;/b&gt; next?" in page
    assert question < page.index("Names and identifiers") < page.index("ER: positive")


def test_export_dialog_proposes_the_whole_case_and_keeps_intervals(demo_window, qtbot) -> None:
    from recordorg.core.case.review import load_case
    from recordorg.gui.bundle.export_dialog import ExportDialog

    conn = demo_window.library.connection()
    ids = [row[0] for row in conn.execute("SELECT id FROM records ORDER BY id")]
    one = ExportDialog(demo_window.library, ids[:1], demo_window)
    qtbot.addWidget(one)
    assert one.source.currentData() == "all"  # one selected record: the whole case
    assert one.source.itemText(1) == "The 1 record selected in the library"
    assert one.records.count() == len(ids)
    several = ExportDialog(demo_window.library, ids[:3], demo_window)
    qtbot.addWidget(several)
    assert several.source.currentData() == "selected" and several.records.count() == 3
    assert several.source.itemText(1) == "The 3 records selected in the library"

    question = load_case(conn).question
    assert question and one.side.question.toPlainText() == question
    dates = sorted(
        r[0][:10]
        for r in conn.execute("SELECT clinical_date FROM records WHERE clinical_date IS NOT NULL")
    )
    assert one.date_from.date().toString("yyyy-MM-dd") == dates[0]
    assert one.date_to.date().toString("yyyy-MM-dd") == dates[-1]

    one.side.deidentify.setChecked(True)
    one.show()
    save_screenshot(one, "bundle-export-defaults")
    options = one.options()
    assert not options.remove_dates and options.date_shift_days <= -365
    assert options.keeps_dates


def test_a_pdf_bomb_in_a_bundle_is_not_opened(
    demo_window, qtbot, tmp_path: Path, exported: list
) -> None:
    """A bundle may come from anyone: a PDF in it whose parts unpack to far more than it
    holds is checked before PDFium reads it, as an import checks it, and offered as a file."""
    import hashlib
    import json

    from recordorg.bundle.names import MANIFEST
    from recordorg.bundle.plan import plan_bundle
    from recordorg.gui.viewers.other_viewer import OtherViewer
    from tests.samplemakers.hostile import bomb_pdf

    plan = plan_bundle(demo_window.library)
    job = demo_window.bundles.run_export(plan, tmp_path / "B")
    qtbot.waitUntil(lambda: not job.running, timeout=60_000)
    first = next(p for p in plan.records if p.record.kind == "pdf")
    bomb = bomb_pdf()
    (tmp_path / "B" / first.document).write_bytes(bomb)
    manifest = json.loads((tmp_path / "B" / MANIFEST).read_bytes())  # as its sender wrote it
    entry = next(f for f in manifest["files"] if f["path"] == first.document)
    entry["size"], entry["sha256"] = len(bomb), hashlib.sha256(bomb).hexdigest()
    (tmp_path / "B" / MANIFEST).write_text(json.dumps(manifest, indent=1))
    view = _open(demo_window, qtbot, tmp_path / "B")
    viewer = view.show_record(first.number)
    assert isinstance(viewer, OtherViewer)
    assert "This PDF is not shown here" in viewer.message.text()
    assert "too much to read safely" in viewer.message.text()
