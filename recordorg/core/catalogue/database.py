"""Opening the catalogue database: pragmas, version check and migrations."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from recordorg import __version__
from recordorg.core.catalogue.migrations import MIGRATIONS, latest_version
from recordorg.core.errors import LibraryTooNew, UserError

CATALOGUE_NAME = "catalogue.sqlite"


def now() -> str:
    """The current time as an ISO string in UTC, as stored in the catalogue."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def read_version(path: Path) -> int:
    """The schema version of a catalogue, read without changing the file."""
    if not path.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise UserError(f"The library's catalogue cannot be read ({error}).") from error


def check_not_too_new(path: Path) -> int:
    version = read_version(path)
    if version > latest_version():
        raise LibraryTooNew(
            f"This library was written by a newer version of recordorg (catalogue version "
            f"{version}; this is recordorg {__version__}, which knows up to version "
            f"{latest_version()}). It has been left untouched: please update recordorg."
        )
    return version


def connect(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    """A connection with the library's pragmas; rows are sqlite3.Row."""
    if read_only:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    else:
        conn = sqlite3.connect(path, timeout=30)
    conn.isolation_level = None  # transactions are explicit: see transaction()
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> int:
    """Bring the catalogue to the latest (or the given) version; return the version."""
    target = latest_version() if upto is None else upto
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > latest_version():
        raise LibraryTooNew("This library was written by a newer version of recordorg.")
    while version < target:
        sql = MIGRATIONS[version]()
        try:
            conn.executescript(
                f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA user_version = {version + 1};\nCOMMIT;"
            )
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        version += 1
    return version


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction (taken at once, so writers queue rather than deadlock)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
