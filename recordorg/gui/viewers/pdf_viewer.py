"""PDF records with QtPdf: pages, zoom, page navigation and find in text."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMargins, QPointF, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument, QPdfSearchModel
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from recordorg.core.catalogue.records import Record
from recordorg.gui.icons import icon
from recordorg.gui.viewers.base import RecordViewer
from recordorg.gui.viewers.pdf_thumbnails import PageThumbnails
from recordorg.gui.widgets.clear_button import offer_clear_button

ZOOMS = [0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 3.0, 4.0]


class PdfViewer(RecordViewer):
    def __init__(
        self,
        record: Record,
        path: Path,
        *,
        page: int | None = None,
        find: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(record, parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setAccessibleName("Document pages")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(14)
        self.view.setDocumentMargins(QMargins(16, 16, 16, 16))
        self.view.setDocument(self.document)
        self.search = QPdfSearchModel(self)
        self.search.setDocument(self.document)
        self.view.setSearchModel(self.search)
        self.thumbnails = PageThumbnails(self.document, self)
        self.thumbnails.page_chosen.connect(self.go_to_page)
        self._build_toolbar()
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.thumbnails)
        body.addWidget(self.view, 1)
        self.layout_.addLayout(body, 1)
        self._path = str(path)
        self.document.load(self._path)
        if self.document.error() == QPdfDocument.Error.IncorrectPassword:
            QTimer.singleShot(0, self._ask_password)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.search.countChanged.connect(self._results_changed)
        self._pages_changed()
        if page and page > 1:
            QTimer.singleShot(0, lambda: self.go_to_page(page))
        if find:
            self.find_field.setText(find)

    def _build_toolbar(self) -> None:
        keys = QKeySequence.StandardKey
        self.pages_action = self.tool(
            "pages", "Show Page Thumbnails", self._toggle_thumbnails, "Ctrl+Shift+T"
        )
        self.pages_action.setCheckable(True)
        self.tool("chevron-left", "Previous Page", self.previous_page, keys.MoveToPreviousPage)
        self.page_box = QSpinBox()
        self.page_box.setAccessibleName("Page number")
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda n: self.go_to_page(n))
        self.toolbar.addWidget(self.page_box)
        self.of_pages = self.label("of 1")
        self.tool("chevron-right", "Next Page", self.next_page, keys.MoveToNextPage)
        self.toolbar.addSeparator()
        self.tool("zoom-out", "Zoom Out", self.zoom_out, QKeySequence.StandardKey.ZoomOut)
        self.zoom_box = QComboBox()
        self.zoom_box.setAccessibleName("Zoom")
        self.zoom_box.addItem("Fit width", "width")
        self.zoom_box.addItem("Fit page", "page")
        for factor in ZOOMS:
            self.zoom_box.addItem(f"{factor:.0%}", factor)
        self.zoom_box.activated.connect(self._zoom_chosen)
        self.toolbar.addWidget(self.zoom_box)
        self.tool("zoom-in", "Zoom In", self.zoom_in, QKeySequence.StandardKey.ZoomIn)
        self.spacer()
        self.find_field = QLineEdit()
        self.find_field.setObjectName("findInDocument")
        self.find_field.setPlaceholderText("Find in document")
        self.find_field.setAccessibleName("Find in document")
        offer_clear_button(self.find_field, "Clear the words to find")
        self.find_field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.find_field.setFixedWidth(220)
        self.find_field.textChanged.connect(self.search.setSearchString)
        self.find_field.returnPressed.connect(self.next_result)
        self.toolbar.addWidget(self.find_field)
        self.result_label = self.label("")
        self.tool("chevron-up", "Previous Match", self.previous_result, "Shift+F3")
        self.tool("chevron-down", "Next Match", self.next_result, "F3")

    # -- pages ----------------------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage() + 1

    def go_to_page(self, number: int) -> None:
        number = max(1, min(number, self.page_count() or 1))
        if number != self.current_page():
            self.view.pageNavigator().jump(number - 1, QPointF(), self.view.zoomFactor())

    def previous_page(self) -> None:
        self.go_to_page(self.current_page() - 1)

    def next_page(self) -> None:
        self.go_to_page(self.current_page() + 1)

    def _pages_changed(self) -> None:
        count = max(1, self.page_count())
        self.page_box.setMaximum(count)
        self.of_pages.setText(f"of {count}")
        self.show_thumbnails(self.page_count() > 1)

    def show_thumbnails(self, shown: bool) -> None:
        self.thumbnails.setVisible(shown)
        self.pages_action.setChecked(shown)
        if shown:
            self.thumbnails.request_visible()

    def _toggle_thumbnails(self) -> None:
        self.show_thumbnails(not self.thumbnails.isVisible())

    def _page_changed(self, index: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)
        self.thumbnails.show_page(index + 1)

    # -- zoom -----------------------------------------------------------------------------
    def _zoom_chosen(self, index: int) -> None:
        value = self.zoom_box.itemData(index)
        if value == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif value == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.set_zoom(float(value))

    def set_zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)
        index = self.zoom_box.findData(factor)
        if index < 0:
            self.zoom_box.setEditText(f"{factor:.0%}")
        else:
            self.zoom_box.setCurrentIndex(index)

    def _effective_zoom(self) -> float:
        if self.view.zoomMode() == QPdfView.ZoomMode.Custom:
            return self.view.zoomFactor()
        page = self.document.pagePointSize(0)
        if page.width() <= 0:
            return 1.0
        dpi = self.logicalDpiX() / 72.0
        return (self.view.viewport().width() - 32) / (page.width() * dpi)

    def zoom_in(self) -> None:
        current = self._effective_zoom()
        self.set_zoom(next((z for z in ZOOMS if z > current + 0.01), ZOOMS[-1]))

    def zoom_out(self) -> None:
        current = self._effective_zoom()
        self.set_zoom(next((z for z in reversed(ZOOMS) if z < current - 0.01), ZOOMS[0]))

    # -- find -----------------------------------------------------------------------------
    def _results_changed(self) -> None:
        count = self.search.count()
        if not self.find_field.text():
            self.result_label.setText("")
        elif count == 0:
            self.result_label.setText("No matches")
        else:
            if self.view.currentSearchResultIndex() < 0:
                self._show_result(0)
            self._label_result()

    def _label_result(self) -> None:
        count = self.search.count()
        self.result_label.setText(f"{self.view.currentSearchResultIndex() + 1} of {count}")

    def _show_result(self, index: int) -> None:
        count = self.search.count()
        if not count:
            return
        index %= count
        self.view.setCurrentSearchResultIndex(index)
        link = self.search.resultAtIndex(index)
        # jump(QPdfLink) with a search result crashes PySide6 6.12: go by page and place
        self.view.pageNavigator().jump(link.page(), link.location(), self.view.zoomFactor())
        self._label_result()

    def next_result(self) -> None:
        self._show_result(self.view.currentSearchResultIndex() + 1)

    def previous_result(self) -> None:
        self._show_result(self.view.currentSearchResultIndex() - 1)

    def focus_find(self) -> None:
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def _ask_password(self) -> None:
        prompt = "This PDF is protected by a password. Enter it to read it:"
        while self.document.error() == QPdfDocument.Error.IncorrectPassword:
            password, ok = QInputDialog.getText(
                self, "Password needed", prompt, QLineEdit.EchoMode.Password
            )
            if not ok:
                return
            self.document.setPassword(password)
            self.document.load(self._path)
            prompt = "That password did not open the PDF. Try again:"
        self._pages_changed()
