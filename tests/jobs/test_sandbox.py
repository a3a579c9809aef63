"""Reader processes: a crash, a hang or a memory blow-up fails one task, not the pool."""

from __future__ import annotations

import os

from recordorg.jobs.sandbox import CRASHED, TOO_LONG, WorkerPool


def square(n: int) -> int:
    return n * n


def crash(_: int) -> int:
    os._exit(11)


def hang(_: int) -> int:
    import time

    time.sleep(120)
    return 0


def gobble(_: int) -> int:
    blocks = []
    while True:
        blocks.append(bytearray(256 * 1024 * 1024))


def unreadable(_: int) -> int:
    from recordorg.formats.extracted import UnreadableFile

    raise UnreadableFile("This PDF is damaged.")


def test_each_bad_task_fails_alone_and_the_rest_run() -> None:
    tasks = [
        ("ok1", square, (3,), 0),
        ("crash", crash, (0,), 0),
        ("hang", hang, (0,), 2.0),
        ("memory", gobble, (0,), 20.0),
        ("unreadable", unreadable, (0,), 0),
        ("ok2", square, (4,), 0),
    ]
    with WorkerPool(2, memory_limit=1024 * 1024 * 1024) as pool:
        outcomes = {o.key: o for o in pool.run(iter(tasks))}
    assert outcomes["ok1"].ok and outcomes["ok1"].value == 9
    assert outcomes["ok2"].ok and outcomes["ok2"].value == 16
    assert outcomes["crash"].error == CRASHED
    assert outcomes["hang"].error == TOO_LONG
    assert not outcomes["memory"].ok
    assert "would need more than 1.0 GB of memory" in outcomes["memory"].error
    assert outcomes["unreadable"].error == "This PDF is damaged."


SCRIPT = """
import sys
from pathlib import Path

import recordorg.jobs.worker  # noqa: F401 - as the application's own main module does
from recordorg.formats.sniff import sniff
from recordorg.jobs.sandbox import WorkerPool

if __name__ == "__main__":
    with WorkerPool(1) as pool:
        (outcome,) = pool.run(iter([("key", sniff, (Path(sys.argv[0]),), 30)]))
    print("read" if outcome.ok else outcome.error)
"""


def test_a_folder_named_like_the_package_where_the_user_is_hides_nothing(tmp_path) -> None:
    import subprocess
    import sys

    where = tmp_path / "home"
    (where / "recordorg").mkdir(parents=True)  # e.g. a clone of this project beside the user
    script = tmp_path / "script" / "read_one.py"
    script.parent.mkdir()
    script.write_text(SCRIPT)
    done = subprocess.run(
        [sys.executable, str(script)], cwd=where, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "read", done.stderr[-2000:]
