"""Keeping the files another file carries (a FHIR report's PDF) as originals of their own,
before the records that name them are committed; linking the imaging studies a record
names to the studies the library holds."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from recordorg.core.catalogue.library import Library, StagedFile, keep_in_originals


def keep_bytes(library: Library, data: bytes) -> StagedFile:
    """Write `data` to staging (fsynced) and keep it in originals/ under its SHA-256."""
    fd, name = tempfile.mkstemp(dir=library.staging, prefix="import-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    staged = StagedFile(Path(name), hashlib.sha256(data).hexdigest(), len(data))
    return StagedFile(keep_in_originals(staged, library.originals), staged.sha256, staged.size)


def with_linked_studies(conn: sqlite3.Connection, meta: dict[str, Any]) -> dict[str, Any]:
    """A record's details with each imaging study it names (by Study Instance UID) linked to
    the study of that UID the library already holds."""
    named = meta.get("imaging_studies") or []
    uids = [s["study_instance_uid"] for s in named if s.get("study_instance_uid")]
    if not uids:
        return meta
    held = dict(
        conn.execute(
            f"SELECT study_instance_uid, id FROM records WHERE study_instance_uid IN "
            f"({','.join('?' * len(uids))})",
            uids,
        ).fetchall()
    )
    studies = [{**s, "record_id": held.get(s.get("study_instance_uid"))} for s in named]
    return {**meta, "imaging_studies": studies}
