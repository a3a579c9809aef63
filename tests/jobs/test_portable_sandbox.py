"""Readers on every platform: how they start, memory watched from the parent where the
system cannot limit it, and children that end with the application."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from recordorg.core.wording import human_size
from recordorg.jobs import child_process
from recordorg.jobs.sandbox import WorkerPool

MIB = 1024 * 1024


def square(n: int) -> int:
    return n * n


def fill_and_wait(megabytes: int) -> int:
    """Use `megabytes` of memory for real (every page written), then wait."""
    held = b"x" * (megabytes * MIB)
    time.sleep(30)
    return len(held)


def test_the_start_method_can_be_forced_and_readers_work_under_spawn(monkeypatch) -> None:
    monkeypatch.setenv(child_process.START_METHOD_VARIABLE, "spawn")
    assert child_process.process_context().get_start_method() == "spawn"
    with WorkerPool(2) as pool:
        outcomes = {o.key: o.value for o in pool.run(iter([("a", square, (3,), 0)]))}
    assert outcomes == {"a": 9}


def test_an_unknown_start_method_falls_back_to_the_platforms_own(monkeypatch) -> None:
    monkeypatch.setenv(child_process.START_METHOD_VARIABLE, "teleport")
    expected = "forkserver" if sys.platform.startswith("linux") else "spawn"
    assert child_process.start_method() == expected


def test_a_reader_over_its_memory_is_ended_by_the_parent_where_the_system_cannot() -> None:
    limit = 300 * MIB
    tasks = [("big", fill_and_wait, (600,), 25.0), ("small", square, (5,), 0)]
    with WorkerPool(1, memory_limit=limit, watch_memory=True) as pool:
        started = time.monotonic()
        outcomes = {o.key: o for o in pool.run(iter(tasks))}
        took = time.monotonic() - started
    assert not outcomes["big"].ok
    assert f"more than {human_size(limit)} of memory" in outcomes["big"].error
    assert took < 20  # ended for its memory, not at its time limit
    assert outcomes["small"].ok and outcomes["small"].value == 25


ORPHAN = """
import multiprocessing, sys, time

def child():
    from recordorg.jobs.child_process import watch_parent
    watch_parent()
    time.sleep(60)

if __name__ == "__main__":
    process = multiprocessing.get_context("spawn").Process(target=child, daemon=True)
    process.start()
    print(process.pid, flush=True)
    time.sleep(60)
"""


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return True
    return "State:\tZ" in state  # ended, waiting to be collected


def test_a_spawned_child_ends_when_its_parent_is_killed(tmp_path) -> None:
    script = tmp_path / "parent.py"
    script.write_text(ORPHAN)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, env=env)
    pid = int(parent.stdout.readline())
    assert not _gone(pid)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 15
    while not _gone(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(pid)


def test_readers_still_run_where_memory_cannot_be_watched(monkeypatch, caplog) -> None:
    monkeypatch.setitem(sys.modules, "psutil", None)  # a source install without psutil
    with WorkerPool(1, memory_limit=300 * MIB, watch_memory=True) as pool:
        outcomes = {o.key: o.value for o in pool.run(iter([("a", square, (4,), 0)]))}
    assert outcomes == {"a": 16}
    assert "psutil is missing" in caplog.text
