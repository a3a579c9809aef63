"""A full disk in words a family understands: how much is free, how much was needed."""

from __future__ import annotations

import errno
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from recordorg.core.errors import UserError
from recordorg.core.wording import human_size

FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


class DiskFull(UserError):
    """A disk filled while recordorg wrote to it; what was already saved is kept."""


def free_space(path: Path) -> int:
    """Bytes free on the disk holding `path` (or its nearest existing parent)."""
    path = Path(path)
    while not path.exists() and path != path.parent:
        path = path.parent
    return shutil.disk_usage(path).free


def is_disk_full(error: BaseException) -> bool:
    """True for the errors a full disk gives: ENOSPC, a quota, SQLite's SQLITE_FULL."""
    if isinstance(error, OSError):
        return error.errno in FULL_ERRNOS
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        return code == sqlite3.SQLITE_FULL or "disk is full" in str(error)
    return False


def disk_full(path: Path, needed: int, what: str, after: str = "") -> DiskFull:
    """The error to show: "The disk holding the library is full: 1.2 MB free, 5.0 MB needed."."""
    text = (
        f"The disk holding {what} is full: {human_size(free_space(path))} free, "
        f"{human_size(max(needed, 0))} needed."
    )
    return DiskFull(f"{text} {after}".strip())


@contextmanager
def full_disk_told(
    path: Path, needed: int | Callable[[], int], what: str, after: str = ""
) -> Iterator[None]:
    """Turn a full disk met inside the block into DiskFull with the free and needed space
    (`needed` may be a function, asked when the disk fills)."""
    try:
        yield
    except DiskFull:
        raise
    except (OSError, sqlite3.Error) as error:
        if not is_disk_full(error):
            raise
        amount = needed() if callable(needed) else needed
        raise disk_full(path, amount, what, after) from error


def check_room(path: Path, needed: int, what: str, after: str = "") -> None:
    """Refuse to start writing `needed` bytes to a disk that has less free."""
    if free_space(path) < needed:
        raise disk_full(path, needed, what, after)
