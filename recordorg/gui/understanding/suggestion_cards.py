"""Cards in the details panel that show one suggestion (date, category or title) and why."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout

from recordorg.core.catalogue.editing import RecordChange
from recordorg.core.catalogue.records import Record
from recordorg.core.understanding.clinical_date import DateCandidate, DateChoice
from recordorg.core.understanding.date_words import KIND_NAMES
from recordorg.core.understanding.record_understanding import Understanding
from recordorg.core.wording import long_date, reduced_iso, short_date, source_why
from recordorg.gui.icons import icon
from recordorg.gui.library.details_parts import muted
from recordorg.gui.theme import category_colour

MOST_ALTERNATIVES = 4
LEAST_ALTERNATIVE_SCORE = 0.3  # below this a date is a follow-up, a file time or a birth date
MOST_WORDS = 5
KEPT_NOTE = "A confirmed date is kept: reading the record again never changes it."


def percent(share: float) -> str:
    return f"{round(max(0.0, min(1.0, share)) * 100)}% sure"


def date_kind(candidate: DateCandidate | None, choice: DateChoice) -> str:
    """What kind of date it is, in words: 'discharge date', 'the study date of the images'."""
    if candidate is not None and candidate.source != "text":
        return candidate.reason.split(" (")[0]
    kind = candidate.kind if candidate is not None else choice.kind
    return KIND_NAMES.get(kind or "unknown", kind or "date")


def date_why(u: Understanding) -> str:
    """The words that decided the date, as escaped rich text."""
    choice = u.date
    mention = next(
        (m for m in u.mentions if m.value == choice.value and m.kind == choice.kind), None
    )
    if choice.source == "text" and mention is not None:
        where = f" on page {mention.page}" if mention.page else ""
        if mention.cue and not mention.cue.startswith("a date"):
            first = (
                f"Written “{html.escape(mention.written)}” after "
                f"“<b>{html.escape(mention.cue)}</b>”{where}."
            )
        else:
            cue = html.escape(mention.cue or "a date in the text")
            first = f"Written “{html.escape(mention.written)}”: {cue}{where}."
    elif choice.source != "text":
        first = source_why(choice.source)
    else:
        first = html.escape(choice.reason.split(". ")[0].removeprefix("Chosen: ")) + "."
        first = first[0].upper() + first[1:]
    rest = [
        part.rstrip(".")
        for part in choice.reason.split(". ")[1:]
        if part and not part.startswith("The date of birth")
    ]  # not why: always so
    return " ".join([first, *(html.escape(part) + "." for part in rest)])


def other_dates(choice: DateChoice) -> list[tuple[DateCandidate, float]]:
    """The other dates a person may pick, each with how sure it is next to the chosen one."""
    if not choice.alternatives:
        return []
    best = choice.alternatives[0].score or 1.0
    out = []
    for c in choice.alternatives:
        if c.value == choice.value or c.score < LEAST_ALTERNATIVE_SCORE:
            continue
        out.append((c, choice.confidence * min(1.0, c.score / best)))
    return out[:MOST_ALTERNATIVES]


def category_why(u: Understanding) -> str:
    words = [w for w in u.category.words if w][:MOST_WORDS]
    if not words:
        return html.escape(u.category.reason)
    quoted = ", ".join(f"“<b>{html.escape(w)}</b>”" for w in words)
    return f"Because the text says {quoted}."


class SuggestionCard(QFrame):
    """One suggestion: what, how sure, why, and a button that uses it."""

    use = Signal(object, str)  # RecordChange, the words for the Undo menu

    def __init__(self, icon_name: str, button_text: str) -> None:
        super().__init__()
        self.setObjectName("suggestionCard")
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(12, 10, 12, 12)
        self.box.setSpacing(3)
        head = QHBoxLayout()
        head.setSpacing(6)
        self.icon = QLabel()
        self.icon.setFixedSize(16, 16)
        self.icon_name = icon_name
        self.icon_colour: QColor | None = None
        self.set_icon()
        self.caption = muted(QLabel())
        self.caption.setObjectName("suggestionCaption")
        self.caption.setWordWrap(True)
        head.addWidget(self.icon)
        head.addWidget(self.caption, 1)
        self.box.addLayout(head)
        self.value = QLabel()
        self.value.setObjectName("suggestionValue")
        self.value.setWordWrap(True)
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.box.addWidget(self.value)
        self.sure = muted(QLabel())  # what kind of thing it is, and how sure
        self.sure.setObjectName("suggestionSure")
        self.sure.setWordWrap(True)
        self.box.addWidget(self.sure)
        self.why = muted(QLabel())
        self.why.setObjectName("suggestionWhy")
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.RichText)
        self.box.addWidget(self.why)
        self.box.addSpacing(4)
        row = QHBoxLayout()
        self.button = QPushButton(icon("check"), button_text)
        self.button.setObjectName("acceptButton")
        self.button.clicked.connect(self._used)
        row.addWidget(self.button)
        row.addStretch(1)
        self.box.addLayout(row)
        self.change: RecordChange | None = None
        self.undo_text = ""

    def set_icon(self, colour: QColor | None = None) -> None:
        self.icon_colour = colour
        self.icon.setPixmap(icon(self.icon_name, colour).pixmap(QSize(16, 16)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:  # light or dark: draw the icon again
            self.set_icon(self.icon_colour)
        super().changeEvent(event)

    def _used(self) -> None:
        if self.change is not None:
            self.use.emit(self.change, self.undo_text)


class DateCard(SuggestionCard):
    """The clinical date read from the record, why, and the other dates it mentions."""

    def __init__(self) -> None:
        super().__init__("calendar", "Use this date")
        self.others_label = muted(QLabel("Or pick another date it mentions:"))
        self.others_label.setObjectName("suggestionCaption")
        self.others_label.setWordWrap(True)
        self.box.addSpacing(6)
        self.box.addWidget(self.others_label)
        self.others = QVBoxLayout()
        self.others.setSpacing(0)
        self.box.addLayout(self.others)
        self.note = muted(QLabel(KEPT_NOTE))
        self.note.setObjectName("suggestionNote")
        self.note.setWordWrap(True)
        self.box.addSpacing(4)
        self.box.addWidget(self.note)
        self.other_buttons: list[QToolButton] = []

    def show_for(self, record: Record, u: Understanding) -> bool:
        """Show the date unless a person has confirmed one (it is kept) or none was found."""
        choice = u.date
        if record.date_confirmed or not choice.value:
            return False
        self.set_icon()
        current = (record.clinical_date or "")[:10]
        same = current == choice.value
        chosen = choice.alternatives[0] if choice.alternatives else None
        from_text = choice.source == "text"
        self.caption.setText(
            ("Date read from the text" if from_text else "Date from the file")
            if same
            else "Suggested date"
        )
        kind = date_kind(chosen, choice)
        self.sure.setText(f"{kind[0].upper()}{kind[1:]} · {percent(choice.confidence)}")
        self.value.setText(long_date(choice.value, choice.precision))  # a period: in the why
        self.why.setText(date_why(u))
        self.button.setText("Confirm this date" if same else "Use this date")
        self.button.setToolTip(KEPT_NOTE)
        self.change = RecordChange(clinical_date=reduced_iso(choice.value, choice.precision))
        self.undo_text = "Confirm date" if same else "Use suggested date"
        self._fill_others(other_dates(choice), current, choice)
        return True

    def _fill_others(
        self, others: list[tuple[DateCandidate, float]], current: str, choice: DateChoice
    ) -> None:
        while self.others.count():
            item = self.others.takeAt(0)
            if item.layout() is not None:
                while item.layout().count():
                    widget = item.layout().takeAt(0).widget()
                    if widget is not None:
                        widget.hide()
                        widget.deleteLater()
        self.other_buttons = []
        for candidate, sure in others:
            row = QHBoxLayout()
            row.setSpacing(6)
            label = QLabel(
                f"{short_date(candidate.value, candidate.precision)}  "
                f"<span style='color:{self._muted_colour()}'>"
                f"{html.escape(date_kind(candidate, choice))} · "
                f"{round(sure * 100)}%</span>"
            )
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setToolTip(candidate.reason)
            is_current = candidate.value == current
            button = QToolButton()
            button.setObjectName("linkButton")
            button.setText("Confirm" if is_current else "Use")
            shown = long_date(candidate.value, candidate.precision)
            button.setAccessibleName(f"Use {shown} as the clinical date")
            picked = reduced_iso(candidate.value, candidate.precision)
            button.clicked.connect(
                lambda _c=False, v=picked, now=is_current: self.use.emit(
                    RecordChange(clinical_date=v), "Confirm date" if now else "Pick a date"
                )
            )
            row.addWidget(label, 1)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.others.addLayout(row)
            self.other_buttons.append(button)
        self.others_label.setVisible(bool(others))

    def _muted_colour(self) -> str:
        return self.why.palette().color(self.why.foregroundRole()).name()


class CategoryCard(SuggestionCard):
    """The category the text reads like, how sure, and the words that decided it."""

    def __init__(self) -> None:
        super().__init__("category", "Use this category")
        self.note = muted(QLabel())
        self.note.setObjectName("suggestionNote")
        self.note.setWordWrap(True)
        self.box.addWidget(self.note)

    def show_for(self, record: Record, u: Understanding, threshold: float) -> bool:
        c = u.category
        if c.category == record.category or c.category == "other":
            return False
        self.icon_name = "dot"
        self.set_icon(category_colour(c.category))
        self.caption.setText("Suggested category")
        self.sure.setText(percent(c.confidence))
        self.value.setText(u.category_name)
        self.why.setText(category_why(u))
        if u.category_chosen:
            note = f"You chose “{record.category_name}” yourself: it stays unless you use this."
        elif threshold >= 1:
            note = "Categories are only suggested, never set by themselves (Library Settings)."
        else:
            note = f"Not set by itself: that needs {round(threshold * 100)}% (Library Settings)."
        self.note.setText(note)
        self.change = RecordChange(category=c.category)
        self.undo_text = "Use suggested category"
        return True


class TitleCard(SuggestionCard):
    """A title made from the record's category, date and words."""

    def __init__(self) -> None:
        super().__init__("pencil", "Use this title")

    def show_for(self, record: Record, u: Understanding) -> bool:
        if not u.title or u.title == record.title:
            return False
        self.set_icon()
        self.caption.setText("Suggested title")
        self.sure.setText("")
        self.value.setText(u.title)
        self.why.setText(
            "Made from what the record is (its category, and the examination or "
            "specimen it names) and its date."
        )
        self.change = RecordChange(title=u.title)
        self.undo_text = "Use suggested title"
        return True
