"""Reading the dates of a long record takes time in proportion to its length."""

from __future__ import annotations

import time

from recordorg.core.understanding import dates, written_dates
from recordorg.core.understanding.dates import NEAR, find_dates, read_record_dates
from tests.samplemakers.long_text import long_clinical_text


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        find_dates(text)
        best = min(best, time.process_time() - start)
    return best


def test_a_run_of_spaces_before_a_date_costs_no_more_than_a_short_one() -> None:
    short = "".join(f"{' ' * 2}Seen on 0{n}/04/2024\n" for n in range(1, 4))
    long = "".join(f"{' ' * 24}Seen on 0{n}/04/2024\n" for n in range(1, 4))  # indented
    assert [m.kind for m in find_dates(long)] == ["visit"] * 3
    assert _seconds(long) < 20 * _seconds(short) + 0.05


def test_ten_times_the_text_takes_about_ten_times_as_long() -> None:
    small, large = long_clinical_text(100_000), long_clinical_text(1_000_000)
    found = find_dates(large)
    assert len(found) > 2000
    assert _seconds(large) < 20 * _seconds(small)


def test_each_date_is_read_from_its_few_neighbouring_words(monkeypatch) -> None:
    read: list[int] = []
    scan = dates._scan_cues

    def counting(window: str):
        read.append(len(window))
        return scan(window)

    monkeypatch.setattr(dates, "_scan_cues", counting)
    dates._nearest_cue.cache_clear()
    one_line = long_clinical_text(300_000).replace("\n", " ")  # text from XML: one long line
    found = find_dates(one_line)
    assert found and max(read) <= NEAR + 1
    assert sum(read) <= 2 * (NEAR + 1) * len(found)


def test_a_record_too_long_to_read_in_time_keeps_the_dates_read_until_then() -> None:
    pages = [(n, long_clinical_text(200_000)) for n in range(1, 6)]
    _forget_what_was_read()
    start = time.monotonic()
    everything, _ = read_record_dates(pages)
    took = time.monotonic() - start
    _forget_what_was_read()
    start = time.monotonic()
    some, _ = read_record_dates(pages, time_limit=took / 4)
    assert time.monotonic() - start < took
    assert 0 < len(some) < len(everything)
    assert [m.value for m in some] == [m.value for m in everything[: len(some)]]


def _forget_what_was_read() -> None:
    for cached in (written_dates.written_dates, written_dates.lowered, dates._nearest_cue):
        cached.cache_clear()


def test_understanding_a_record_of_1_mb_grows_with_its_length(library) -> None:
    from recordorg.core.understanding.record_understanding import analyse_record
    from tests.core.helpers import add_record

    conn = library.connection()
    seconds = {}
    for size in (100_000, 1_000_000):
        record = add_record(conn, f"long {size}", [long_clinical_text(size)])
        _forget_what_was_read()
        start = time.process_time()
        understood = analyse_record(conn, record)
        seconds[size] = time.process_time() - start
        assert understood.mentions and understood.date.value
    assert seconds[1_000_000] < 2.0
    assert seconds[1_000_000] < 20 * seconds[100_000] + 0.05
