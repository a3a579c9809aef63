"""Copying studies in a separate process while the export goes on."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from recordorg.jobs import background_copy
from recordorg.jobs.background_copy import BackgroundCopy


def _jobs(tmp_path: Path, count: int, size: int = 20_000) -> list[tuple[Path, Path, int]]:
    source = tmp_path / "in"
    source.mkdir()
    jobs = []
    for n in range(count):
        path = source / f"{n:05d}"
        path.write_bytes(n.to_bytes(4, "big") * (size // 4))
        jobs.append((path, tmp_path / "out" / f"SE{n // 100}" / f"IM{n:05d}", size))
    return jobs


@pytest.fixture
def always_in_background(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(background_copy, "WORTH_IT_BYTES", 0)


def test_copies_every_file_in_another_process(tmp_path: Path, always_in_background: None) -> None:
    jobs = _jobs(tmp_path, 230)
    copier = BackgroundCopy(jobs)
    assert copier.in_background
    assert copier.wait(timeout=60)
    assert copier.done == 230
    assert all(t.read_bytes() == s.read_bytes() for s, t, _ in jobs)
    copier.stop()


def test_small_jobs_are_copied_here_a_slice_at_a_time(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 50)
    copier = BackgroundCopy(jobs)
    assert not copier.in_background and copier.done == 0
    assert not copier.wait(timeout=0) and copier.done == 1  # one file, then time is up
    assert copier.wait() and copier.done == 50
    assert all(t.read_bytes() == s.read_bytes() for s, t, _ in jobs)


def test_a_failure_is_raised_with_the_file_it_stopped_at(
    tmp_path: Path, always_in_background: None
) -> None:
    jobs = _jobs(tmp_path, 40)
    jobs[30][1].parent.mkdir(parents=True)
    jobs[30][1].write_bytes(b"already here")
    copier = BackgroundCopy(jobs)
    with pytest.raises(OSError) as raised:
        copier.wait(timeout=60)
    assert raised.value.errno == errno.EEXIST and raised.value.filename == jobs[30][1]
    assert jobs[30][1].read_bytes() == b"already here"
    assert not jobs[31][1].exists()
    copier.stop()


def test_stop_ends_the_copier_before_it_returns(tmp_path: Path, always_in_background: None) -> None:
    jobs = _jobs(tmp_path, 3000, 60_000)
    copier = BackgroundCopy(jobs)
    copier.stop()
    assert copier._process is not None and copier._process.poll() is not None
    copied = sorted((tmp_path / "out").rglob("IM*"))
    assert len(copied) < 3000
    assert sorted((tmp_path / "out").rglob("IM*")) == copied  # nothing more arrives


def test_the_copier_stops_between_files_once_its_export_is_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A killed export's copier writes nothing more into its folder (which the next library
    open removes): it sees it has a new parent and stops after the file it is copying."""
    import io
    import os
    import types

    from recordorg.bundle import kernel_copy

    jobs = _jobs(tmp_path, 5)
    parents = iter([4242, 4242, 4242, 1, 1, 1, 1])  # the export dies after the second file
    monkeypatch.setattr(os, "getppid", lambda: next(parents))
    stdin = types.SimpleNamespace(buffer=io.BytesIO(kernel_copy.encode_jobs(jobs)))
    monkeypatch.setattr(kernel_copy.sys, "stdin", stdin)
    monkeypatch.setattr(kernel_copy.sys, "stdout", io.StringIO())
    assert kernel_copy.main() == 1
    assert [target.exists() for _source, target, _size in jobs] == [True, True, False, False, False]


def test_windows_starts_the_copier_without_passing_descriptors(
    tmp_path: Path, always_in_background: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: dict = {}

    def no_copier(*_args: object, **kwargs: object) -> None:
        asked.update(kwargs)
        raise OSError(errno.ENOENT, "no copier here")

    monkeypatch.setattr(background_copy.subprocess, "Popen", no_copier)
    monkeypatch.setattr(background_copy.sys, "platform", "win32")
    jobs = _jobs(tmp_path, 3)
    copier = BackgroundCopy(jobs, keep_open=(7,))
    monkeypatch.undo()
    assert asked["pass_fds"] == ()  # Windows' subprocess refuses pass_fds
    assert not copier.in_background and copier.wait()  # copied here instead
    assert all(t.read_bytes() == s.read_bytes() for s, t, _ in jobs)
