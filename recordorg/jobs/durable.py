"""Written files made durable before they are renamed into place: each file's bytes are
fsynced, then the folders that name them (where a folder can be synced: not on Windows,
whose NTFS journals folder entries), so a power cut after the rename never leaves a name
pointing at missing bytes."""

from __future__ import annotations

import os
from pathlib import Path

from recordorg.core.catalogue.library import sync_folders


def sync_file(path: Path) -> None:
    """Flush one file's bytes to the disk (opened for writing: Windows needs that)."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def sync_written(root: Path) -> None:
    """Flush a written file, or every file of a written folder and the folders themselves,
    and the folder holding it: call before renaming it into place."""
    folders = {root.parent}
    if root.is_dir():
        for folder, subfolders, names in os.walk(root):
            for name in names:
                sync_file(Path(folder, name))
            folders.update(Path(folder, sub) for sub in subfolders)
        folders.add(root)
    else:
        sync_file(root)
    sync_folders(folders)
