"""Writing files into a bundle folder while hashing them, in one pass over the bytes."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from recordorg.bundle.kernel_copy import CHUNK, create_new


class _Known:
    """A digest already known (stands in for a hashlib object)."""

    def __init__(self, hexdigest: str) -> None:
        self._hex = hexdigest

    def hexdigest(self) -> str:
        return self._hex


@dataclass(frozen=True)
class WrittenFile:
    """One file of a bundle: where it is (relative, with /), its size and hashes."""

    path: str
    size: int
    sha256: str
    sha1: str = ""


def _target(root: Path, relative: str) -> Path:
    parts = relative.split("/")
    if not relative or any(p in ("", ".", "..") for p in parts) or "\\" in relative:
        raise ValueError(f"not a safe path inside a bundle: {relative!r}")
    return root.joinpath(*parts)


class BundleFiles:
    """The files written so far into one bundle folder, each hashed as it is written."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: dict[str, WrittenFile] = {}

    def path_of(self, relative: str) -> Path:
        return _target(self.root, relative)

    def _open(self, relative: str) -> tuple[Path, BinaryIO]:
        if relative in self.files:
            raise ValueError(f"{relative} is already in the bundle")
        target = _target(self.root, relative)
        return target, os.fdopen(create_new(target), "wb")

    def copy(
        self,
        relative: str,
        source: Path | BinaryIO,
        *,
        sha1: bool = False,
        first_chunk: list[bytes] | None = None,
    ) -> WrittenFile:
        """Copy a file (or an open binary stream) in; `first_chunk`, if given, receives the
        first megabyte read (to parse a header without reading the file twice)."""
        digest, digest1 = hashlib.sha256(), hashlib.sha1(usedforsecurity=False) if sha1 else None
        size = 0
        handle = open(source, "rb") if isinstance(source, (str, Path)) else source
        try:
            target, out = self._open(relative)
            with out:
                while chunk := handle.read(CHUNK):
                    if first_chunk is not None and size == 0:
                        first_chunk.append(chunk)
                    digest.update(chunk)
                    if digest1 is not None:
                        digest1.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
        finally:
            if isinstance(source, (str, Path)):
                handle.close()
        return self._record(relative, size, digest, digest1)

    def add_copied(self, relative: str, sha256: str, size: int) -> WrittenFile:
        """Count in a library original the copier copied to `relative` as it is: its SHA-256
        is the library's own (it is stored under that name, and `recordorg check` checks it).
        Were the original damaged on disk since, the manifest still names the right hash, so
        verifying the bundle reports that file rather than blessing damaged bytes."""
        return self._record(relative, size, _Known(sha256), None)

    def write(self, relative: str, data: bytes, *, sha1: bool = False) -> WrittenFile:
        """Write bytes made by the export (an index, a de-identified copy, ...)."""
        target, out = self._open(relative)
        with out:
            out.write(data)
        digest1 = hashlib.sha1(data, usedforsecurity=False) if sha1 else None
        return self._record(relative, len(data), hashlib.sha256(data), digest1)

    def adopt(self, relative: str, *, sha1: bool = False) -> WrittenFile:
        """Hash a file something else wrote at `relative` (e.g. a PDF written by a library)."""
        digest, digest1 = hashlib.sha256(), hashlib.sha1(usedforsecurity=False) if sha1 else None
        size = 0
        with open(_target(self.root, relative), "rb") as handle:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                if digest1 is not None:
                    digest1.update(chunk)
                size += len(chunk)
        return self._record(relative, size, digest, digest1)

    def _record(self, relative: str, size: int, digest, digest1) -> WrittenFile:
        written = WrittenFile(
            relative, size, digest.hexdigest(), digest1.hexdigest() if digest1 is not None else ""
        )
        self.files[relative] = written
        return written

    @property
    def total_bytes(self) -> int:
        return sum(f.size for f in self.files.values())
