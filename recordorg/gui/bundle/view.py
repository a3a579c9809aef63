"""A case-review bundle shown read-only: whether it verified, its summary, timeline, records."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pydicom
from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recordorg.bundle.names import INDEX
from recordorg.bundle.reader import OpenedBundle, made_line
from recordorg.core.catalogue.records import Record
from recordorg.core.catalogue.studies import StudyDocument, StudyImage, StudySeries
from recordorg.formats.dicom_document import is_document_class, write_document
from recordorg.formats.extracted import UnreadableFile
from recordorg.gui.icons import kind_icon
from recordorg.gui.library import record_actions
from recordorg.gui.widgets.empty_state import EmptyState

KINDS = {
    "pdf": "Document",
    "image": "Photo or scan",
    "dicom": "Imaging study",
    "other": "Other file",
}


def bundle_record(entry: dict, subject: str) -> Record:
    """A bundle's record in the shape the viewers take (it is not in any library)."""
    paths = entry.get("paths") or [""]
    return Record(
        id=-int(entry["number"]),
        kind=entry.get("kind", "other"),
        title=entry.get("title", ""),
        category=entry.get("category", ""),
        category_name=entry.get("category_name", ""),
        person=subject,
        clinical_date=entry.get("date"),
        date_source=None,
        date_confirmed=False,
        notes=entry.get("notes", ""),
        tags=list(entry.get("tags", [])),
        original_name=Path(paths[0]).name,
        original_path=paths[0],
        mime=entry.get("mime", ""),
        size=int(entry.get("size") or 0),
        sha256=None,
        study_instance_uid=None,
        page_count=int(entry.get("page_count") or 0),
        locked=False,
        warnings="",
        batch_id=None,
        imported_at="",
        meta={},
    )


def study_series(
    opened: OpenedBundle, entry: dict, documents: list[StudyDocument] | None = None
) -> list[StudySeries]:
    """A study's series from its files in the bundle (headers read, pixels not); the
    reports it carries (PDFs inside DICOM files) are added to `documents`."""
    first = (entry.get("paths") or [""])[0]
    folder = opened.file(first)
    if folder is None:
        return []
    study_folder = folder.parent.parent
    found = []
    for n, series_folder in enumerate(sorted(p for p in study_folder.iterdir() if p.is_dir())):
        images = []
        facts = {"modality": "", "description": "", "number": None, "body": ""}
        for path in sorted(p for p in series_folder.iterdir() if p.is_file()):
            relative = path.relative_to(opened.folder).as_posix()
            if relative in opened.report.changed:
                continue
            ds = pydicom.dcmread(path, stop_before_pixels=True, force=True)
            if not facts["modality"]:
                facts.update(
                    modality=str(ds.get("Modality", "")),
                    description=str(ds.get("SeriesDescription", "")),
                    number=ds.get("SeriesNumber"),
                    body=str(ds.get("BodyPartExamined", "")),
                )
            if documents is not None and is_document_class(str(ds.get("SOPClassUID", ""))):
                title = " ".join(str(ds.get("DocumentTitle") or "").split())
                documents.append(
                    StudyDocument(
                        relative,
                        title or str(ds.get("SeriesDescription") or "Document").capitalize(),
                    )
                )
            if int(ds.get("Rows") or 0) > 0:
                location = ds.get("SliceLocation")
                images.append(
                    StudyImage(
                        relative,
                        ds.get("InstanceNumber"),
                        float(location) if location is not None else None,
                        int(ds.get("NumberOfFrames") or 1),
                        int(ds.Rows),
                        int(ds.Columns),
                    )
                )
        images.sort(key=lambda i: (i.instance_number is None, i.instance_number or 0))
        if images:
            number = facts["number"]
            found.append(
                StudySeries(
                    n,
                    int(number) if number is not None else None,
                    facts["modality"],
                    facts["description"],
                    facts["body"],
                    images,
                )
            )
    return found


