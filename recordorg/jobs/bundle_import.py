"""Importing a case-review bundle: its documents and DICOM files become records (duplicates
found by SHA-256 and SOP Instance UID as in any import), with the titles, categories, dates,
notes, tags and original file names the bundle gives them, and the case review it carries
(CASE.JSN); its index, readme, review PDF and metadata do not."""

from __future__ import annotations

import logging
import shutil
import sqlite3
import uuid
from collections.abc import Generator
from pathlib import Path

from recordorg.bundle.case_file import read_case_file, restore_case
from recordorg.bundle.names import BUNDLE_OWN_FILES, CASE, own_file_words
from recordorg.bundle.source import FolderSource, ZipSource, open_bundle
from recordorg.bundle.verify import verify_source
from recordorg.core.case.edit import set_question
from recordorg.core.catalogue.categories import category_id
from recordorg.core.catalogue.database import transaction
from recordorg.core.catalogue.disk_space import DiskFull, check_room, full_disk_told
from recordorg.core.catalogue.editing import RecordChange, apply_change, valid_day
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import NotFound, UserError
from recordorg.core.progress import CancelToken, Progress
from recordorg.jobs.importer import ImportReport, Item, import_paths

log = logging.getLogger(__name__)

ADDED_AFTER = (
    "Not part of the bundle as it was made (added since): the bundle does not verify, "
    "and this file was not imported."
)

UNPACK_AFTER_FULL = (
    "The zipped bundle is unpacked before its records are imported, and it did not fit: "
    "nothing of it was imported. Free some space (or move the library to a larger disk), "
    "then import the bundle again."
)

