"""A suggested case-review entry before it is stored, and where its sentence was read."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from recordorg.core.understanding.dates import DateOrder, find_dates


@dataclass
class Proposal:
    """An entry the application would suggest, with everything it was read from."""

    kind: str
    key: str
    fields: dict[str, Any]
    drugs: list[str] | None = None
    citations: list[tuple[int, int | None, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    """Where a sentence was read: its record (id, category, date), page and date order, and
    the heading of the section it stands under."""

    record_id: int
    category: str
    record_date: str | None
    page: int
    order: DateOrder
    page_text: str = ""
    section: str = ""

    @cached_property
    def collected(self) -> str | None:
        """The specimen collection date the page states, if any."""
        for mention in find_dates(self.page_text, self.order):
            if mention.kind == "collection":
                return mention.value
        return None

    def proposal(self, kind: str, key: str, fields: dict[str, Any], sentence: str) -> Proposal:
        """A proposal quoting this sentence on this page."""
        return Proposal(kind, key, fields, citations=[(self.record_id, self.page, sentence)])
