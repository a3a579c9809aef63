"""Bundles as zip files: writing (optionally AES-256 with a passphrase) and reading safely.

Reading refuses the whole archive if any member has an absolute path, a ".." part, a drive
letter, a link or another special file, or a name that clashes with another: nothing is ever
written outside the folder an archive is unpacked into.
"""

from __future__ import annotations

import math
import os
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from recordorg.core.errors import UserError

if TYPE_CHECKING:
    import pyzipper

CHUNK = 1024 * 1024
# Already-compressed contents gain nothing from deflate; text does.
DEFLATE_SUFFIXES = {".htm", ".html", ".txt", ".xml", ".json", ".svg", ""}
MIN_PASSPHRASE_BITS = 50
COMMON = {
    "password",
    "passwort",
    "letmein",
    "welcome",
    "qwerty",
    "azerty",
    "123456",
    "iloveyou",
    "admin",
    "secret",
    "dragon",
    "monkey",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "master",
    "hello",
    "freedom",
    "whatever",
    "cancer",
    "hospital",
    "doctor",
    "family",
    "recordorg",
}


class UnsafeArchive(UserError):
    """An archive with a member that could write outside its folder; nothing was unpacked."""


class PassphraseNeeded(UserError):
    """The archive is encrypted and no passphrase (or a wrong one) was given."""


@dataclass(frozen=True)
class Strength:
    """How hard a passphrase is to guess: estimated bits, a word for it, and a hint."""

    bits: float
    word: str  # "too weak", "weak", "fair", "strong"
    hint: str

    @property
    def acceptable(self) -> bool:
        return self.bits >= MIN_PASSPHRASE_BITS


def passphrase_strength(passphrase: str) -> Strength:
    """A rough, conservative estimate of a passphrase's strength, with a hint to improve it."""
    text = passphrase.strip()
    if not text:
        return Strength(0.0, "too weak", "Type a passphrase.")
    pool = 0
    for pattern, size in ((r"[a-z]", 26), (r"[A-Z]", 26), (r"[0-9]", 10), (r"[^A-Za-z0-9]", 33)):
        if re.search(pattern, text):
            pool += size
    distinct = len(set(text.lower()))
    # People choose characters far from randomly: count at most 4 bits a character (about
    # what a human-chosen passphrase carries), so length counts more than symbols.
    bits = min(len(text), distinct * 2) * min(math.log2(max(pool, 2)), 4.0)
    words = re.findall(r"[A-Za-z]+", text.lower())
    if any(w in COMMON for w in words) or text.lower() in COMMON:
        bits *= 0.5
    if re.fullmatch(r"(.)\1+|0?1?2?3?4?5?6?7?8?9?0?|[a-z]+\d{1,4}", text.lower()):
        bits *= 0.6
    if len(words) >= 4 and len(text) >= 20:  # several words: the easy kind to remember
        bits = max(bits, 60.0)
    if bits < 35:
        word, hint = "too weak", "Use at least four unrelated words, e.g. 'lamp river orbit cello'."
    elif bits < MIN_PASSPHRASE_BITS:
        word, hint = "weak", "Add another word or two; length matters more than symbols."
    elif bits < 70:
        word, hint = "fair", "Good enough for sending; one more word would make it strong."
    else:
        word, hint = "strong", "Give it to the reviewer another way than the bundle."
    return Strength(round(bits, 1), word, hint)


