"""A small disk for tests of what happens when it fills: a tmpfs of a few MB (needs root)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(folder: Path, megabytes: float) -> Iterator[Path]:
    """Mount a tmpfs of `megabytes` at `folder` for the block; skip the test if mounting is
    not permitted here (not root, or in a container without the right)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={round(megabytes * 1024)}k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs disk here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def grow(folder: Path, megabytes: int) -> None:
    """Give a small disk more room (as a family frees space or moves to a larger drive)."""
    subprocess.run(
        ["mount", "-o", f"remount,size={megabytes}m", str(folder)], check=True, capture_output=True
    )


def noise_pictures(folder: Path, count: int, side: int = 400) -> list[Path]:
    """Photos that do not compress (random pixels): each about side² × 3 bytes."""
    import os

    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        path = folder / f"photo-{n}.png"
        Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(path)
        made.append(path)
    return made
