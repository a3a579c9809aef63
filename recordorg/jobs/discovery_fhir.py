"""Finding a phone's export of health records (a folder of FHIR files, one resource per
file) among the files of an import: a folder's resources are put together as one bundle,
imported as one readable record, and each of its files is set aside saying so."""

from __future__ import annotations

import json
import re
import uuid
from collections import defaultdict
from pathlib import Path

from recordorg.jobs.candidates import Candidate, Found

FIRST_TYPE = re.compile(rb'"resourceType"\s*:\s*"([A-Za-z]+)"')
MIN_FILES = 2  # fewer resource files in a folder are imported as they are
MAX_FILE_BYTES = 20_000_000  # a larger single resource is imported on its own
REASON = (
    "A health record resource (FHIR); the folder's resources are imported together as one record."
)


def group_resource_files(candidates: list[Candidate], into: Path, found: Found) -> list[Candidate]:
    """The candidates with each folder of single-resource FHIR files replaced by one bundle
    written under `into` (its files set aside with a reason)."""
    folders: dict[Path, list[tuple[Candidate, bytes]]] = defaultdict(list)
    for candidate in candidates:
        if candidate.kind == "fhir" and candidate.size <= MAX_FILE_BYTES:
            data = _single_resource(candidate.read_from)
            if data is not None:
                folders[candidate.path.parent].append((candidate, data))
    grouped = {c.path for files in folders.values() if len(files) >= MIN_FILES for c, _ in files}
    kept = [c for c in candidates if c.path not in grouped]
    for folder, files in folders.items():
        if len(files) < MIN_FILES:
            continue
        bundle = _write_bundle(folder, files, into)
        found.unpacked.append(bundle.parent)
        found.skipped += [(c.path, REASON) for c, _ in files]
        mtime = max(c.mtime for c, _ in files)
        kept.append(Candidate(bundle, "fhir", bundle.stat().st_size, mtime))
    return kept


def _single_resource(path: Path) -> bytes | None:
    """A file's bytes when it holds one resource other than a Bundle (not NDJSON)."""
    try:
        data = path.read_bytes().removeprefix(b"\xef\xbb\xbf").strip()
    except OSError:
        return None
    first = FIRST_TYPE.search(data[:4096])
    if first is None or first.group(1) == b"Bundle" or b"\n{" in data:
        return None
    return data


def _write_bundle(folder: Path, files: list[tuple[Candidate, bytes]], into: Path) -> Path:
    """The folder's resources as one collection bundle, each entry naming its file."""
    target = into / f"fhir-{uuid.uuid4().hex}" / f"{folder.name or 'health records'}.json"
    target.parent.mkdir(parents=True)
    entries = [
        b'{"fullUrl": '
        + json.dumps(f"file:{c.path.name}").encode()
        + b', "resource": '
        + data
        + b"}"
        for c, data in sorted(files, key=lambda pair: pair[0].path.name)
    ]
    head = b'{"resourceType": "Bundle", "type": "collection", "entry": [\n'
    target.write_bytes(head + b",\n".join(entries) + b"\n]}\n")
    return target
