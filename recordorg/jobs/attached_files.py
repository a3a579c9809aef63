"""Keeping the files another file carries (a FHIR report's PDF) as originals of their own,
before the records that name them are committed."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

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
