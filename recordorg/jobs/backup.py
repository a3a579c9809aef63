"""Backing up a library to a folder or a removable drive, and restoring one from a backup.

A backup is a folder: `catalogue.sqlite` (a copy made with SQLite's online backup, so a
window may stay open), `originals/` (each stored once under its SHA-256, copied only when
missing) and BACKUP.JSON (what the backup holds and when it was made). The cache is not
copied: it is rebuilt. Every original is read back and its hash checked before the new
catalogue takes the old one's place, so a stopped backup leaves the previous one whole.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
import time
from collections.abc import Generator, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from recordorg.bundle.signature import KEY_FILE
from recordorg.core.catalogue.backups import remember_backup
from recordorg.core.catalogue.database import CATALOGUE_NAME, now
from recordorg.core.catalogue.disk_space import check_room, full_disk_told
from recordorg.core.catalogue.library import (
    Library,
    hash_file,
    original_path_in,
    sync_folders,
)
from recordorg.core.errors import UserError
from recordorg.core.progress import CancelToken, Progress
from recordorg.jobs.durable import sync_file

MANIFEST_NAME = "BACKUP.JSON"
KIND = "recordorg library backup"
FOLDER_ON_A_DRIVE = "recordorg backup"  # made inside a chosen folder that holds other things
PART = ".catalogue.sqlite.part"
PAGES_A_STEP = 1024


@dataclass
class BackupReport:
    """What a backup copied and checked."""

    destination: str
    made_at: str = ""
    records: int = 0
    originals: int = 0  # stored files the backup holds
    copied: int = 0  # of them, copied this time
    copied_bytes: int = 0
    total_bytes: int = 0
    removed: int = 0  # files no record uses any more, removed from the backup
    same_disk: bool = False  # on the library's own disk: no help if that disk is lost
    cancelled: bool = False
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def notes(self) -> list[str]:
        """What the person should know about this backup."""
        if not self.same_disk:
            return []
        return [
            "This backup is on the same disk as the library: it guards against mistakes, "
            "not against losing the disk. Back up to another drive too."
        ]


def backup_folder(destination: Path) -> Path:
    """Where a backup to `destination` goes: the folder itself when it is new, empty or an
    earlier backup; else a "recordorg backup" folder inside it (a drive holding other files)."""
    destination = Path(destination).expanduser()
    if destination.exists() and not destination.is_dir():
        raise UserError(f"{destination} is a file; choose a folder or a drive to back up to.")
    if not destination.exists() and not destination.parent.is_dir():
        raise UserError(
            f"The folder {destination.parent} does not exist. If it is on a removable drive, "
            "is the drive plugged in?"
        )
    if not destination.exists() or (destination / MANIFEST_NAME).exists():
        return destination
    if not any(p for p in destination.iterdir() if p.name != PART):
        return destination
    return destination / FOLDER_ON_A_DRIVE


def copy_catalogue(source: sqlite3.Connection, target: Path) -> None:
    """Copy a catalogue with SQLite's online backup (writers may go on) into one file."""
    target.unlink(missing_ok=True)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy, pages=PAGES_A_STEP)
        copy.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        result = copy.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        copy.close()
    if result != "ok":
        raise UserError(f"The copy of the catalogue did not pass SQLite's check ({result}).")
    sync_file(target)


def stored_files(catalogue: Path) -> dict[str, int]:
    """Every original a catalogue file refers to: its hash and its size."""
    rows = _ask(
        catalogue,
        "SELECT sha256, size FROM records WHERE sha256 NOT NULL "
        "UNION SELECT sha256, size FROM dicom_instances",
    )
    return {sha: size for sha, size in rows}


def _ask(catalogue: Path, sql: str) -> list[tuple]:
    """The rows of one query on a catalogue file, opened read-only."""
    conn = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def copy_original(source: Path, originals: Path, sha256: str) -> int:
    """Copy one original into `originals/` under its hash (checked later by verify_originals,
    once the copies are on the disk)."""
    target = original_path_in(originals, sha256)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{sha256}.part")
    try:
        shutil.copyfile(source, partial)
        os.chmod(partial, 0o444)  # stored files are never changed, in a backup as in a library
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target.stat().st_size


