"""The OCR job: read the text of scans and photos with Tesseract, a page per core at a time."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Generator, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from recordorg.core.catalogue.database import transaction
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.settings import OCR_LANGUAGES, get_setting
from recordorg.core.progress import CancelToken, Progress
from recordorg.formats.ocr import PAGE_TIME_LIMIT, OcrUnavailable, choose_languages, ocr_page
from recordorg.jobs.patients import read_again
from recordorg.jobs.sandbox import WorkerPool
from recordorg.jobs.understand import understand_records

log = logging.getLogger(__name__)


@dataclass
class PageFailure:
    """A page that could not be read, and why (in words for the user)."""

    record_id: int
    page: int
    reason: str


@dataclass
class OcrReport:
    """What an OCR run did."""

    records: list[int] = field(default_factory=list)  # records with pages read
    pages: int = 0
    words: int = 0
    failed: list[PageFailure] = field(default_factory=list)
    unavailable: str = ""  # why OCR could not run at all (Tesseract missing)
    languages: str = ""
    cancelled: bool = False
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class PageToRead:
    record_id: int
    number: int
    kind: str
    sha256: str


def pages_to_read(
    conn: sqlite3.Connection, record_ids: list[int] | None = None, *, again: bool = False
) -> list[PageToRead]:
    """Pages of PDFs and pictures with no text yet (with `again`, also those read by OCR)."""
    sources = "('none', 'ocr')" if again else "('none')"
    sql = (
        "SELECT p.record_id, p.number, r.kind, r.sha256 FROM pages p "
        "JOIN records r ON r.id = p.record_id "
        f"WHERE r.kind IN ('pdf', 'image') AND r.locked = 0 AND r.sha256 NOT NULL "
        f"AND p.source IN {sources}"
    )
    params: list[Any] = []
    if record_ids is not None:
        sql += f" AND r.id IN ({','.join('?' * len(record_ids)) or 'NULL'})"
        params = list(record_ids)
    rows = conn.execute(sql + " ORDER BY r.id, p.number", params).fetchall()
    return [PageToRead(r[0], r[1], r[2], r[3]) for r in rows]


def ocr_available() -> tuple[bool, str]:
    """Whether scans can be read here, and if not, the message that says how to fix it."""
    try:
        choose_languages()
    except OcrUnavailable as error:
        return False, str(error)
    return True, ""


def read_scans(
    library: Library,
    record_ids: list[int] | None = None,
    *,
    again: bool = False,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    time_limit: float = PAGE_TIME_LIMIT,
) -> Generator[Progress, None, OcrReport]:
    """Read the pages that have no text (all records, or those named); yields Progress.

    Each page is stored as soon as it is read, so a stop loses only the pages in flight;
    when all pages of a record are read, its date, category and title are suggested again."""
    cancel = cancel or CancelToken()
    report = OcrReport()
    started = time.monotonic()
    conn = library.connection()
    try:
        report.languages = choose_languages(get_setting(conn, OCR_LANGUAGES.key))
    except OcrUnavailable as error:
        report.unavailable = str(error)
        return report
    todo = pages_to_read(conn, record_ids, again=again)
    if not todo:
        return report
    left: dict[int, int] = {}
    for page in todo:
        left[page.record_id] = left.get(page.record_id, 0) + 1
    total, done = len(todo), 0
    yield Progress(0, total, "", f"Reading {total} page(s) of scans…")
    read: set[int] = set()
    pool = WorkerPool(workers, time_limit=time_limit)
    try:
        for outcome in pool.run(_tasks(library, todo, report.languages, time_limit, cancel)):
            record_id, number = outcome.key
            done += 1
            if outcome.ok:
                _store_page(conn, record_id, number, outcome.value.text)
                report.pages += 1
                report.words += len(outcome.value.text.split())
                read.add(record_id)
            else:
                reason = outcome.error
                if reason.startswith("bug:"):
                    log.error(
                        "OCR failed with a bug on record %s page %s: %s",
                        record_id,
                        number,
                        reason.splitlines()[0][:200],
                    )
                    reason = "Something went wrong reading this page (see the log)."
                report.failed.append(PageFailure(record_id, number, reason))
            left[record_id] -= 1
            if left[record_id] == 0 and record_id in read:
                yield from understand_records(conn, [record_id], done=done, total=total)
                read_again(conn, [record_id])  # the patient the scan names
            yield Progress(done, total, f"record {record_id}, page {number}")
        report.cancelled = cancel.cancelled and done < total
        if report.cancelled:  # suggest from what was read before the stop
            partly = sorted(r for r in read if left[r] > 0)
            yield from understand_records(conn, partly, done=done, total=total)
            read_again(conn, partly)
    finally:
        pool.close()
        report.records = sorted(read)
        report.seconds = round(time.monotonic() - started, 2)
    return report


def _tasks(
    library: Library, todo: list[PageToRead], languages: str, limit: float, cancel: CancelToken
) -> Iterator[tuple[Any, Any, tuple, float]]:
    for page in todo:
        if cancel.cancelled:
            return
        path = str(library.original_path(page.sha256))
        yield (
            (page.record_id, page.number),
            ocr_page,
            (path, page.kind, page.number, languages),
            limit,
        )


def _store_page(conn: sqlite3.Connection, record_id: int, number: int, text: str) -> None:
    with transaction(conn):
        conn.execute(
            "UPDATE pages SET text = ?, source = 'ocr' WHERE record_id = ? AND number = ?",
            (text, record_id, number),
        )
