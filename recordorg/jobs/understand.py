"""Applying what the text says (date, category, title) to records, as a step of a job."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Generator

from recordorg.core.understanding import Understanding, analyse_record, classifier_for
from recordorg.jobs.progress import CancelToken, Progress

log = logging.getLogger(__name__)


def understand_records(
    conn: sqlite3.Connection,
    record_ids: list[int],
    *,
    cancel: CancelToken | None = None,
    done: int = 0,
    total: int = 0,
) -> Generator[Progress, None, list[Understanding]]:
    """Analyse each record and apply the suggestions no person has overruled.

    A failure on one record is logged (by id, never its text) and the others go on: the
    import or OCR that calls this must not fail because a suggestion could not be made."""
    results: list[Understanding] = []
    if not record_ids:
        return results
    classifier = classifier_for(conn)
    yield Progress(done, total, "", "Reading dates and categories…")
    for record_id in record_ids:
        if cancel is not None and cancel.cancelled:
            break
        try:
            results.append(analyse_record(conn, record_id, classifier=classifier))
        except Exception:  # a bug here must not lose the import; it is logged with a trace
            log.exception("could not make suggestions for record %s", record_id)
    return results
