"""What an import says before it reads its first file: where it is looking, then how many
files it found (the count that "Reading 37 of 412" goes on with), and while it checks whose
images these are."""

from __future__ import annotations

import os
from pathlib import Path

# What a hospital's disc holds at its top: its index, or the folder of its images
DISC_SIGNS = {"DICOMDIR", "DICOM"}


def looking(paths: list[Path]) -> str:
    """ "Looking through the disc…", "… the folder…", "… 2 folders…" or "… the files…"."""
    folders = [path for path in paths if path.is_dir()]
    if any(_is_disc(folder) for folder in folders):
        return "Looking through the disc…"
    if len(folders) == 1:
        return "Looking through the folder…"
    if folders:
        return f"Looking through {len(folders)} folders…"
    return "Looking at the files…"


def found(count: int) -> str:
    """ "Found 412 files": what the import will read, counted."""
    return f"Found {count:,} file{'s' if count != 1 else ''}"


def checking_patients(count: int) -> str:
    """ "Found 412 files · checking whose images these are…": the count kept in sight while
    an import for one person first checks that the images are all one patient's."""
    return f"{found(count)} · checking whose images these are…"


def _is_disc(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(entry.name.upper() in DISC_SIGNS for entry in entries)
    except OSError:
        return False
