"""Reading the text of a password-protected PDF once its password is known."""

from __future__ import annotations

from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.records import Record, get_record
from recordorg.core.errors import UserError
from recordorg.jobs.sandbox import WorkerPool


def _read_with_password(path: str, password: str):
    from pathlib import Path

    from recordorg.formats.pdf import read_pdf

    return read_pdf(Path(path), password=password)


def unlock_pdf(library: Library, record_id: int, password: str) -> Record:
    conn = library.connection()
    record = get_record(conn, record_id)
    if record.kind != "pdf" or not record.sha256:
        raise UserError(f"Record {record_id} is not a PDF.")
    path = str(library.original_path(record.sha256))
    with WorkerPool(1) as pool:
        outcome = next(pool.run(iter([(record_id, _read_with_password, (path, password), 0.0)])))
    if not outcome.ok:
        raise UserError(outcome.error)
    extracted = outcome.value
    if extracted.locked:
        raise UserError("That password does not open this PDF.")
    with transaction(conn):
        conn.execute("DELETE FROM pages WHERE record_id = ?", (record_id,))
        conn.executemany(
            "INSERT INTO pages(record_id, number, text, source) VALUES (?, ?, ?, ?)",
            [(record_id, p.number, p.text, p.source) for p in extracted.pages],
        )
        conn.execute(
            "UPDATE records SET locked = 0, warnings = '', page_count = ?, updated_at = ? "
            "WHERE id = ?",
            (extracted.page_count, now(), record_id),
        )
    if extracted.thumbnail_png:
        library.save_thumbnail(record_id, extracted.thumbnail_png)
    from recordorg.jobs.understand import understand_records

    list(understand_records(conn, [record_id]))  # date, category, title from the text
    return get_record(conn, record_id)
