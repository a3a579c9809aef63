"""Writing files into a bundle, a folder or straight into a zip (encrypted as written when it
has a passphrase), while hashing them, in one pass over the bytes."""

from __future__ import annotations

import hashlib
import io
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from recordorg.bundle.archive import compression_of, new_zip
from recordorg.bundle.kernel_copy import CHUNK, create_new
from recordorg.bundle.names import is_8_3


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
    if not all(map(is_8_3, parts)):  # a CD (ISO 9660 level 1) would cut the name short
        raise ValueError(f"not an 8.3 name, as DICOM media need: {relative!r}")
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

    def readable(self, relative: str) -> Path | BinaryIO:
        """A file written into the bundle, to read back (e.g. a document for REVIEW.PDF)."""
        return self.path_of(relative)

    @contextmanager
    def create(self, relative: str, *, sha1: bool = False) -> Iterator[_Hashing]:
        """A new bundle file to write to as a stream (it knows its position, as PDF
        writers need); hashed as it is written, counted in when the block ends."""
        _target_path, out = self._open(relative)
        hashing = _Hashing(out, sha1)
        with out:
            yield hashing
        self._record(relative, hashing.size, hashing.digest, hashing.digest1)

    def copy_as_is(self, source: Path, relative: str, size: int) -> None:
        """Copy a library original in as it is, without hashing (see add_copied)."""
        from recordorg.bundle.kernel_copy import copy_file

        copy_file(source, self.path_of(relative), size)

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


class _Hashing:
    """A write-only stream that hashes what passes through it and counts its position."""

    def __init__(self, out: BinaryIO, sha1: bool) -> None:
        self.out, self.size = out, 0
        self.digest = hashlib.sha256()
        self.digest1 = hashlib.sha1(usedforsecurity=False) if sha1 else None

    def write(self, data: bytes) -> int:
        self.out.write(data)
        self.digest.update(data)
        if self.digest1 is not None:
            self.digest1.update(data)
        self.size += len(data)
        return len(data)

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        pass


NO_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can say


class ZipBundleFiles(BundleFiles):
    """The files of a bundle written straight into a zip: nothing is written anywhere else,
    and with a passphrase every member is encrypted (AES-256) as it is written. Members
    are read back from the zip itself (decrypted in memory) or, for a library original
    copied as it is, from that original."""

    def __init__(
        self, archive_path: Path, passphrase: str | None = None, *, undated: bool = False
    ) -> None:
        super().__init__(archive_path)
        self.archive = new_zip(archive_path, passphrase)
        # A de-identified bundle's members carry no time of writing: the zip's "no date".
        self.undated = undated
        self.originals: dict[str, Path] = {}  # members copied as they are from a file

    def path_of(self, relative: str) -> Path:
        raise ValueError(f"{relative} is inside a zip being written, not a file of its own")

    def _open(self, relative: str) -> tuple[Path, BinaryIO]:
        if relative in self.files:
            raise ValueError(f"{relative} is already in the bundle")
        _target(self.root, relative)  # the same name checks as in a folder
        when = NO_ZIP_DATE if self.undated else time.localtime()[:6]
        info = self.archive.zipinfo_cls(relative, when)
        info.external_attr = 0o644 << 16
        info.compress_type = compression_of(relative)
        return self.root, self.archive.open(info, "w", force_zip64=True)

    def copy(self, relative: str, source: Path | BinaryIO, **kwargs) -> WrittenFile:
        written = super().copy(relative, source, **kwargs)
        if isinstance(source, (str, Path)):
            self.originals[relative] = Path(source)
        return written

    def copy_as_is(self, source: Path, relative: str, size: int) -> None:
        _target_path, out = self._open(relative)
        with out, open(source, "rb") as handle:
            while chunk := handle.read(CHUNK):
                out.write(chunk)
        self.originals[relative] = Path(source)

    def readable(self, relative: str) -> Path | BinaryIO:
        if relative in self.originals:
            return self.originals[relative]
        return io.BytesIO(self.archive.read(relative))

    def adopt(self, relative: str, *, sha1: bool = False) -> WrittenFile:
        raise ValueError("nothing writes beside a zip bundle: write into it with create()")

    def close(self) -> None:
        """Write the zip's directory (the zip is complete after this)."""
        self.archive.close()

    def abandon(self) -> None:
        """Let go of the zip file, complete or not (a stopped export removes it after)."""
        try:
            self.archive.close()
        except (ValueError, OSError):  # a member was being written when the export stopped
            if self.archive.fp is not None:
                self.archive.fp.close()
