"""A bundle to read, whether a folder or a zip: its file names and their bytes, read-only."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO, Protocol

from recordorg.bundle.archive import SafeZip, is_zip
from recordorg.bundle.manifest import Manifest, parse_manifest
from recordorg.bundle.names import MANIFEST, MANIFEST_NAMES, manifest_name
from recordorg.core.errors import UserError


class BundleSource(Protocol):
    name: str

    def names(self) -> list[str]: ...
    def size(self, name: str) -> int: ...
    def open(self, name: str) -> BinaryIO: ...
    def read(self, name: str) -> bytes: ...
    def close(self) -> None: ...


class FolderSource:
    """A bundle folder; links and special files inside it are listed apart, never followed.

    A bundle burned on a CD and read where the disc shows every name in lower case (Linux
    mounts ISO 9660 so) is read by its names as made, in upper case."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.name = self.root.name
        self._files: dict[str, int] = {}
        self._on_disk: dict[str, str] = {}  # a name as made -> as the folder shows it
        self.not_files: list[str] = []
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            here = Path(folder)
            for name in sorted(dirs):
                if (here / name).is_symlink():
                    self.not_files.append((here / name).relative_to(self.root).as_posix())
            for name in sorted(files):
                path = here / name
                relative = path.relative_to(self.root).as_posix()
                info = path.lstat()
                if stat.S_ISREG(info.st_mode):
                    self._files[relative] = info.st_size
                else:
                    self.not_files.append(relative)
        if _read_from_a_disc_in_lower_case(self._files):
            self._on_disk = {name.upper(): name for name in self._files}
            self._files = {name.upper(): size for name, size in self._files.items()}

    def names(self) -> list[str]:
        return sorted(self._files)

    def size(self, name: str) -> int:
        return self._files[name]

    def open(self, name: str) -> BinaryIO:
        if name not in self._files:
            raise FileNotFoundError(name)
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(self.path(name), flags)
        return os.fdopen(fd, "rb")

    def read(self, name: str) -> bytes:
        with self.open(name) as handle:
            return handle.read()

    def path(self, name: str) -> Path:
        return self.root.joinpath(*self._on_disk.get(name, name).split("/"))

    def close(self) -> None:
        pass


def _read_from_a_disc_in_lower_case(files: dict[str, int]) -> bool:
    """True when no name has a capital letter and the manifest is there in lower case."""
    if any(name != name.lower() for name in files):
        return False
    return manifest_name(name.upper() for name in files) is not None


class ZipSource:
    """A zipped bundle, read in place through SafeZip (every member checked first)."""

    def __init__(self, path: Path, passphrase: str | None = None) -> None:
        self.zip = SafeZip(path, passphrase)
        self.name = Path(path).name
        self.not_files: list[str] = []

    def names(self) -> list[str]:
        return self.zip.names()

    def size(self, name: str) -> int:
        return self.zip.size(name)

    def open(self, name: str) -> BinaryIO:
        return self.zip.open(name)

    def read(self, name: str) -> bytes:
        return self.zip.read(name)

    def close(self) -> None:
        self.zip.close()


def open_bundle(path: Path, passphrase: str | None = None) -> FolderSource | ZipSource:
    """Open a bundle folder or zip for reading (refusing unsafe zips before anything else)."""
    path = Path(path).expanduser()
    if path.is_dir():
        return FolderSource(path)
    if is_zip(path):
        return ZipSource(path, passphrase)
    if not path.exists():
        raise UserError(f"There is no bundle at {path}.")
    raise UserError(f"{path.name} is neither a bundle folder nor a zip file.")


def read_manifest(source: FolderSource | ZipSource) -> Manifest:
    """The bundle's manifest (MANIFEST.JSN, or MANIFEST.JSON in bundles made before)."""
    name = manifest_name(source.names())
    if name is None:
        raise UserError(
            f"{source.name} has no {MANIFEST}, so it is not a recordorg bundle or it is incomplete."
        )
    return parse_manifest(source.read(name))


def looks_like_bundle(path: Path) -> bool:
    """True for a folder with a recordorg manifest, or a zip holding one (read cheaply)."""
    path = Path(path)
    try:
        if path.is_dir():
            name = manifest_name(p.name for p in path.iterdir() if p.is_file())
            return name is not None and b'"recordorg-bundle"' in (path / name).read_bytes()[:200]
        if is_zip(path):
            import zipfile

            with zipfile.ZipFile(path) as archive:
                return manifest_name(archive.namelist()) is not None
    except OSError:
        return False
    return False


def bundle_own_files(paths: list[Path]) -> set[Path]:
    """Among files found for an import, those that belong to a bundle itself (its index,
    readme, review PDF and metadata) rather than being records it carries."""
    from recordorg.bundle.names import BUNDLE_OWN_FILES

    roots = {p.parent for p in paths if p.name in MANIFEST_NAMES and looks_like_bundle(p.parent)}
    return {root.joinpath(*name.split("/")) for root in roots for name in BUNDLE_OWN_FILES}
