"""The source an entry cites: a record of the person's library, a page of it and the words."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from recordorg.core.wording import short_date

WHOLE_RECORD = "whole record"


class CitationFields(QWidget):
    """A record chooser (type to find one), its page and an optional quote; `citation()` is
    (record id, page or None, quote), or None when no record is chosen."""

    def __init__(self, records, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.record = QComboBox(self)
        self.record.setObjectName("citeRecord")
        self.record.setAccessibleName("Source record")
        self.record.addItem("(no source)", None)
        for record_id, title, pages, when in records:
            day = f" - {short_date(when)}" if when else ""
            self.record.addItem(f"#{record_id} {title}{day}", (record_id, pages))
        self.record.setEditable(True)
        self.record.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.record.completer().setFilterMode(self.record.completer().filterMode().MatchContains)
        self.record.currentIndexChanged.connect(self._record_chosen)
        self.page = QSpinBox(self)
        self.page.setObjectName("citePage")
        self.page.setAccessibleName("Page of the source record")
        self.page.setSpecialValueText(WHOLE_RECORD)
        self.quote = QLineEdit(self)
        self.quote.setObjectName("citeQuote")
        self.quote.setAccessibleName("Words quoted from the source")
        self.quote.setPlaceholderText("optional: the words on that page")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Record:", self.record)
        form.addRow("Page:", self.page)
        form.addRow("Quote:", self.quote)
        self._record_chosen()

    def choose(self, record_id: int, page: int | None = None, quote: str = "") -> bool:
        """Pick a record (and page, quote) as the source; False if it is not offered."""
        for index in range(self.record.count()):
            data = self.record.itemData(index)
            if data and data[0] == record_id:
                self.record.setCurrentIndex(index)
                self.page.setValue(page or 0)
                self.quote.setText(quote)
                return True
        return False

    def citation(self) -> tuple[int, int | None, str] | None:
        data = self.record.currentData()
        if not data:
            return None
        return data[0], self.page.value() or None, self.quote.text().strip()

    def _record_chosen(self) -> None:
        data = self.record.currentData()
        self.page.setEnabled(bool(data))
        self.quote.setEnabled(bool(data))
        self.page.setRange(0, (data[1] or 9999) if data else 0)