def settle(files: Iterable[Path]) -> None:
    """Write what was copied onto the disk itself and let go of it in memory, so that the
    check after reads back what the disk (or the drive) really holds."""
    if hasattr(os, "sync"):
        os.sync()
    if not sys.platform.startswith("linux"):
        return  # other systems have no call to let go of a file's cached pages
    for path in files:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # verify_originals names it
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def back_up(
    library: Library, destination: Path, *, cancel: CancelToken | None = None
) -> Generator[Progress, None, BackupReport]:
    """Back the library up to `destination`; yields Progress, returns the report."""
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    folder = backup_folder(destination)
    _refuse_inside(library, folder)
    report = BackupReport(str(folder))
    snapshot = folder / PART
    made_at = now()  # the catalogue is copied as it is now: later imports are not in it
    try:
        yield Progress(0, 0, "", "Copying the catalogue…")
        with full_disk_told(folder, library.catalogue_path.stat().st_size, "the backup"):
            (folder / "originals").mkdir(parents=True, exist_ok=True)
            source = library.connect()
            try:
                copy_catalogue(source, snapshot)
            finally:
                source.close()
        wanted = stored_files(snapshot)
        report.same_disk = folder.stat().st_dev == library.root.stat().st_dev
        yield from _copy_new_originals(library, folder / "originals", wanted, cancel, report)
        settle(original_path_in(folder / "originals", sha) for sha in wanted)
        yield from verify_originals(folder / "originals", wanted, cancel)
        if cancel.cancelled:
            report.cancelled = True
            return report
        os.replace(snapshot, folder / CATALOGUE_NAME)
        keep_signing_key(library.root, folder)
    finally:
        snapshot.unlink(missing_ok=True)
    report.removed = _remove_unused(folder / "originals", wanted)
    report.made_at = made_at
    report.records = _ask(folder / CATALOGUE_NAME, "SELECT count(*) FROM records")[0][0]
    report.originals, report.total_bytes = len(wanted), sum(wanted.values())
    _write_manifest(folder, library, report)
    remember_backup(library.connection(), report.made_at)
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def keep_signing_key(source: Path, target: Path) -> None:
    """Copy the library's bundle-signing key, readable by its owner only, so that bundles made
    after a restore are signed by the same fingerprint as before."""
    key = source / KEY_FILE
    if not key.is_file():
        return
    partial = target / f".{KEY_FILE}.part"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key.read_bytes())
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, target / KEY_FILE)


def _copy_new_originals(
    library: Library,
    originals: Path,
    wanted: dict[str, int],
    cancel: CancelToken,
    report: BackupReport,
) -> Generator[Progress, None, None]:
    """Copy the originals the backup lacks (all of them the first time)."""
    missing = {sha: size for sha, size in wanted.items() if not _same_size(originals, sha, size)}
    needed = sum(missing.values())
    folder = originals.parent
    check_room(folder, needed, "the backup", "Choose a larger drive, or free some space on it.")
    with full_disk_told(folder, needed, "the backup"):
        for done, sha in enumerate(sorted(missing), 1):
            if cancel.cancelled:
                break
            report.copied_bytes += copy_original(library.original_path(sha), originals, sha)
            report.copied += 1
            yield Progress(done, len(missing), sha[:12], "Copying new records…")


READ_BACK_WRONG = (
    "{damaged} of {total} stored files read back wrong from {folder}; the disk may be failing. "
    "Back up again, or to another drive."
)


def verify_originals(
    originals: Path, wanted: dict[str, int], cancel: CancelToken, damaged: str = READ_BACK_WRONG
) -> Generator[Progress, None, None]:
    """Read every original back and check its hash; UserError (the `damaged` words, told
    how many and where) if any is missing or differs."""
    wrong = 0
    for done, sha in enumerate(sorted(wanted), 1):
        if cancel.cancelled:
            return
        path = original_path_in(originals, sha)
        if not path.is_file() or hash_file(path) != sha:
            wrong += 1
        if done % 20 == 0 or done == len(wanted):
            yield Progress(done, len(wanted), sha[:12], "Checking the copies…")
    if wrong:
        raise UserError(damaged.format(damaged=wrong, total=len(wanted), folder=originals.parent))


def read_manifest(folder: Path) -> dict[str, Any]:
    """What a backup says it holds; UserError if the folder is not a recordorg backup."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        raise UserError(
            f"{folder} is not a recordorg backup (it has no {MANIFEST_NAME})."
        ) from None
    if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
        raise UserError(f"{folder} is not a recordorg backup.")
    return manifest


def _refuse_inside(library: Library, folder: Path) -> None:
    root, folder = library.root.resolve(), folder.resolve()
    if folder == root or root in folder.parents:
        raise UserError(
            "A backup inside the library would be lost with it; choose another drive or folder."
        )


def _same_size(originals: Path, sha: str, size: int) -> bool:
    path = original_path_in(originals, sha)
    return path.is_file() and path.stat().st_size == size


def _remove_unused(originals: Path, wanted: dict[str, int]) -> int:
    removed = 0
    for sub in originals.iterdir():
        for path in sub.iterdir() if sub.is_dir() else [sub]:
            if path.name not in wanted:
                path.unlink()
                removed += 1
    return removed


def _write_manifest(folder: Path, library: Library, report: BackupReport) -> None:
    catalogue = folder / CATALOGUE_NAME
    manifest = {
        "kind": KIND,
        "made_at": report.made_at,
        "library": library.root.name,
        "records": report.records,
        "originals": report.originals,
        "bytes": report.total_bytes,
        "catalogue_sha256": hash_file(catalogue),
        "catalogue_version": _ask(catalogue, "PRAGMA user_version")[0][0],
    }
    partial = folder / f".{MANIFEST_NAME}.part"
    partial.write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    sync_file(partial)
    os.replace(partial, folder / MANIFEST_NAME)
    sync_folders({folder})
