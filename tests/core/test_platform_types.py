"""The type check that holds the package to what Windows and macOS have: a POSIX-only call
outside a `sys.platform` guard fails it ([tool.mypy] in pyproject.toml, run by .ci/run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")

ROOT = Path(__file__).resolve().parents[2]
SNIPPETS = {
    "unguarded_resource.py": "import resource\n\nLIMIT = resource.getrlimit(resource.RLIMIT_AS)\n",
    "unguarded_uid.py": "import os\n\nOWNER = os.getuid()\n",
    "unguarded_affinity.py": "import os\n\nCORES = len(os.sched_getaffinity(0))\n",
    "guarded.py": (
        "import os\nimport sys\n\n"
        "if sys.platform != 'win32':\n"
        "    import resource\n\n"
        "    LIMIT = resource.getrlimit(resource.RLIMIT_AS)\n"
        "if sys.platform.startswith('linux'):\n"
        "    CORES = len(os.sched_getaffinity(0))\n"
    ),
}


def _check(tmp_path: Path, platform: str) -> dict[str, str]:
    """mypy's complaints per snippet, as the package is checked on `platform`."""
    for name, text in SNIPPETS.items():
        (tmp_path / name).write_text(text)
    command = [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")]
    command += ["--platform", platform, "--cache-dir", str(tmp_path / "cache")]
    done = subprocess.run(
        command + sorted(str(tmp_path / name) for name in SNIPPETS),
        capture_output=True,
        text=True,
        timeout=240,
    )
    said = {name: "" for name in SNIPPETS}
    for line in done.stdout.splitlines():
        file = Path(line.split(":", 1)[0]).name
        if file in said:
            said[file] += line + "\n"
    assert done.returncode == (1 if any(said.values()) else 0), done.stdout + done.stderr
    return said


def test_a_posix_only_call_outside_a_guard_fails_the_windows_check(tmp_path: Path) -> None:
    said = _check(tmp_path, "win32")
    assert "has no attribute" in said["unguarded_resource.py"]
    assert "getuid" in said["unguarded_uid.py"]
    assert "sched_getaffinity" in said["unguarded_affinity.py"]
    assert said["guarded.py"] == ""


def test_a_linux_only_call_outside_a_guard_fails_the_macos_check(tmp_path: Path) -> None:
    said = _check(tmp_path, "darwin")
    assert "sched_getaffinity" in said["unguarded_affinity.py"]
    assert said["unguarded_uid.py"] == ""  # macOS has it
    assert said["guarded.py"] == ""
