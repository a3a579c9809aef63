"""The sources of a case-review entry as a reader takes them in: the coded entries of one
section of one record (a health-record download's 48 prescriptions of one regimen) are one
source, told by how many they are and the span of their dates; a quote read from a record's
text stays a source of its own. The command line, the window and the bundle show them so."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from recordorg.core.wording import date_span

# A coded entry's quote (see suggest_coded.citation): "Medicines, entry 7 (…): Cisplatin
# 50 MG Injection (RxNorm 1736854), 2008-10-12"; entries given together are joined by "; ".
_CODED = re.compile(r"^(?P<section>[^,;:]+), entry \d+\b")
_DATE = re.compile(r", (\d{4}(?:-\d{2}){0,2})$")


class Cited(Protocol):
    id: int
    record_id: int
    page: int | None
    quote: str


@dataclass(frozen=True)
class SourceGroup:
    """One source as shown: a record's page, and the quotes read there (many for coded
    entries of one section, one for a quote from text)."""

    record_id: int
    page: int | None
    section: str  # the coded entries' section ("Medicines"); "" for a quote from text
    quotes: tuple[str, ...]
    citation_ids: tuple[int, ...]
    dates: tuple[str, ...]  # the coded entries' own dates, oldest first

    @property
    def count(self) -> int:
        return len(self.quotes)

    def summary(self, date: Callable[[str], str | None] = lambda iso: iso) -> str:
        """What the source holds in words: its quote, or for many coded entries
        "Medicines: 48 entries, 12 Oct 2008 – 23 Sep 2012" (`date` moves or removes the
        dates, as a de-identified bundle does)."""
        if self.count == 1:
            return self.quotes[0]
        first, last = (date(self.dates[0]), date(self.dates[-1])) if self.dates else (None, None)
        span = date_span(first, last) if first and last else ""
        return f"{self.section}: {self.count} entries" + (f", {span}" if span else "")


def grouped_sources(citations: Iterable[Cited]) -> list[SourceGroup]:
    """The citations as sources to show, in the order first cited: coded entries of one
    section of one page together, every other quote alone."""
    groups: dict[tuple, list[Cited]] = {}
    for citation in citations:
        coded = _CODED.match(citation.quote or "")
        key = (
            (citation.record_id, citation.page, coded["section"])
            if coded
            else (citation.record_id, citation.page, None, citation.id)
        )
        groups.setdefault(key, []).append(citation)
    found = []
    for key, cited in groups.items():
        dates = sorted(m[1] for c in cited if (m := _DATE.search(c.quote)))
        found.append(
            SourceGroup(
                key[0],
                key[1],
                key[2] or "",
                tuple(c.quote for c in cited),
                tuple(c.id for c in cited),
                tuple(dates),
            )
        )
    return found


def id_ranges(ids: Iterable[int]) -> str:
    """Numbers as runs: "3–50", "3–5, 9"."""
    runs: list[list[int]] = []
    for number in sorted(ids):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(f"{a}–{b}" if b > a else str(a) for a, b in runs)