def new_zip(path: Path, passphrase: str | None = None) -> pyzipper.AESZipFile:
    """A zip opened for writing; with a passphrase every member is encrypted with AES-256
    (WinZip AE-2) as it is written."""
    import pyzipper  # AES-256 zip writing

    archive = pyzipper.AESZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
    if passphrase:
        archive.setpassword(passphrase.encode("utf-8"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
    return archive


def compression_of(name: str) -> int:
    """How a member is stored: text deflated; PDFs, pictures and DICOM (already compressed,
    or read by viewers in place) stored as they are."""
    deflate = Path(name).suffix.lower() in DEFLATE_SUFFIXES and "DICOM/" not in name
    return zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED


def zip_folder(folder: Path, target: Path, *, passphrase: str | None = None) -> Iterator[str]:
    """Zip every file under `folder` (names relative to it) into `target`, atomically;
    yields each name as it is added. AES-256 (WinZip AE-2) when a passphrase is given."""
    partial = target.with_name(target.name + ".part")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    try:
        with new_zip(partial, passphrase) as archive:
            for path in files:
                name = path.relative_to(folder).as_posix()
                archive.write(path, name, compress_type=compression_of(name))
                yield name
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_zip(folder: Path, target: Path, *, passphrase: str | None = None) -> Path:
    """zip_folder, all at once."""
    for _name in zip_folder(folder, target, passphrase=passphrase):
        pass
    return target


def member_parts(name: str) -> list[str] | None:
    """The path parts of a member name, or None if the name is unsafe anywhere."""
    if not name or "\0" in name or any(ord(c) < 32 for c in name):
        return None
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return None
    parts = re.split(r"[\\/]", name.rstrip("/\\"))
    if any(p in ("", ".", "..") or ":" in p for p in parts):
        return None
    return parts


def _mode(info: zipfile.ZipInfo) -> int:
    return (info.external_attr >> 16) & 0xFFFF


def check_members(infos: list[zipfile.ZipInfo]) -> None:
    """Refuse an archive with any unsafe member (see the module's docstring)."""
    seen: set[str] = set()
    for info in infos:
        parts = member_parts(info.filename)
        if parts is None:
            raise UnsafeArchive(
                f'The archive holds "{info.filename}", a path that leads outside its folder. '
                "Nothing was unpacked; the archive may have been tampered with."
            )
        mode = _mode(info)
        kind = stat.S_IFMT(mode)
        if kind and kind not in (stat.S_IFREG, stat.S_IFDIR):
            what = "a link" if kind == stat.S_IFLNK else "a special file"
            raise UnsafeArchive(
                f'The archive holds "{info.filename}", which is {what}, not a file. '
                "Nothing was unpacked; the archive may have been tampered with."
            )
        key = "/".join(parts).casefold()
        if key in seen and not info.is_dir():
            raise UnsafeArchive(f'The archive holds "{info.filename}" twice. Nothing was unpacked.')
        seen.add(key)


class SafeZip:
    """A zip opened for reading after every member was checked; encrypted ones need the
    passphrase."""

    def __init__(self, path: Path, passphrase: str | None = None) -> None:
        import pyzipper  # reads plain zips too, and WinZip AES ones

        self.path = Path(path)
        try:
            self.archive = pyzipper.AESZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as error:
            raise UserError(f"{self.path.name} is not a readable zip file ({error}).") from error
        infos = self.archive.infolist()
        check_members(infos)
        self.infos = {"/".join(member_parts(i.filename) or []): i for i in infos if not i.is_dir()}
        self.encrypted = any(i.flag_bits & 0x1 for i in infos)
        if self.encrypted:
            if not passphrase:
                raise PassphraseNeeded(f"{self.path.name} is encrypted: type its passphrase.")
            self.archive.setpassword(passphrase.encode("utf-8"))
            self._check_passphrase()

    def _check_passphrase(self) -> None:
        first = next(iter(self.infos.values()), None)
        if first is None:
            return
        try:
            with self.archive.open(first) as handle:
                handle.read(1)
        except RuntimeError as error:
            raise PassphraseNeeded(
                f"The passphrase does not open {self.path.name}. Check it and try again."
            ) from error

    def names(self) -> list[str]:
        return sorted(self.infos)

    def size(self, name: str) -> int:
        return self.infos[name].file_size

    def open(self, name: str) -> BinaryIO:
        return self.archive.open(self.infos[name])

    def read(self, name: str) -> bytes:
        with self.open(name) as handle:
            return handle.read()

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def extract_all(self, target: Path) -> Iterator[str]:
        """Unpack into `target` (made now, must not exist); yields each name as it is done."""
        target = Path(target)
        target.mkdir(parents=True, exist_ok=False)
        real = target.resolve()
        for name, info in sorted(self.infos.items()):
            dest = target.joinpath(*name.split("/"))
            folder = dest.parent
            folder.mkdir(parents=True, exist_ok=True)
            if not folder.resolve().is_relative_to(real):
                raise UnsafeArchive(f'"{name}" would be written outside {target}.')
            flags = (
                os.O_WRONLY
                | os.O_CREAT
                | os.O_EXCL
                | getattr(os, "O_NOFOLLOW", 0)
                | getattr(os, "O_BINARY", 0)
            )
            written = 0
            with (
                self.archive.open(info) as source,
                os.fdopen(os.open(dest, flags, 0o644), "wb") as out,
            ):
                while chunk := source.read(CHUNK):
                    written += len(chunk)
                    if written > info.file_size:
                        raise UnsafeArchive(f'"{name}" is larger than the archive says.')
                    out.write(chunk)
            yield name


def is_zip(path: Path) -> bool:
    path = Path(path)
    return path.is_file() and zipfile.is_zipfile(path)
