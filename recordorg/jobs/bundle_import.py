"""Importing a case-review bundle: its documents and DICOM files become records (duplicates
found by SHA-256 and SOP Instance UID as in any import), with the titles, categories, dates,
notes and tags the bundle gives them; its index, readme, review PDF and metadata do not."""

from __future__ import annotations

import logging
import shutil
import uuid
from collections.abc import Generator
from pathlib import Path

from recordorg.bundle.names import BUNDLE_OWN_FILES
from recordorg.bundle.source import FolderSource, open_bundle
from recordorg.bundle.verify import verify_source
from recordorg.core.catalogue.categories import category_id
from recordorg.core.catalogue.editing import RecordChange, apply_change
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import NotFound, UserError
from recordorg.core.progress import CancelToken, Progress
from recordorg.jobs.importer import ImportReport, Item, import_paths

log = logging.getLogger(__name__)

ADDED_AFTER = (
    "Not part of the bundle as it was made (added since): the bundle does not verify, "
    "and this file was not imported."
)


def import_bundle(
    library: Library,
    path: Path,
    *,
    person: str | None = None,
    passphrase: str | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
) -> Generator[Progress, None, ImportReport]:
    """Verify a bundle (folder or zip), then import the records it holds."""
    source = open_bundle(path, passphrase)
    unpacked: Path | None = None
    try:
        yield Progress(0, 0, "", "Checking the bundle…")
        verified = yield from verify_source(source, cancel)
        if isinstance(source, FolderSource):
            root = source.root
        else:
            unpacked = library.staging / f"bundle-{uuid.uuid4().hex}"
            yield Progress(0, 0, "", "Unpacking the bundle…")
            for _name in source.zip.extract_all(unpacked):
                if cancel is not None and cancel.cancelled:
                    break
            root = unpacked
        bad = set(verified.changed) | set(verified.missing)
        by_path: dict[str, dict] = {}
        for record in verified.about.get("records", []):
            for relative in _record_files(record, source.names()):
                by_path[relative] = record
        wanted = sorted(p for p in by_path if p not in bad)
        about = verified.about
        person = (
            person
            or about.get("person")
            or (about.get("subject") if about.get("deidentified") else None)
        )
        report = yield from import_paths(
            library,
            [root.joinpath(*p.split("/")) for p in wanted],
            person=person,
            cancel=cancel,
            workers=workers,
        )
        _describe(library, report, root, by_path)
        for relative in sorted(bad):
            report.failed.append(
                Item(relative, None, "Changed or missing since the bundle was made; not imported.")
            )
        for relative in BUNDLE_OWN_FILES:
            if relative in source.names():
                report.skipped.append(
                    Item(
                        relative,
                        None,
                        "Part of the bundle itself (its index or metadata), not a record.",
                    )
                )
        for relative in verified.extra:  # `verify` fails on these: so does the import
            report.failed.append(Item(relative, None, ADDED_AFTER))
        return report
    finally:
        source.close()
        if unpacked is not None:
            shutil.rmtree(unpacked, ignore_errors=True)


def import_paths_and_bundles(
    library: Library,
    paths: list[Path],
    *,
    person: str | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    passphrases: dict[Path, str | None] | None = None,
) -> Generator[Progress, None, ImportReport]:
    """Import files and folders as usual, and any bundles among them as bundles; one report."""
    from recordorg.bundle.source import looks_like_bundle

    bundles = [p for p in paths if looks_like_bundle(p)]
    rest = [p for p in paths if p not in bundles]
    if not bundles:
        return (
            yield from import_paths(library, rest, person=person, cancel=cancel, workers=workers)
        )
    total = ImportReport()
    parts = []
    for bundle in bundles:
        parts.append(
            (
                yield from import_bundle(
                    library,
                    bundle,
                    person=person,
                    passphrase=(passphrases or {}).get(bundle),
                    cancel=cancel,
                    workers=workers,
                )
            )
        )
    if rest:
        parts.append(
            (yield from import_paths(library, rest, person=person, cancel=cancel, workers=workers))
        )
    for part in parts:
        total.batch_id = total.batch_id or part.batch_id
        for name in ("imported", "duplicates", "skipped", "failed", "patients"):
            getattr(total, name).extend(getattr(part, name))
        total.records = sorted(set(total.records) | set(part.records))
        total.cancelled = total.cancelled or part.cancelled
    return total


def _record_files(record: dict, names: list[str]) -> list[str]:
    """The files of one bundle record: its document, or every file of its study folder."""
    paths = record.get("paths") or []
    if record.get("study") and paths:
        folder = "/".join(paths[0].split("/")[:2]) + "/"
        return [n for n in names if n.startswith(folder)]
    return list(paths)


def _describe(library: Library, report: ImportReport, root: Path, by_path: dict) -> None:
    """Give new records the words the bundle has for them (not duplicates: those keep
    what the library already says)."""
    conn = library.connection()
    done: set[int] = set()
    for item in report.imported:
        if item.record_id is None or item.record_id in done:
            continue
        relative = Path(item.path).relative_to(root).as_posix()
        record = by_path.get(relative)
        if record is None:
            continue
        done.add(item.record_id)
        change = RecordChange(
            title=record.get("title") or None,
            notes=record.get("notes") or None,
            add_tags=list(record.get("tags") or []),
        )
        if record.get("date"):
            change.clinical_date = str(record["date"])[:10]
        try:
            category_id(conn, record.get("category") or "")
            change.category = record["category"]
        except NotFound:
            pass
        try:
            apply_change(conn, [item.record_id], change)
        except UserError as error:
            log.warning("a bundle record's details were not applied: %s", type(error).__name__)
