"""What discovery finds under the paths a user gave: files to read, and files set aside."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Candidate:
    """A regular file found under an import path, with its kind judged by content."""

    path: Path
    kind: str
    size: int
    mtime: float
    medium: Path | None = None  # the disc or folder with a DICOMDIR it belongs to
    target: Path | None = None  # the file a link (shortcut) points to, read in its place

    @property
    def read_from(self) -> Path:
        """Where the file's bytes are read from: the link's target, else the file."""
        return self.target or self.path

    listing: dict[str, Any] | None = None  # what a package's METADATA.XML says of it


@dataclass
class Found:
    """What discovery found: files to read, and files set aside with a reason."""

    candidates: list[Candidate] = field(default_factory=list)
    dicomdirs: list[Candidate] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)
    unpacked: list[Path] = field(default_factory=list)  # folders to remove after the import
