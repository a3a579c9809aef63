"""Read a DICOMDIR (the index of a CD or USB stick from a hospital) into the files it lists."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pydicom
from pydicom.dataset import Dataset

from recordorg.formats.dicom_structure import check_structure
from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.sniff import has_dicom_prefix

DAMAGED = "This disc index (DICOMDIR) is damaged and cannot be read."
INCOMPLETE = "This disc index (DICOMDIR) is incomplete (the file is cut off)."
_ISO9660_VERSION = re.compile(r";\d*$")


@dataclass
class DicomdirContents:
    """The files a DICOMDIR points at: found, missing from the medium, or refused because
    they would lead outside the medium's folder."""

    files: list[Path] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _key(name: str) -> str:
    """Compare names as a CD would: ignore case, ISO 9660 ";1" versions and a trailing dot."""
    return _ISO9660_VERSION.sub("", name).rstrip(".").casefold()


class _Folders:
    """Finds files case-insensitively, listing each folder once."""

    def __init__(self) -> None:
        self._listings: dict[Path, tuple[set[str], dict[str, str]]] = {}

    def _listing(self, folder: Path) -> tuple[set[str], dict[str, str]]:
        if folder not in self._listings:
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            by_key: dict[str, str] = {}
            for name in names:
                by_key.setdefault(_key(name), name)
            self._listings[folder] = (set(names), by_key)
        return self._listings[folder]

    def find(self, root: Path, parts: list[str]) -> Path | None:
        current = root
        for part in parts:
            names, by_key = self._listing(current)
            name = part if part in names else by_key.get(_key(part))
            if name is None:
                return None
            current = current / name
        return current if current.is_file() else None


def _components(file_id: Any) -> list[str]:
    """The parts of a Referenced File ID; some writers use one string with separators."""
    values = [file_id] if isinstance(file_id, str) else list(file_id)
    parts: list[str] = []
    for value in values:
        parts.extend(re.split(r"[\\/]", str(value).strip()))
    return [part.strip() for part in parts]


def _is_safe(parts: list[str]) -> bool:
    """Refuse empty parts (absolute paths), "." and "..", drive letters and control bytes."""
    return bool(parts) and all(
        part and part not in (".", "..") and ":" not in part and "\0" not in part
        for part in parts
    )


def _read(path: Path) -> Dataset:
    with path.open("rb") as f:
        preamble = has_dicom_prefix(f.read(132))
    try:
        ds = pydicom.dcmread(path, force=not preamble)
    except Exception as exc:  # a damaged file can break the parser anywhere
        raise UnreadableFile(DAMAGED) from exc
    implicit, little = ds.original_encoding
    try:
        check_structure(path, implicit=bool(implicit), little_endian=little is not False,
                        start=132 if preamble else 0)
    except UnreadableFile as exc:
        raise UnreadableFile(INCOMPLETE if "incomplete" in str(exc) else DAMAGED) from exc
    return ds


def read_dicomdir(path: Path) -> DicomdirContents:
    """List every file a DICOMDIR references, resolved under its folder whatever the case of
    the names; never a path outside that folder."""
    path = Path(path)
    ds = _read(path)
    root = path.parent
    real_root = root.resolve()
    folders = _Folders()
    contents = DicomdirContents()
    seen: set[Path] = set()
    for record in ds.get("DirectoryRecordSequence") or []:
        if record.get("RecordInUseFlag") == 0:  # 0x0000 marks a deleted record
            continue
        file_id = record.get("ReferencedFileID")
        if not file_id:
            continue
        parts = _components(file_id)
        shown = "/".join(parts)
        if not _is_safe(parts):
            contents.refused.append(shown)
            continue
        found = folders.find(root, parts)
        if found is None:
            contents.missing.append(shown)
        elif not found.resolve().is_relative_to(real_root):  # a link leading off the medium
            contents.refused.append(shown)
        elif found not in seen:
            seen.add(found)
            contents.files.append(found)
    return contents
