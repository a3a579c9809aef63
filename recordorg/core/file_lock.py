"""An exclusive lock on an open file that works on every system (flock on Linux and macOS,
msvcrt byte locking on Windows); it ends when the file is closed or the process ends."""

from __future__ import annotations

import os
import sys
import time

RETRY_SECONDS = 0.2


def lock_file(fd: int, *, wait: bool = False) -> bool:
    """Take the lock on the open file `fd`; False if another holds it and `wait` is off."""
    if sys.platform == "win32":
        import msvcrt

        while True:
            os.lseek(fd, 0, os.SEEK_SET)  # the lock covers the file's first byte
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return True
            except OSError:
                if not wait:
                    return False
            time.sleep(RETRY_SECONDS)
    else:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        return True


def unlock_file(fd: int) -> None:
    """Let go of the lock taken on `fd`."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)
