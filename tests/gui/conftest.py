"""Fixtures for window tests: a demo library made once, copied per test, and a window."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import recordorg.gui  # noqa: F401  (its PySide6 guard must load first)

# The offscreen platform says this whenever a window is shown; it is not our doing.
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


SCREENSHOTS = Path(
    os.environ.get("RECORDORG_SCREENSHOTS", Path(__file__).resolve().parents[2] / "screenshots")
)


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo library, imported once per test session (headless)."""
    from recordorg.jobs.demo import ensure_demo_library

    root = tmp_path_factory.mktemp("demo") / "Demo library"
    job = ensure_demo_library(root)
    try:
        while True:
            next(job)
    except StopIteration as stop:
        stop.value.close()
    return root


@pytest.fixture
def demo_copy(demo_source: Path, tmp_path: Path) -> Path:
    """A private copy of the demo library that a test may change."""
    target = tmp_path / "library"
    shutil.copytree(demo_source, target)
    return target


@pytest.fixture
def app_theme(qapp):
    from recordorg.gui.theme import apply_theme

    qapp.setApplicationName("recordorg")
    apply_theme(qapp)
    return qapp


@pytest.fixture
def window(qtbot, app_theme):
    """A main window with no library yet; closed (jobs finished) after the test."""
    from recordorg.gui.jobs import job_pool
    from recordorg.gui.window.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1360, 860)
    win.show()
    yield win
    if win.imports.job is not None:
        win.imports.job.cancel()
    job_pool().waitForDone()
    win.close()


@pytest.fixture
def demo_window(window, demo_copy):
    assert window.libraries.open(demo_copy)
    return window


def save_screenshot(widget, name: str) -> Path:
    """Save what a widget shows, for a person to look at (screenshots/ is git-ignored)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    image = widget.grab().toImage()
    assert image.save(str(path))
    step = max(3, min(image.width(), image.height()) // 40)
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }
    assert len(colours) > 8, f"the {name} screenshot is nearly blank"
    return path