def summary_html(opened: OpenedBundle) -> str:
    """The case summary as simple HTML for a text browser (every value escaped)."""
    about, case = opened.about, opened.case
    e = html.escape
    parts = [
        f"<h2>Case review: {e(str(about.get('subject', '')))}</h2>",
        f"<p>{e(made_line(about))}; {e(str(about.get('dates', '')))}.</p>",
    ]
    if opened.question:
        parts.append(f"<h3>Question for the reviewer</h3><p>{e(opened.question)}</p>")
    if about.get("contact"):
        parts.append(f"<p><b>Contact:</b> {e(about['contact'])}</p>")
    parts += [f"<p style='color:#8a5a00'>{e(w)}</p>" for w in about.get("warnings", [])]

    def sources(fact: dict) -> str:
        links = []
        for source in fact.get("sources", []):
            if source.get("number") is None:
                links.append("a record not in this bundle")
            else:
                page = f", p. {source['page']}" if source.get("page") else ""
                links.append(
                    f"<a href='record:{source['number']}'>record {source['number']}</a>{page}"
                )
        return f" <small>({', '.join(links)})</small>" if links else ""

    def mark(fact: dict) -> str:
        return "" if fact.get("confirmed") else " <i style='color:#8a5a00'>(unconfirmed)</i>"

    for title, key in (
        ("Diagnosis", "diagnoses"),
        ("Biomarker results", "biomarkers"),
        ("Treatment lines", "treatments"),
        ("Other facts", "other"),
    ):
        facts = case.get(key) or []
        parts.append(f"<h3>{title}</h3>")
        if not facts:
            parts.append("<p>None recorded.</p>")
            continue
        items = "".join(
            f"<li>{e(f.get('text', ''))}"
            + (f" ({e(f['date'])})" if f.get("date") else "")
            + mark(f)
            + sources(f)
            + "</li>"
            for f in facts
        )
        parts.append(f"<ul>{items}</ul>")
    if case.get("checklist"):
        rows = "".join(
            f"<tr><td>{e(r['title'])}</td><td><b>{e(r['status'])}</b></td>"
            f"<td>{e(r['detail'])}</td></tr>"
            for r in case["checklist"]
        )
        parts.append(
            "<h3>Checklist</h3><table border='1' cellspacing='0' cellpadding='4'>"
            f"<tr><th>What a reviewer needs</th><th>Status</th><th>Details</th></tr>"
            f"{rows}</table>"
        )
    return "\n".join(parts)


def timeline_svg(opened: OpenedBundle) -> bytes | None:
    """The timeline drawn in the bundle's INDEX.HTM (None if there is none, or the page
    was changed since the bundle was made)."""
    path = opened.file(INDEX)
    if path is None:
        return None
    found = re.search(r"<svg\b.*?</svg>", path.read_text(encoding="utf-8"), re.S)
    return found.group(0).encode("utf-8") if found else None


