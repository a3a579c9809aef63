"""Applying what the text says (date, category, title) to records, as a step of a job."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Generator
from dataclasses import asdict, dataclass

from recordorg.core.catalogue.settings import AUTO_CATEGORY, DATE_ORDER
from recordorg.core.progress import CancelToken, Progress
from recordorg.core.understanding.classify import Classifier
from recordorg.core.understanding.dates import resolve_order
from recordorg.core.understanding.record_understanding import (
    Understanding,
    analyse_record,
    classifier_for,
)
from recordorg.core.understanding.stored import library_order_votes

log = logging.getLogger(__name__)


class Understander:
    """Analyses records one by one as an import commits them, then reads again the ones
    whose dates the whole batch taught the library to read differently."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._classifier: Classifier | None = None
        self._votes: tuple[int, int] | None = None
        self.results: list[Understanding] = []

    def record(self, record_id: int) -> None:
        """Analyse one record and apply what no person has overruled; a failure is logged
        (by id, never its text) and never fails the import."""
        if self._classifier is None:
            self._classifier = classifier_for(self.conn)
            self._votes = library_order_votes(self.conn)  # once a batch: summing is not free
        try:
            self.results.append(
                analyse_record(
                    self.conn, record_id, classifier=self._classifier, library_votes=self._votes
                )
            )
        except Exception:  # a bug here must not lose the import; it is logged with a trace
            log.exception("could not make suggestions for record %s", record_id)

    def finish(self) -> list[Understanding]:
        if self._classifier is None or self._votes is None:
            return self.results
        return _read_again_with_the_batch(self.conn, self.results, self._classifier, self._votes)


def understand_records(
    conn: sqlite3.Connection,
    record_ids: list[int],
    *,
    cancel: CancelToken | None = None,
    done: int = 0,
    total: int = 0,
) -> Generator[Progress, None, list[Understanding]]:
    """Analyse each record and apply the suggestions no person has overruled."""
    understander = Understander(conn)
    if not record_ids:
        return []
    yield Progress(done, total, "", "Reading dates and categories…")
    for record_id in record_ids:
        if cancel is not None and cancel.cancelled:
            break
        understander.record(record_id)
    return understander.finish()


def _read_again_with_the_batch(
    conn: sqlite3.Connection,
    results: list[Understanding],
    classifier: Classifier,
    before: tuple[int, int],
) -> list[Understanding]:
    """The first import of a library teaches it how dates are written: records whose day and
    month could not be told apart are read again if the batch changed the library's lean."""
    after = library_order_votes(conn)
    if (
        resolve_order((0, 0), library_votes=after).order
        == resolve_order((0, 0), library_votes=before).order
    ):
        return results
    out = []
    for u in results:
        guessed = u.date.order is not None and u.date.order.why in ("library", "default")
        if guessed and any(m.order for m in u.mentions):
            try:
                u = analyse_record(
                    conn,
                    u.record_id,
                    classifier=classifier,
                    library_votes=library_order_votes(conn, u.record_id),
                )
            except Exception:
                log.exception("could not make suggestions for record %s", u.record_id)
        out.append(u)
    return out


# Settings that change how records are understood: after one changes, every record is read
# again (OCR languages only matter for scans not read yet).
READ_AGAIN_AFTER = (DATE_ORDER.key, AUTO_CATEGORY.key)


@dataclass
class ReadAgainReport:
    """What reading every record again changed."""

    records: int = 0
    dates_changed: int = 0
    categories_changed: int = 0
    cancelled: bool = False

    def to_json(self) -> dict[str, int | bool]:
        return asdict(self)


def _facts(conn: sqlite3.Connection) -> dict[int, tuple[str | None, int]]:
    return {
        row[0]: (row[1], row[2])
        for row in conn.execute("SELECT id, clinical_date, category_id FROM records")
    }


def read_again(
    conn: sqlite3.Connection,
    *,
    cancel: CancelToken | None = None,
) -> Generator[Progress, None, ReadAgainReport]:
    """Read every record again after the library's settings changed (the order of day and
    month, the confidence to file a record by itself): what a person confirmed or chose is
    never changed, only what recordorg decided."""
    before = _facts(conn)
    report = ReadAgainReport()
    understander = Understander(conn)
    for n, record_id in enumerate(before):
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break
        if n % 25 == 0:
            yield Progress(n, len(before), "", "Reading the records again…")
        understander.record(record_id)
        report.records += 1
    understander.finish()
    after = _facts(conn)
    report.dates_changed = sum(1 for i, f in before.items() if after.get(i, f)[0] != f[0])
    report.categories_changed = sum(1 for i, f in before.items() if after.get(i, f)[1] != f[1])
    return report
