"""The bundle's manifest: what the bundle is, and the SHA-256 and size of every other file."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from recordorg.bundle.files import WrittenFile
from recordorg.bundle.names import MANIFEST
from recordorg.core.errors import UserError

FORMAT = "recordorg-bundle"
FORMAT_VERSION = 1
_HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass
class ManifestFile:
    path: str
    size: int
    sha256: str


@dataclass
class Manifest:
    """The manifest as read back: `about` describes the bundle, `files` lists its files."""

    about: dict[str, Any] = field(default_factory=dict)
    files: list[ManifestFile] = field(default_factory=list)

    def by_path(self) -> dict[str, ManifestFile]:
        return {f.path: f for f in self.files}


def manifest_bytes(files: list[WrittenFile], about: dict[str, Any]) -> bytes:
    """The manifest file: every file but itself, sorted by path, as pretty JSON."""
    listed = [
        {"path": f.path, "size": f.size, "sha256": f.sha256}
        for f in sorted(files, key=lambda f: f.path)
        if f.path != MANIFEST
    ]
    data = {"format": FORMAT, "format_version": FORMAT_VERSION, "about": about, "files": listed}
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def parse_manifest(data: bytes) -> Manifest:
    """Read a manifest, refusing anything that is not a recordorg bundle's manifest."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"The bundle's {MANIFEST} is damaged and cannot be read.") from error
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise UserError(f"{MANIFEST} is not the manifest of a recordorg bundle.")
    if int(raw.get("format_version", 0)) > FORMAT_VERSION:
        raise UserError("This bundle was made by a newer version of recordorg; please update.")
    files = []
    for item in raw.get("files", []):
        try:
            path, size, sha = str(item["path"]), int(item["size"]), str(item["sha256"])
        except (KeyError, TypeError, ValueError) as error:
            raise UserError(f"The bundle's {MANIFEST} is damaged (a file entry).") from error
        if not _HEX64.fullmatch(sha) or size < 0:
            raise UserError(f"The bundle's {MANIFEST} is damaged (entry for {path}).")
        files.append(ManifestFile(path, size, sha))
    about = raw.get("about") if isinstance(raw.get("about"), dict) else {}
    return Manifest(about, files)
