"""Making a library from a backup: into a new or empty folder, every file checked."""

from __future__ import annotations

import sqlite3
from collections.abc import Generator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from recordorg.core.catalogue.backups import remember_backup
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.database import CATALOGUE_NAME, check_not_too_new
from recordorg.core.catalogue.disk_space import check_room, full_disk_told
from recordorg.core.catalogue.library import (
    Library,
    original_path_in,
    remove_stored,
    remove_stored_tree,
)
from recordorg.core.errors import UserError
from recordorg.core.progress import CancelToken, Progress
from recordorg.jobs.backup import (
    FOLDER_ON_A_DRIVE,
    MANIFEST_NAME,
    copy_catalogue,
    copy_original,
    keep_signing_key,
    read_manifest,
    settle,
    stored_files,
    verify_originals,
)

DAMAGED = "{damaged} of {total} stored files in the backup are damaged; nothing was restored."


@dataclass
class RestoreReport:
    """What a restore made."""

    library: str
    made_at: str = ""  # when the backup was made
    records: int = 0
    originals: int = 0
    bytes: int = 0
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def find_backup(path: Path) -> Path:
    """The backup folder at `path`, or the "recordorg backup" folder a drive holds."""
    path = Path(path).expanduser()
    if not (path / MANIFEST_NAME).exists() and (path / FOLDER_ON_A_DRIVE / MANIFEST_NAME).exists():
        return path / FOLDER_ON_A_DRIVE
    return path


def restore(
    backup: Path, target: Path, *, cancel: CancelToken | None = None
) -> Generator[Progress, None, RestoreReport]:
    """Make a library at `target` (new or empty) from a backup; yields Progress."""
    cancel = cancel or CancelToken()
    folder = find_backup(backup)
    manifest = read_manifest(folder)
    check_not_too_new(folder / CATALOGUE_NAME)  # before a byte is copied
    target = Path(target).expanduser()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UserError(
            f"{target} is not empty. A restore never writes over a library: choose a new or "
            "empty folder."
        )
    report = RestoreReport(str(target), str(manifest.get("made_at", "")))
    target.mkdir(parents=True, exist_ok=True)
    finished = False
    try:
        yield from _copy_backup(folder, target, cancel, report)
        if cancel.cancelled:
            report.cancelled = True
            return report
        yield Progress(0, 0, "", "Checking the restored library…")
        library = Library.open(target)
        try:
            checked = check_library(library, quick=True)  # the hashes were just checked
            if report.made_at:  # what the backup holds is backed up as of then
                remember_backup(library.connection(), report.made_at)
        finally:
            library.close()
        if not checked.ok:
            raise UserError(
                "The restored library did not pass its check: "
                + "; ".join(p.message for p in checked.problems[:3])
            )
        report.records = checked.records
        finished = True
    finally:
        if not finished:
            _empty(target)
    return report


def _copy_backup(
    folder: Path, target: Path, cancel: CancelToken, report: RestoreReport
) -> Generator[Progress, None, None]:
    yield Progress(0, 0, "", "Copying the catalogue…")
    catalogue = folder / CATALOGUE_NAME
    with full_disk_told(target, catalogue.stat().st_size, "the restored library"):
        source = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True)
        try:
            copy_catalogue(source, target / CATALOGUE_NAME)
        finally:
            source.close()
    keep_signing_key(folder, target)
    wanted = stored_files(target / CATALOGUE_NAME)
    needed = sum(wanted.values())
    check_room(target, needed, "the restored library", "Choose a folder on a larger disk.")
    originals = target / "originals"
    with full_disk_told(target, needed, "the restored library"):
        for done, sha in enumerate(sorted(wanted), 1):
            if cancel.cancelled:
                return
            source_file = original_path_in(folder / "originals", sha)
            if not source_file.is_file():
                raise UserError(f"The backup lacks a stored file ({sha[:12]}…); it is incomplete.")
            report.bytes += copy_original(source_file, originals, sha)
            report.originals += 1
            yield Progress(done, len(wanted), sha[:12], "Copying records…")
    settle(original_path_in(originals, sha) for sha in wanted)
    yield from verify_originals(originals, wanted, cancel, DAMAGED)


def _empty(folder: Path) -> None:
    """Remove what an unfinished restore made in `folder` (which was new or empty)."""
    for path in folder.iterdir():
        remove_stored_tree(path) if path.is_dir() and not path.is_symlink() else remove_stored(path)
