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
    damaged_records: int = 0  # entries of the index too damaged to read


def _key(name: str) -> str:
    """Compare names as a CD would: ignore case, ISO 9660 ";1" versions and a trailing dot."""
    return _ISO9660_VERSION.sub("", name).rstrip(".").casefold()


class _Folders:
    """Finds files case-insensitively, listing each folder once."""

    def __init__(self) -> None:
        self._listings: dict[Path, dict[str, list[str]]] = {}

    def _candidates(self, folder: Path, part: str) -> list[str]:
        if folder not in self._listings:
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                names = []
            by_key: dict[str, list[str]] = {}
            for name in names:
                by_key.setdefault(_key(name), []).append(name)
            self._listings[folder] = by_key
        matches = self._listings[folder].get(_key(part), [])
        return sorted(matches, key=lambda name: name != part)  # an exact match first

    def find(self, folder: Path, parts: list[str]) -> Path | None:
        """Follow `parts` from `folder`, trying every name that differs only in case."""
        for name in self._candidates(folder, parts[0]):
            candidate = folder / name
            if len(parts) == 1:
                if candidate.is_file():
                    return candidate
            elif candidate.is_dir():
                found = self.find(candidate, parts[1:])
                if found is not None:
                    return found
        return None


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
        part and part not in (".", "..") and ":" not in part and "\0" not in part for part in parts
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
        check_structure(
            path,
            implicit=bool(implicit),
            little_endian=little is not False,
            start=132 if preamble else 0,
        )
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
    try:
        records = list(ds.get("DirectoryRecordSequence") or [])
    except Exception as exc:  # pydicom decodes lazily: damage shows up here
        raise UnreadableFile(DAMAGED) from exc
    for record in records:
        try:
            if record.get("RecordInUseFlag") == 0:  # 0x0000 marks a deleted record
                continue
            file_id = record.get("ReferencedFileID")
            parts = _components(file_id) if file_id else []
        except Exception:
            contents.damaged_records += 1
            continue
        if not parts:
            continue
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
