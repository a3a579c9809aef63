"""Finding the files to import under the paths a user gave: folders, discs, sticks."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from recordorg.bundle.names import own_file_words
from recordorg.bundle.source import bundle_own_files
from recordorg.formats.sniff import sniff
from recordorg.jobs.candidates import Candidate, Found
from recordorg.jobs.discovery_fhir import group_resource_files
from recordorg.jobs.discovery_xdm import is_xdm_zip, read_packages, unpack_package

# Kinds of file on a hospital disc that are records; the rest of a disc is its software.
RECORD_KINDS_ON_MEDIA = {"dicom", "pdf", "image"}


def discover(
    paths: list[Path], *, library_root: Path | None = None, unpack_to: Path | None = None
) -> Found:
    """Walk files and folders (recursively, links followed once) and sniff each file.

    The library's own folder is never imported into itself, wherever it sits. Packages of
    documents (IHE XDM) are read with their list; zipped ones are unpacked into `unpack_to`.
    """
    found = Found()
    files = _list_files(paths, library_root, found)
    if unpack_to is not None:
        files = _unpack_packages(files, unpack_to, found)
    sniffed, software_dirs = _sniff_files(files, found)
    bundle_files = bundle_own_files([path for path, _, _ in files])  # a bundle's index, metadata
    packages = read_packages([path for path, _, _ in files])
    for candidate in sniffed:
        if candidate.path in packages.failed:
            found.failed.append((candidate.path, packages.failed.pop(candidate.path)))
            continue
        if candidate.path in bundle_files:  # on a disc too: the bundle's, not the disc's
            reason = own_file_words(candidate.path.name)
        else:
            reason = _skip_reason(candidate, software_dirs)
        reason = reason or packages.skipped.get(candidate.path, "")
        candidate.listing = packages.listings.get(candidate.path)
        if reason:
            found.skipped.append((candidate.path, reason))
        elif candidate.kind == "dicomdir":
            found.dicomdirs.append(candidate)
        elif candidate.kind == "empty":
            found.failed.append((candidate.path, "The file is empty (0 bytes)."))
        else:
            found.candidates.append(candidate)
    found.failed += list(packages.failed.items())  # listed documents missing from a package
    if unpack_to is not None:  # a phone's export: a folder of health record resource files
        found.candidates = group_resource_files(found.candidates, unpack_to, found)
    return found


def _unpack_packages(
    files: list[tuple[Path, os.stat_result, Path]], into: Path, found: Found
) -> list[tuple[Path, os.stat_result, Path]]:
    """Zipped XDM packages replaced by the files unpacked from them."""
    kept: list[tuple[Path, os.stat_result, Path]] = []
    for path, info, root in files:
        if not is_xdm_zip(path):
            kept.append((path, info, root))
            continue
        try:
            folder = unpack_package(path, into)
        except Exception as error:  # an unsafe or damaged zip: reported, the rest goes on
            found.failed.append((path, f"This package could not be unpacked: {error}"))
            continue
        found.unpacked.append(folder.parent)
        found.skipped.append(
            (path, "A package of documents (IHE XDM); its documents are imported.")
        )
        unpacked: list[tuple[Path, os.stat_result, Path]] = []
        _walk(folder, folder, set(), unpacked, found)
        kept += unpacked
    return kept


def _list_files(
    paths: list[Path], library_root: Path | None, found: Found
) -> list[tuple[Path, os.stat_result, Path]]:
    """Every regular file under the given paths: (file, stat, the root it came from)."""
    files: list[tuple[Path, os.stat_result, Path]] = []
    visited: set[tuple[int, int]] = set()
    if library_root is not None and library_root.exists():
        info = library_root.stat()
        visited.add((info.st_dev, info.st_ino))
    for given in paths:
        given = Path(given)
        try:
            info = given.stat()
        except FileNotFoundError:
            found.failed.append((given, "This file or folder does not exist."))
            continue
        except OSError as error:
            found.failed.append((given, f"This cannot be opened ({error.strerror})."))
            continue
        if stat.S_ISDIR(info.st_mode):
            _walk(given, given, visited, files, found)
        else:
            _add_file(given, info, given.parent, files, found)
    return files


def _sniff_files(
    files: list[tuple[Path, os.stat_result, Path]], found: Found
) -> tuple[list[Candidate], set[Path]]:
    """Each file's kind by its content, and the folders that hold a disc's software."""
    media = _media_roots(files)
    software_dirs = set()
    sniffed: list[Candidate] = []
    for path, info, root in files:
        try:
            kind = sniff(path).kind
        except PermissionError:
            found.failed.append((path, "This file cannot be read (permission denied)."))
            continue
        except OSError as error:
            found.failed.append((path, f"This file cannot be read ({error.strerror})."))
            continue
        medium = _medium_of(path, media)
        if kind == "software" and path.parent not in media and path.parent != root:
            software_dirs.add(path.parent)
        target = Path(os.path.realpath(path)) if path.is_symlink() else None
        sniffed.append(Candidate(path, kind, info.st_size, info.st_mtime, medium, target))
    return sniffed, software_dirs


def _walk(
    folder: Path,
    root: Path,
    visited: set[tuple[int, int]],
    files: list[tuple[Path, os.stat_result, Path]],
    found: Found,
) -> None:
    try:
        info = folder.stat()
    except OSError as error:
        found.failed.append((folder, f"This folder cannot be opened ({error.strerror})."))
        return
    key = (info.st_dev, info.st_ino)
    if key in visited:
        found.skipped.append(
            (folder, "A folder already read (a link back, or the library itself).")
        )
        return
    visited.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as error:
        found.failed.append((folder, f"This folder cannot be opened ({error.strerror})."))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            entry_info = entry.stat(follow_symlinks=True)
        except OSError:
            found.skipped.append((path, "A broken or looping link."))
            continue
        if stat.S_ISDIR(entry_info.st_mode):
            _walk(path, root, visited, files, found)
        elif entry.is_symlink() and not _inside(Path(os.path.realpath(path)), root):
            found.skipped.append((path, OUTSIDE_LINK))
        else:
            _add_file(path, entry_info, root, files, found)


OUTSIDE_LINK = (
    "A link (shortcut) to a file outside the folder you chose; only files inside it are "
    "imported. Import that file itself if you want it."
)


def _inside(target: Path, root: Path) -> bool:
    return target.is_relative_to(Path(os.path.realpath(root)))


def _add_file(
    path: Path,
    info: os.stat_result,
    root: Path,
    files: list[tuple[Path, os.stat_result, Path]],
    found: Found,
) -> None:
    if not stat.S_ISREG(info.st_mode):
        found.skipped.append((path, "Not a regular file (a device, pipe or socket)."))
        return
    files.append((path, info, root))


def _media_roots(files: list[tuple[Path, os.stat_result, Path]]) -> set[Path]:
    return {path.parent for path, _, _ in files if path.name.upper() == "DICOMDIR"}


def _medium_of(path: Path, media: set[Path]) -> Path | None:
    for parent in path.parents:
        if parent in media:
            return parent
    return None


def _skip_reason(candidate: Candidate, software_dirs: set[Path]) -> str:
    if candidate.kind == "software":
        return "Part of a viewer program or disc software, not a record."
    if any(parent in software_dirs for parent in candidate.path.parents):
        if candidate.kind != "dicom":
            return "Part of a viewer program on the disc, not a record."
    if candidate.medium is not None and candidate.kind == "empty":
        return "This file on the disc is empty (0 bytes): there is nothing in it to import."
    if candidate.medium is not None and candidate.kind not in RECORD_KINDS_ON_MEDIA | {"dicomdir"}:
        return "A support file of the disc (not a record)."
    return ""
