"""The window's program on Windows has no console: no standard streams to write to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

START_WITHOUT_STREAMS = (
    "import runpy, sys\n"
    "sys.stdout = None\n"
    "sys.stderr = None\n"
    "sys.argv = ['recordorg', '--library', sys.argv[1], 'categories', '--json']\n"
    "try:\n"
    "    runpy.run_module('recordorg', run_name='__main__')\n"
    "except SystemExit as stop:\n"
    "    sys.__stdout__.write(f'exit {stop.code}')\n"
)


def test_the_program_runs_without_standard_streams(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", START_WITHOUT_STREAMS, str(tmp_path / "Library")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.stdout.strip() == "exit 0", done.stdout + done.stderr
