"""A date whose day and month can both be read: the confidence says so, the reason names both
readings, and the month a file's name gives decides the order when the text cannot."""

from __future__ import annotations

from datetime import date

import pytest

from recordorg.core.understanding.clinical_date import choose_clinical_date
from recordorg.core.understanding.dates import read_record_dates

TODAY = date(2025, 1, 1)
BLOODS = [(1, "Full blood count\nCollected: 03/10/2024\nHaemoglobin 121 g/L")]


def _chosen(pages, name: str = "", library_votes=(0, 0)):
    mentions, order = read_record_dates(pages, "auto", library_votes, TODAY, name=name)
    return choose_clinical_date(mentions, [], order, TODAY, "laboratory")


def test_a_date_read_either_way_is_not_sure() -> None:
    choice = _chosen(BLOODS, library_votes=(0, 3))  # a library of month-first records
    assert choice.value == "2024-03-10"
    assert choice.confidence <= 0.85
    assert "Day and month could both be read: 10 Mar 2024, or 3 Oct 2024." in choice.reason


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bloods Oct 2024.pdf", "2024-10-03"),
        ("bloods_oct_2024.pdf", "2024-10-03"),
        ("Bloods March 2024.pdf", "2024-03-10"),
        ("scan 2024-10-03.pdf", "2024-10-03"),
    ],
)
def test_the_file_name_tells_the_month(name: str, expected: str) -> None:
    choice = _chosen(BLOODS, name, library_votes=(0, 3))
    assert choice.value == expected
    assert "the file's name gives the month" in choice.reason
    assert choice.confidence <= 0.9


def test_the_texts_own_dates_outrank_the_file_name() -> None:
    pages = [(1, "Collected: 03/10/2024\nReported: 25/10/2024")]  # 25/10 is day-first only
    choice = _chosen(pages, "Bloods March 2024.pdf")
    assert choice.value == "2024-10-03"
    assert "file's name" not in choice.reason


def test_a_date_that_reads_one_way_only_stays_sure() -> None:
    choice = _chosen([(1, "Collected: 25/10/2024")])
    assert choice.value == "2024-10-25" and choice.confidence > 0.9
    assert "could both be read" not in choice.reason
