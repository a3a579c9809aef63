"""Finding the documents of IHE XDM packages among the files of an import: each listed
document gets what the package's METADATA.XML says of it, a document that does not match
its listed size or checksum is reported, and the sender's own pages are set aside."""

from __future__ import annotations

import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.xdm import (
    METADATA,
    SENDER_FILES,
    XDM_FOLDER,
    check_document,
    document_path,
    is_metadata_file,
    read_metadata,
)

METADATA_REASON = (
    "The package's list of documents (METADATA.XML); its documents are imported with the "
    "details it gives."
)


@dataclass
class Packages:
    """What the XDM packages among the files say: listings by file, files set aside."""

    listings: dict[Path, dict[str, Any]] = field(default_factory=dict)
    skipped: dict[Path, str] = field(default_factory=dict)
    failed: dict[Path, str] = field(default_factory=dict)


def read_packages(files: list[Path]) -> Packages:
    """The listings of every METADATA.XML under IHE_XDM/<subset>/ among `files`."""
    packages = Packages()
    present = set(files)
    for metadata in (f for f in files if is_metadata_file(f)):
        root = metadata.parent.parent.parent
        for name, reason in SENDER_FILES.items():
            for candidate in (root / name, root / name.lower()):
                if candidate in present:
                    packages.skipped[candidate] = reason
        try:
            listed = read_metadata(metadata)
        except UnreadableFile as error:
            packages.failed[metadata] = str(error)
            continue
        packages.skipped[metadata] = METADATA_REASON
        for document in listed:
            _check(metadata, document, present, packages)
    return packages


def _check(metadata: Path, document: Any, present: set[Path], packages: Packages) -> None:
    path = document_path(metadata, document)
    if path is None:
        packages.failed[metadata] = f'The package lists a document outside it ("{document.uri}").'
        return
    if path not in present:
        packages.failed[path] = "Listed in the package's METADATA.XML but missing from it."
        return
    problem = check_document(path, document)
    if problem:
        packages.failed[path] = problem
    else:
        packages.listings[path] = document.to_json()


def is_xdm_zip(path: Path) -> bool:
    """A zip holding IHE_XDM/<subset>/METADATA.XML (read cheaply, by its list of names);
    not one of our own bundles, which are imported as bundles."""
    from recordorg.bundle.source import looks_like_bundle

    try:
        with path.open("rb") as f:
            if f.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return False
    for name in names:
        parts = name.replace("\\", "/").split("/")
        if len(parts) >= 3 and parts[-1].upper() == METADATA and parts[-3].upper() == XDM_FOLDER:
            return not looks_like_bundle(path)
    return False


def unpack_package(path: Path, into: Path) -> Path:
    """Unpack an XDM zip into a new folder under `into` (refusing unsafe members)."""
    from recordorg.bundle.archive import SafeZip

    target = into / f"package-{uuid.uuid4().hex}" / path.stem
    target.parent.mkdir(parents=True)
    with SafeZip(path) as archive:
        for _name in archive.extract_all(target):
            pass
    return target
