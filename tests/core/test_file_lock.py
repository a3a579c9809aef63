"""The library's writer lock and the exports' locks, on every system."""

from __future__ import annotations

import os
import sys
import threading
import types
from pathlib import Path

import pytest

from recordorg.core import file_lock
from recordorg.core.catalogue.library import Library


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


def test_a_held_lock_is_refused_to_another_until_let_go(tmp_path: Path) -> None:
    first, second = _open(tmp_path / "lock"), _open(tmp_path / "lock")
    try:
        assert file_lock.lock_file(first)
        assert not file_lock.lock_file(second)
        file_lock.unlock_file(first)
        assert file_lock.lock_file(second)
    finally:
        os.close(first)
        os.close(second)


def test_one_writer_at_a_time_in_a_library(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "lib")
    with library.try_writer_lock() as got:
        assert got
        with library.try_writer_lock() as second:
            assert not second
    with library.try_writer_lock() as again:
        assert again


class FakeMsvcrt(types.SimpleNamespace):
    """Windows' byte locking as msvcrt gives it: a held byte refuses another handle."""

    LK_NBLCK = 2
    LK_UNLCK = 0

    def __init__(self) -> None:
        super().__init__(held=set(), calls=[])

    def locking(self, fd: int, mode: int, length: int) -> None:
        self.calls.append((fd, mode, length))
        key = os.fstat(fd).st_ino
        if mode == self.LK_UNLCK:
            self.held.discard(key)
        elif key in self.held:
            raise PermissionError(13, "Permission denied")
        else:
            self.held.add(key)


def test_windows_locks_the_first_byte_and_waits_when_asked(tmp_path: Path, monkeypatch) -> None:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(file_lock, "RETRY_SECONDS", 0.01)
    first, second = _open(tmp_path / "lock"), _open(tmp_path / "lock")
    os.lseek(first, 0, os.SEEK_END)
    monkeypatch.setattr(sys, "platform", "win32")
    try:
        assert file_lock.lock_file(first)
        assert not file_lock.lock_file(second)
        releaser = threading.Timer(0.1, file_lock.unlock_file, (first,))
        releaser.start()
        assert file_lock.lock_file(second, wait=True)  # waited for the other to let go
        releaser.join()
    finally:
        monkeypatch.undo()
        os.close(first)
        os.close(second)
    assert all(length == 1 for _fd, _mode, length in fake.calls)
    assert (first, FakeMsvcrt.LK_UNLCK, 1) in fake.calls


@pytest.mark.skipif(sys.platform == "win32", reason="checks the POSIX lock")
def test_closing_the_file_lets_go(tmp_path: Path) -> None:
    first = _open(tmp_path / "lock")
    assert file_lock.lock_file(first)
    os.close(first)
    second = _open(tmp_path / "lock")
    try:
        assert file_lock.lock_file(second)
    finally:
        os.close(second)
