"""Fixtures for command-line tests: `cli` runs a command in this process, and the bundle
tests' demo library and bundles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from recordorg.cli.main import main
from tests.bundle.conftest import (  # noqa: F401 (fixtures)
    bundle,
    bundle_copy,
    deid_bundle,
    demo_library,
)

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture) -> Cli:
    """Run `recordorg ARGS...`: returns the exit code, what it printed and its errors."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    return run