CASE_KEPT = (
    "The bundle's case review was not added: this library already has a case review for "
    "the person, which is kept as it is."
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
            try:
                _unpack(library, source, unpacked, cancel)
            except DiskFull as full:
                log.warning("bundle import stopped: the library's disk is full")
                stopped = ImportReport(stopped=str(full))
                stopped.left_out(path)
                return stopped
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
        _bring_in_case(library, report, root, by_path, about, person, CASE in bad)
        for relative in sorted(bad):
            report.failed.append(
                Item(relative, None, "Changed or missing since the bundle was made; not imported.")
            )
        for relative in BUNDLE_OWN_FILES:
            if relative in source.names() and relative != CASE:
                report.skipped.append(Item(relative, None, own_file_words(relative)))
        for relative in verified.extra:  # `verify` fails on these: so does the import
            report.failed.append(Item(relative, None, ADDED_AFTER))
        return report
    finally:
        source.close()
        if unpacked is not None:
            shutil.rmtree(unpacked, ignore_errors=True)


def _unpack(library: Library, source: ZipSource, target: Path, cancel: CancelToken | None) -> None:
    """Unpack a zipped bundle into the library's staging folder. It needs room for its files
    twice (unpacked, then imported): a disk with less is refused before writing, and one that
    fills meanwhile stops the import (DiskFull) with nothing of the bundle imported."""
    needed = 2 * sum(source.size(name) for name in source.names())
    check_room(library.staging, needed, "the library", UNPACK_AFTER_FULL)
    with full_disk_told(library.staging, needed, "the library", UNPACK_AFTER_FULL):
        for _name in source.zip.extract_all(target):
            if cancel is not None and cancel.cancelled:
                break


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
    for bundle in bundles:
        if total.stopped:  # the disk filled: the rest is left for the next import
            total.left_out(bundle)
            continue
        part = yield from import_bundle(
            library,
            bundle,
            person=person,
            passphrase=(passphrases or {}).get(bundle),
            cancel=cancel,
            workers=workers,
        )
        _add_up(total, part)
    if rest and total.stopped:
        for path in rest:
            total.left_out(path)
    elif rest:
        part = yield from import_paths(library, rest, person=person, cancel=cancel, workers=workers)
        _add_up(total, part)
    return total


def _add_up(total: ImportReport, part: ImportReport) -> None:
    """Add one part of an import (a bundle, or the other paths) to the whole one's report."""
    total.batch_id = total.batch_id or part.batch_id
    for name in ("imported", "duplicates", "skipped", "failed", "patients"):
        getattr(total, name).extend(getattr(part, name))
    total.records = sorted(set(total.records) | set(part.records))
    total.cancelled = total.cancelled or part.cancelled
    total.stopped = total.stopped or part.stopped


def _record_files(record: dict, names: list[str]) -> list[str]:
    """The files of one bundle record: its document, or every file of its study folder."""
    paths = record.get("paths") or []
    if record.get("study") and paths:
        folder = "/".join(paths[0].split("/")[:2]) + "/"
        return [n for n in names if n.startswith(folder)]
    return list(paths)


def _describe(library: Library, report: ImportReport, root: Path, by_path: dict) -> None:
    """Give new records the words, file name and date the bundle has for them (not
    duplicates: those keep what the library already says)."""
    conn = library.connection()
    done: set[int] = set()
    for item in report.imported:
        if item.record_id is None or item.record_id in done:
            continue
        record = by_path.get(Path(item.path).relative_to(root).as_posix())
        if record is None:
            continue
        done.add(item.record_id)
        change = RecordChange(
            title=record.get("title") or None,
            notes=record.get("notes") or None,
            add_tags=list(record.get("tags") or []),
        )
        if not record.get("date"):
            change.clinical_date = ""  # the bundle states none: not the day it was copied
        elif not record.get("date_day"):  # a bundle made before dates kept their period
            change.clinical_date = str(record["date"])[:10]
        try:
            category_id(conn, record.get("category") or "")
            change.category = record["category"]
        except NotFound:
            pass
        try:
            apply_change(conn, [item.record_id], change)
            _restore_name_and_date(conn, item.record_id, record)
        except UserError as error:
            log.warning("a bundle record's details were not applied: %s", type(error).__name__)


def _restore_name_and_date(conn: sqlite3.Connection, record_id: int, record: dict) -> None:
    """The file's own name, and the date as the library that made the bundle kept it."""
    sets: dict[str, object] = {}
    if record.get("original_name"):
        sets["original_name"] = str(record["original_name"])
    if record.get("date") and record.get("date_day"):
        sets.update(
            clinical_date=valid_day(str(record["date_day"])),
            date_precision=str(record.get("date_precision") or "day"),
            clinical_date_start=record.get("date_start") or None,
            clinical_date_end=record.get("date_end") or None,
            date_source=record.get("date_source") or "user",
            date_confirmed=int(bool(record.get("date_confirmed"))),
        )
    if not sets:
        return
    with transaction(conn):
        assignments = ", ".join(f"{column} = ?" for column in sets)
        conn.execute(f"UPDATE records SET {assignments} WHERE id = ?", [*sets.values(), record_id])


def _bring_in_case(
    library: Library,
    report: ImportReport,
    root: Path,
    by_path: dict,
    about: dict,
    person: str | None,
    changed: bool,
) -> None:
    """The bundle's case review, unless it changed since the bundle was made (reported with
    the other changed files) or the import stopped before every record was in (it is
    brought in by the import that completes it)."""
    if report.stopped and (root / CASE).is_file():
        report.left_out(CASE)
    elif not changed:
        _restore_case(library, report, root, by_path, about, person)


def _restore_case(
    library: Library, report: ImportReport, root: Path, by_path: dict, about: dict, person
) -> None:
    """The bundle's case review, its sources pointed at the records imported (or found
    already in the library), and its question."""
    path = root / CASE
    if not path.is_file():
        return
    record_of: dict[int, int] = {}
    for item in [*report.imported, *report.duplicates]:
        relative = Path(item.path).relative_to(root).as_posix()
        if item.record_id is not None and relative in by_path:
            record_of.setdefault(int(by_path[relative]["number"]), item.record_id)
    conn = library.connection()
    try:
        entries = read_case_file(path.read_bytes())
        written = restore_case(conn, entries, record_of, person)
    except UserError as error:
        report.failed.append(Item(CASE, None, str(error)))
        return
    if not written and entries:
        report.skipped.append(Item(CASE, None, CASE_KEPT))
        return
    if about.get("question") and not any(e.get("kind") == "question" for e in entries):
        set_question(conn, str(about["question"]), person)
