"""The kernel copy and the small copying program the export runs beside itself."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest

from recordorg.bundle import kernel_copy


def _files(folder: Path, count: int, size: int = 5000) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        path = folder / f"source {n} é.bin"
        path.write_bytes(bytes([n % 251]) * size + n.to_bytes(4, "big"))
        made.append(path)
    return made


def test_copy_file_makes_folders_and_copies_every_byte(tmp_path: Path) -> None:
    (source,) = _files(tmp_path / "in", 1, 3 * kernel_copy.CHUNK + 17)
    target = tmp_path / "out" / "DICOM" / "ST000001" / "IM000001"
    kernel_copy.copy_file(source, target, source.stat().st_size)
    assert target.read_bytes() == source.read_bytes()


def test_copy_file_never_overwrites_or_follows_a_link(tmp_path: Path) -> None:
    (source,) = _files(tmp_path / "in", 1)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"keep me")
    link = tmp_path / "out" / "LINK"
    link.parent.mkdir()
    link.symlink_to(elsewhere)
    with pytest.raises(FileExistsError):
        kernel_copy.copy_file(source, link, source.stat().st_size)
    assert elsewhere.read_bytes() == b"keep me"


def test_copy_file_says_when_the_source_changed_size(tmp_path: Path) -> None:
    (source,) = _files(tmp_path / "in", 1)
    with pytest.raises(OSError, match="changed size"):
        kernel_copy.copy_file(source, tmp_path / "out" / "X", source.stat().st_size + 10)


def test_job_list_round_trips_any_file_name(tmp_path: Path) -> None:
    jobs = [(tmp_path / "a b\nc é", tmp_path / "out" / "IM1", 12), ("/x", "/y", 0)]
    read = kernel_copy.read_jobs(kernel_copy.encode_jobs(jobs))
    assert read == [(bytes(str(s), "utf-8"), bytes(str(t), "utf-8"), n) for s, t, n in jobs]
    with pytest.raises(ValueError):
        kernel_copy.read_jobs(b"only\0two\0")


def _run(jobs: list[tuple[Path, Path, int]]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-I", "-S", kernel_copy.__file__],
        input=kernel_copy.encode_jobs(jobs).decode("utf-8"),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_program_copies_the_list_and_reports_as_it_goes(tmp_path: Path) -> None:
    sources = _files(tmp_path / "in", 60)
    jobs = [
        (s, tmp_path / "out" / f"SE{n // 25}" / f"IM{n}", s.stat().st_size)
        for n, s in enumerate(sources)
    ]
    done = _run(jobs)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:-1] == ["done 25", "done 50", "done 60"]
    assert all(t.read_bytes() == s.read_bytes() for s, t, _ in jobs)


def test_program_stops_at_the_first_failure_and_names_it(tmp_path: Path) -> None:
    sources = _files(tmp_path / "in", 5)
    jobs = [(s, tmp_path / "out" / f"IM{n}", s.stat().st_size) for n, s in enumerate(sources)]
    jobs[2] = (tmp_path / "in" / "missing", jobs[2][1], 10)
    done = _run(jobs)
    assert done.returncode == 1
    code, index, message = done.stdout.strip().split(" ", 3)[1:]
    assert (int(code), int(index)) == (errno.ENOENT, 2) and message
    assert [p.name for p in sorted((tmp_path / "out").iterdir())] == ["IM0", "IM1"]


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_other_systems_copy_every_byte_without_the_linux_calls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, platform: str
) -> None:
    def linux_only(*_args: object) -> int:
        raise AssertionError("a Linux-only call on another system")

    monkeypatch.setattr(kernel_copy.os, "copy_file_range", linux_only, raising=False)
    monkeypatch.setattr(kernel_copy.os, "sendfile", linux_only, raising=False)
    (source,) = _files(tmp_path / "in", 1, 2 * kernel_copy.CHUNK + 5)
    target = tmp_path / "out" / "IM000001"
    monkeypatch.setattr(sys, "platform", platform)
    kernel_copy.copy_file(source, target, source.stat().st_size)
    monkeypatch.undo()
    assert target.read_bytes() == source.read_bytes()


def test_linux_falls_back_when_the_kernel_cannot_copy_these_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unsupported(*_args: object) -> int:
        raise OSError(errno.EXDEV, "not across these file systems")

    monkeypatch.setattr(kernel_copy.os, "copy_file_range", unsupported, raising=False)
    monkeypatch.setattr(kernel_copy.os, "sendfile", unsupported, raising=False)
    (source,) = _files(tmp_path / "in", 1, kernel_copy.CHUNK + 3)
    target = tmp_path / "out" / "IM000002"
    kernel_copy.copy_file(source, target, source.stat().st_size)
    assert target.read_bytes() == source.read_bytes()


class FakeKernel32:
    """Windows' process calls as the copier uses them, for one parent that runs or ended."""

    def __init__(self, running: bool) -> None:
        self.running = running
        self.closed = False

    def OpenProcess(self, _access: int, _inherit: bool, pid: int) -> int:
        return 42 if pid == 1234 else 0

    def WaitForSingleObject(self, handle: int, _ms: int) -> int:
        assert handle == 42
        return 0x102 if self.running else 0

    def CloseHandle(self, handle: int) -> None:
        self.closed = True


@pytest.mark.parametrize("running", [True, False])
def test_on_windows_the_copier_asks_whether_its_parent_still_runs(
    monkeypatch: pytest.MonkeyPatch, running: bool
) -> None:
    import ctypes
    import types

    kernel32 = FakeKernel32(running)
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(kernel32=kernel32), raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    alive, gone = kernel_copy.parent_alive(1234), kernel_copy.parent_alive(999)
    monkeypatch.undo()
    assert alive is running and gone is False
    assert kernel32.closed


def test_a_full_disk_is_reported_as_full_by_the_portable_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.jobs.small_disk import small_disk

    (source,) = _files(tmp_path / "in", 1, 300 * 1024)  # one chunk, more than is left
    with small_disk(tmp_path / "usb", 1) as usb:
        (usb / "filler").write_bytes(b"\0" * 900 * 1024)
        monkeypatch.setattr(sys, "platform", "darwin")
        with pytest.raises(OSError) as raised:
            kernel_copy.copy_file(source, usb / "IM000001", source.stat().st_size)
        monkeypatch.undo()
    assert raised.value.errno == errno.ENOSPC  # not a short copy passed off as done