class BundleView(QWidget):
    """One opened bundle: a verification banner, then Summary, Timeline and Records tabs."""

    def __init__(self, opened: OpenedBundle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.opened = opened
        self.setObjectName("bundleView")
        subject = str(opened.about.get("subject", ""))
        self.setAccessibleName(f"Bundle: {subject}")
        layout = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setObjectName("bundleBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        report = opened.report
        if report.ok:
            self.banner.setText(
                f"Verified: all {report.checked} files are as they were made. "
                "This bundle is shown read-only."
            )
            self.banner.setStyleSheet("background:#e6f4ea; color:#17663a; padding:8px;")
        else:
            self.banner.setText(
                "This bundle is not as it was made; read it with care.\n"
                + "\n".join(report.problems())
            )
            self.banner.setStyleSheet("background:#fdecea; color:#a11d1d; padding:8px;")
        layout.addWidget(self.banner)
        self.signer = QLabel(report.signature_words())
        self.signer.setObjectName("bundleSigner")
        self.signer.setWordWrap(True)
        self.signer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.signer)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.summary = QTextBrowser()
        self.summary.setObjectName("bundleSummary")
        self.summary.setOpenLinks(False)
        self.summary.setHtml(summary_html(opened))
        self.summary.anchorClicked.connect(self._link)
        self.tabs.addTab(self.summary, "Summary")
        self.tabs.addTab(self._timeline(), "Timeline")
        self.tabs.addTab(self._records(subject), "Records")

    def _timeline(self) -> QWidget:
        svg = timeline_svg(self.opened)
        if svg is None:
            note = self.opened.case.get("timeline_note") or "This bundle has no timeline."
            return EmptyState("timeline", note)
        widget = QSvgWidget()
        widget.load(QByteArray(svg))
        size = widget.renderer().defaultSize()
        widget.setFixedSize(size)
        area = QScrollArea()
        area.setWidget(widget)
        return area

    def _records(self, subject: str) -> QWidget:
        split = QSplitter()
        self.record_list = QTreeWidget()
        self.record_list.setObjectName("bundleRecords")
        self.record_list.setHeaderLabels(["No.", "Date", "Category", "Record"])
        self.record_list.setRootIsDecorated(False)
        self.entries = {int(r["number"]): r for r in self.opened.records}
        for number, entry in self.entries.items():
            item = QTreeWidgetItem(
                [
                    str(number),
                    entry.get("date") or "no date",
                    entry.get("category_name", ""),
                    entry.get("title", ""),
                ]
            )
            item.setIcon(3, kind_icon(entry.get("kind", "")))
            item.setToolTip(2, entry.get("category_name", ""))
            kind = KINDS.get(entry.get("kind", ""), "")
            item.setToolTip(3, f"{entry.get('title', '')} ({kind})" if kind else entry.get("title"))
            item.setData(0, Qt.ItemDataRole.UserRole, number)
            self.record_list.addTopLevelItem(item)
        _fit_record_columns(self.record_list)
        self.record_list.currentItemChanged.connect(
            lambda item, _old: item and self.show_record(item.data(0, Qt.ItemDataRole.UserRole))
        )
        self.viewer_host = QStackedWidget()
        self.viewer_host.addWidget(EmptyState("records", "Choose a record to read it."))
        split.addWidget(self.record_list)
        split.addWidget(self.viewer_host)
        split.setSizes([600, 740])
        self.subject = subject
        return split

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("record:"):
            self.show_record(int(text.split(":", 1)[1]))

    def show_record(self, number: int) -> QWidget:
        """Show one record of the bundle in the viewer pane (Records tab)."""
        self.tabs.setCurrentIndex(2)
        for index in range(self.record_list.topLevelItemCount()):
            item = self.record_list.topLevelItem(index)
            if (
                item.data(0, Qt.ItemDataRole.UserRole) == number
                and self.record_list.currentItem() is not item
            ):
                self.record_list.setCurrentItem(item)
        viewer = self._viewer(self.entries[number])
        old = self.viewer_host.widget(1)
        if old is not None:
            self.viewer_host.removeWidget(old)
            old.deleteLater()
        self.viewer_host.addWidget(viewer)
        self.viewer_host.setCurrentWidget(viewer)
        return viewer

    def _viewer(self, entry: dict) -> QWidget:
        from recordorg.gui.viewers.other_viewer import OtherViewer

        record = bundle_record(entry, self.subject)
        first = (entry.get("paths") or [""])[0]
        path = self.opened.file(first) if first else None
        if path is None:
            why = (
                "This file changed since the bundle was made, so it is not shown."
                if first in self.opened.report.changed
                else "This record's file is missing from the bundle."
            )
            return OtherViewer(record, why, with_actions=False)
        if record.kind == "dicom":
            from recordorg.gui.viewers.dicom_viewer import DicomViewer

            folder = self.opened.folder
            documents: list[StudyDocument] = []
            series = study_series(self.opened, entry, documents)
            scratch = self.opened.scratch()
            return DicomViewer(
                record,
                series,
                lambda relative: folder.joinpath(*relative.split("/")),
                documents=documents,
                document_file=lambda doc: write_document(
                    folder.joinpath(*doc.file_key.split("/")),
                    scratch / f"{doc.file_key.replace('/', '_')}.pdf",
                ),
            )
        if record.kind == "pdf":
            from recordorg.formats.pdf_budget import check_unpacked_sizes
            from recordorg.gui.viewers.pdf_viewer import PdfViewer

            try:  # a bundle may come from anyone: its PDFs are checked as an import checks them
                check_unpacked_sizes(path)
            except UnreadableFile as error:
                return self._file_only(record, path, f"This PDF is not shown here. {error}")
            return PdfViewer(record, path)
        if record.kind == "image":
            from recordorg.gui.viewers.image_viewer import ImageViewer

            return ImageViewer(record, path)
        return self._file_only(record, path, f"This file is in the bundle as {first}.")

    def _file_only(self, record: Record, path: Path, why: str) -> QWidget:
        """A record shown by its words alone, its file offered to save or open elsewhere."""
        from recordorg.gui.viewers.other_viewer import OtherViewer

        viewer = OtherViewer(record, why)
        key = f"bundle-{abs(hash(str(self.opened.folder)))}-{record.id}"
        name = record.original_name or path.name
        viewer.open_elsewhere.connect(lambda _id: record_actions.open_file_copy(path, key, name))
        viewer.save_copy.connect(lambda _id: record_actions.save_file_copy(self, path, name))
        return viewer


def _fit_record_columns(tree: QTreeWidget) -> None:
    """Number and date as wide as they need, the category at most as wide as its usual
    names, and the title the rest: cut with "…" only when the list has no more room."""
    header = tree.header()
    header.setStretchLastSection(False)
    for column in (0, 1):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    tree.resizeColumnToContents(2)
    widest = tree.fontMetrics().horizontalAdvance("Imaging report") + 24
    header.resizeSection(2, min(header.sectionSize(2), widest))
    header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
