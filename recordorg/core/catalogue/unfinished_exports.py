"""Where an export is built, so that one stopped at any moment (even killed) is cleaned up.

Each export has a folder in the library's staging area, `export-TOKEN/`, holding a lock
file it keeps locked while it runs. The bundle is built inside that folder when staging is
on the target's file system (the finished bundle is then renamed into place); otherwise in
a marked folder beside the target (`.recordorg-unfinished-export-TOKEN/`, with a note
inside), whose path the staging folder records before the marked folder is made. A folder
whose lock nobody holds belongs to an export that stopped: the next library open and
`recordorg check --repair` remove it, and the marked folder it names.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from recordorg.core.file_lock import lock_file

log = logging.getLogger(__name__)

PREFIX = "export-"
LOCK = "export.lock"
ELSEWHERE = "built-in.txt"  # the marked folder beside the target, when built there
MARKED_PREFIX = ".recordorg-unfinished-export-"
MARKER = "UNFINISHED-EXPORT.TXT"
STARTING_SECONDS = 60  # a work folder without its lock this young may be starting
MARKER_TEXT = (
    "An export by recordorg that did not finish. Nothing here is a finished bundle; "
    "recordorg removes this folder the next time it opens its library, or delete it.\n"
)


def same_file_system(first: Path, second: Path) -> bool:
    """True when a rename from one folder into the other is possible (one file system)."""
    return os.stat(first).st_dev == os.stat(second).st_dev


@dataclass
class ExportWork:
    """One export's work folder (`build`), locked while the export runs."""

    home: Path  # staging/export-TOKEN
    build: Path  # where the bundle is built: `home`, or the marked folder beside the target
    lock_fd: int

    @classmethod
    def start(cls, staging: Path, target: Path) -> ExportWork:
        """Make the work folder for an export to `target` (a folder or zip path)."""
        token = uuid.uuid4().hex[:16]
        home = staging / f"{PREFIX}{token}"
        home.mkdir(parents=True)
        lock_fd = os.open(home / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
        lock_file(lock_fd, wait=True)
        build = home
        try:
            if not same_file_system(staging, target.parent):
                build = target.parent / f"{MARKED_PREFIX}{token}"
                _write_synced(home / ELSEWHERE, str(build).encode("utf-8"))
                build.mkdir()
                (build / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        except BaseException:
            os.close(lock_fd)
            shutil.rmtree(home, ignore_errors=True)
            raise
        return cls(home, build, lock_fd)

    def finish(self) -> None:
        """Remove what is left of the work (the bundle was moved out, or abandoned)."""
        if self.build != self.home:
            shutil.rmtree(self.build, ignore_errors=True)
        shutil.rmtree(self.home, ignore_errors=True)
        os.close(self.lock_fd)


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _stopped(home: Path) -> bool:
    """True when no running export holds this work folder's lock."""
    try:
        fd = os.open(home / LOCK, os.O_RDWR)
    except FileNotFoundError:  # killed before its lock was made, or starting right now
        return time.time() - home.stat().st_mtime > STARTING_SECONDS
    try:
        return lock_file(fd)
    finally:
        os.close(fd)  # closing lets go of the lock taken just now


def unfinished_exports(staging: Path) -> list[Path]:
    """Where stopped exports left their work: staging folders, and marked folders beside
    targets (running exports are left out)."""
    found = []
    for home in sorted(staging.glob(f"{PREFIX}*")) if staging.is_dir() else []:
        if not home.is_dir() or not _stopped(home):
            continue
        found.append(home)
        marked = _marked_folder(home)
        if marked is not None:
            found.append(marked)
    return found


def _marked_folder(home: Path) -> Path | None:
    """The marked folder beside a target a work folder names, if it is there and marked."""
    try:
        marked = Path((home / ELSEWHERE).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    if marked.name.startswith(MARKED_PREFIX) and (marked / MARKER).is_file():
        return marked
    return None


def clean_unfinished_exports(staging: Path) -> list[Path]:
    """Remove what stopped exports left (see unfinished_exports); returns what was removed."""
    removed = unfinished_exports(staging)
    for folder in reversed(removed):  # a marked folder first, then the record of it
        log.info("removing the work of an export that stopped: %s", folder.name)
        shutil.rmtree(folder, ignore_errors=True)
    return removed
