"""Shared fixtures: a fresh library per test, settings and paths kept in tmp."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("RECORDORG_LIBRARY", raising=False)


@pytest.fixture
def library(tmp_path: Path):
    from recordorg.core.catalogue.library import Library

    lib = Library.open(tmp_path / "library")
    yield lib
    lib.close()
