"""A library on disk: the catalogue, the originals stored by SHA-256, cache and staging."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from recordorg.core.catalogue import database as catalogue
from recordorg.core.catalogue.unfinished_exports import clean_unfinished_exports
from recordorg.core.errors import LibraryBusy, UserError
from recordorg.core.file_lock import lock_file, unlock_file

log = logging.getLogger(__name__)

CHUNK = 1024 * 1024


@dataclass(frozen=True)
class StagedFile:
    """A copy of an imported file in staging: complete, fsynced, named by nothing yet."""

    path: Path
    sha256: str
    size: int


def stage_copy(source: Path, staging: Path) -> StagedFile:
    """Copy a file into staging while hashing it, in one pass, and fsync the copy."""
    digest = hashlib.sha256()
    size = 0
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NOFOLLOW", 0)
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_BINARY", 0)
    )
    source_fd = os.open(source, flags)
    try:
        fd, name = tempfile.mkstemp(dir=staging, prefix="import-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := os.read(source_fd, CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    finally:
        os.close(source_fd)
    return StagedFile(Path(name), digest.hexdigest(), size)


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def original_path_in(originals: Path, sha256: str) -> Path:
    """Where the original with this hash is kept: originals/ab/abcdef…"""
    return originals / sha256[:2] / sha256


def keep_in_originals(staged: StagedFile, originals: Path) -> Path:
    """Move a staged copy into originals/ (or drop it if those bytes are already kept).

    Safe to call from several processes at once: the rename is atomic and the bytes are
    the same whoever wins. The file's bytes were fsynced in staging; the folder entry is
    made durable by sync_folders() once a batch has been written (a per-file folder fsync
    doubled the cost of importing a CT series).
    """
    target = original_path_in(originals, staged.sha256)
    if target.exists():
        staged.path.unlink(missing_ok=True)
        return target
    target.parent.mkdir(exist_ok=True)
    os.chmod(staged.path, 0o444)
    try:
        os.replace(staged.path, target)
    except PermissionError:  # Windows: another reader kept the same bytes (read-only) first
        if not target.exists():
            raise
        remove_stored(staged.path)
    return target


def remove_stored(path: Path) -> None:
    """Remove a stored file, which is read-only: Windows refuses to remove such a file until
    it is made writable again (other systems only ask about its folder)."""
    try:
        path.unlink(missing_ok=True)
    except PermissionError:
        if sys.platform != "win32":
            raise
        os.chmod(path, stat.S_IWRITE | stat.S_IREAD)
        path.unlink(missing_ok=True)


def remove_stored_tree(folder: Path) -> None:
    """Remove a folder holding stored (read-only) files, as `remove_stored` removes one."""
    for root, dirs, files in os.walk(folder, topdown=False):
        for name in files:
            remove_stored(Path(root, name))
        for name in dirs:
            inner = Path(root, name)
            inner.unlink() if inner.is_symlink() else inner.rmdir()
    folder.rmdir()


def sync_folders(folders: set[Path]) -> None:
    """Make renames into these folders durable (one fsync per folder)."""
    for folder in sorted(folders):
        if folder.exists():
            _fsync_dir(folder)


def _fsync_dir(path: Path) -> None:
    if sys.platform == "win32":
        return  # a folder cannot be opened to sync there; NTFS journals its entries
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class Library:
    """One library folder. Open it with Library.open(); connections are per thread."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self.catalogue_path = root / catalogue.CATALOGUE_NAME
        self.originals = root / "originals"
        self.cache = root / "cache"
        self.staging = root / "staging"
        self.cleaned_exports: list[Path] = []  # work of stopped exports removed at open
        self._conn: sqlite3.Connection | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path, *, create: bool = True, read_only: bool = False) -> Library:
        """Open (creating if asked) a library, upgrading an older catalogue in place."""
        root = Path(root).expanduser()
        library = cls(root, read_only=read_only)
        exists = library.catalogue_path.exists()
        if not exists and (read_only or not create):
            raise UserError(f"There is no recordorg library at {root}.")
        catalogue.check_not_too_new(library.catalogue_path)
        if read_only:
            return library
        for folder in (root, library.originals, library.cache, library.staging):
            folder.mkdir(parents=True, exist_ok=True)
        conn = library.connection()
        with library.try_writer_lock() as got_lock:
            catalogue.migrate(conn)
            if got_lock:
                library.empty_staging()
        library.cleaned_exports = clean_unfinished_exports(library.staging)
        return library

    def connection(self) -> sqlite3.Connection:
        """This library's main connection (for the thread that opened it)."""
        if self._conn is None:
            self._conn = self.connect()
        return self._conn

    def connect(self) -> sqlite3.Connection:
        """A new connection, for another thread or process (WAL lets readers read)."""
        return catalogue.connect(self.catalogue_path, read_only=self.read_only)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    # -- the writer lock ---------------------------------------------------------------
    @contextmanager
    def writer_lock(self, *, wait: bool = False) -> Iterator[None]:
        """Hold the library's single-writer lock for an import or a repair."""
        with self.try_writer_lock(wait=wait) as got:
            if not got:
                raise LibraryBusy(
                    "Another recordorg window or command is importing into this library. "
                    "Try again when it has finished."
                )
            yield

    @contextmanager
    def try_writer_lock(self, *, wait: bool = False) -> Iterator[bool]:
        handle = open(self.root / "library.lock", "a+")
        try:
            got = lock_file(handle.fileno(), wait=wait)
            try:
                yield got
            finally:
                if got:
                    unlock_file(handle.fileno())
        finally:
            handle.close()

    # -- originals -----------------------------------------------------------------------
    def original_path(self, sha256: str) -> Path:
        return original_path_in(self.originals, sha256)

    def forget_original(self, sha256: str, conn: sqlite3.Connection | None = None) -> None:
        """Remove a kept original that no record refers to (a duplicate found late)."""
        conn = conn or self.connection()
        used = conn.execute(
            "SELECT 1 FROM records WHERE sha256 = ?1 UNION ALL "
            "SELECT 1 FROM dicom_instances WHERE sha256 = ?1 LIMIT 1",
            (sha256,),
        ).fetchone()
        if not used:
            remove_stored(self.original_path(sha256))

    def stored_originals(self) -> Iterator[Path]:
        """Every file in originals/ (for checks); names are SHA-256 hex digests."""
        if not self.originals.exists():
            return
        for sub in sorted(self.originals.iterdir()):
            if sub.is_dir():
                yield from sorted(p for p in sub.iterdir())
            else:
                yield sub

    def referenced_hashes(self, conn: sqlite3.Connection | None = None) -> set[str]:
        conn = conn or self.connection()
        hashes = {r[0] for r in conn.execute("SELECT sha256 FROM records WHERE sha256 NOT NULL")}
        hashes.update(r[0] for r in conn.execute("SELECT DISTINCT sha256 FROM dicom_instances"))
        return hashes

    def orphan_originals(self) -> list[Path]:
        """Originals with no catalogue row (left by an import that stopped before commit)."""
        referenced = self.referenced_hashes()
        return [p for p in self.stored_originals() if p.name not in referenced]

    def empty_staging(self) -> int:
        """Remove imports in flight left by a stopped run, and their orphan originals."""
        removed = 0
        for leftover in self.staging.glob("*"):
            if leftover.is_file():
                leftover.unlink(missing_ok=True)
                removed += 1
        for orphan in self.orphan_originals():
            log.info("removing an original no record refers to: %s", orphan.name)
            remove_stored(orphan)
            removed += 1
        return removed

    # -- cache ---------------------------------------------------------------------------
    def thumbnail_path(self, record_id: int) -> Path:
        return self.cache / "thumbnails" / f"record-{record_id}.png"

    def document_path(self, sha256: str) -> Path:
        """Where the PDF inside a stored DICOM file is written for viewing (derived)."""
        return self.cache / "documents" / f"{sha256}.pdf"

    def save_thumbnail(self, record_id: int, png: bytes) -> Path:
        target = self.thumbnail_path(record_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        temp = target.with_suffix(".tmp")
        temp.write_bytes(png)
        os.replace(temp, target)
        return target
