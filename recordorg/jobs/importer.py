"""The import job: files, folders and hospital discs into the library, one file at a time."""

from __future__ import annotations

import errno
import json
import logging
import shutil
import sqlite3
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.disk_space import DiskFull, free_space, full_disk_told
from recordorg.core.catalogue.library import Library, sync_folders
from recordorg.core.paths import readable
from recordorg.core.progress import CancelToken, Progress
from recordorg.core.understanding.record_understanding import reread_birthday_dated
from recordorg.jobs import commit, import_words, same_image, worker
from recordorg.jobs.candidates import Candidate, Found
from recordorg.jobs.discovery import discover
from recordorg.jobs.import_report import ImportReport, Item
from recordorg.jobs.patients import PatientFiling, SeveralPatients, patients_on
from recordorg.jobs.sandbox import DEFAULT_TIME_LIMIT, WorkerPool
from recordorg.jobs.understand import Understander

log = logging.getLogger(__name__)

SECONDS_PER_MB = 0.5  # extra reading time allowed per megabyte on top of the base limit
ROOM_TO_SPARE = 1024 * 1024  # free space below a file's size and this: the disk is full
AFTER_FULL = (
    "Records imported before it filled are kept. Free some space (or move the library to a "
    "larger disk), then import the same files again to bring in the rest."
)


def import_paths(
    library: Library,
    paths: list[Path],
    *,
    person: str | None = None,
    cancel: CancelToken | None = None,
    workers: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Generator[Progress, None, ImportReport]:
    """Import files and folders; yields Progress, returns the report.

    Each file is copied to staging, hashed and read in a worker process, then moved into
    originals/ and committed in its own transaction: a stop at any moment loses nothing
    already committed, and importing the same paths again completes the work. When the
    library's disk fills, the import stops there: its report says so (`stopped`, with how
    much more room it needs), with what was imported before and each file it did not bring in.
    """
    report = ImportReport()
    left: dict[str, int] = {}  # the size of each file not yet brought in
    try:
        with full_disk_told(library.root, lambda: sum(left.values()), "the library", AFTER_FULL):
            return (
                yield from _import_paths(
                    library, paths, person, cancel, workers, time_limit, left, report
                )
            )
    except DiskFull as full:
        log.warning("import stopped: the library's disk is full")
        report.stopped = str(full)
        not_reached = left if report.batch_id is not None else paths  # none found yet: all
        for path in not_reached:
            report.left_out(path)
        return report


def _import_paths(
    library: Library,
    paths: list[Path],
    person: str | None,
    cancel: CancelToken | None,
    workers: int | None,
    time_limit: float,
    left: dict[str, int],
    report: ImportReport,
) -> Generator[Progress, None, ImportReport]:
    cancel = cancel or CancelToken()
    conn = library.connection()
    with library.writer_lock():
        yield Progress(0, 0, "", import_words.looking([Path(p) for p in paths]))
        pool, found = _readers_and_files(library, paths, workers, time_limit)
        report.skipped += [Item(str(p), None, r) for p, r in found.skipped]
        report.failed += [Item(str(p), None, r) for p, r in found.failed]
        report.batch_id = _start_batch(conn, paths)
        target = commit.Committer(library, conn, report.batch_id, person)
        filing = PatientFiling(conn, person, target.person_id)
        left.update((str(c.path), c.size) for c in found.candidates)
        total = len(found.candidates) + len(found.dicomdirs)
        done = 0
        yield Progress(0, total, "", import_words.found(total))
        try:
            if person:  # one person's import stops before filing anyone else's images
                counted = import_words.checking_patients(total)
                patients = yield from patients_on(pool, found.candidates, counted)
                if len(patients) > 1:
                    raise SeveralPatients(person, patients)
            forced_dicom = yield from _read_dicomdirs(pool, found.dicomdirs, report, done, total)
            done += len(found.dicomdirs)
            by_key = {str(c.path): c for c in found.candidates}
            # Dates, categories and titles are read from each document as it is committed,
            # while the readers work on the next files; studies once complete.
            understander = Understander(conn)
            for outcome in pool.run(_tasks(found.candidates, library, forced_dicom, cancel)):
                candidate = by_key[outcome.key]
                done += 1
                if outcome.ok:
                    _keep(outcome.value, candidate, target, filing, understander, report)
                else:
                    _stop_if_disk_full(library, candidate)
                    _fail(report, candidate.path, outcome.error)
                left.pop(outcome.key, None)
                yield Progress(done, total, readable(candidate.path.name))
            if target.same_images:
                yield Progress(done, total, "", "Comparing copies of the same image…")
                same_image.settle_all(pool, target, report)
            if cancel.cancelled:
                report.cancelled = True
            else:
                yield Progress(done, total, "", "Making study previews…")
                _study_thumbnails(pool, library, conn, target.studies_touched)
            filing.finish(report)  # may file records under a person, or learn their birthday
            reread_birthday_dated(conn, sorted(target.records_touched))
            for record_id in sorted(target.studies_touched):
                understander.record(record_id)
            understander.finish()
        finally:
            pool.close()
            for folder in found.unpacked:  # packages unpacked from their zips
                shutil.rmtree(folder, ignore_errors=True)
            sync_folders({library.original_path(sha).parent for sha in target.kept})
            library.empty_staging()
            report.records = sorted(target.records_touched)
            _finish_batch(conn, report)
    return report


def _readers_and_files(
    library: Library, paths: list[Path], workers: int | None, time_limit: float
) -> tuple[WorkerPool, Found]:
    """Start the import's readers, then look for its files: the readers start (under
    `spawn`, an interpreter each) while the folders are walked. If looking fails, the
    readers are stopped."""
    pool = WorkerPool(workers, time_limit=time_limit, preload=(worker.__name__,))
    try:
        found = discover(
            [Path(p) for p in paths], library_root=library.root, unpack_to=library.staging
        )
    except BaseException:
        pool.close()
        raise
    return pool, found


def _start_batch(conn: sqlite3.Connection, paths: list[Path]) -> int:
    """The import's row in the catalogue's batches, with the paths it was given."""
    with transaction(conn):
        return conn.execute(
            "INSERT INTO batches(started_at, sources) VALUES (?, ?)",
            (now(), json.dumps([str(p) for p in paths])),
        ).lastrowid


def _finish_batch(conn: sqlite3.Connection, report: ImportReport) -> None:
    with transaction(conn):
        conn.execute(
            "UPDATE batches SET finished_at = ?, summary = ? WHERE id = ?",
            (now(), json.dumps(report.counts()), report.batch_id),
        )


def _keep(
    read: Any,
    candidate: Candidate,
    target: commit.Committer,
    filing: PatientFiling,
    understander: Understander,
    report: ImportReport,
) -> None:
    """Commit one file read, file it under its patient, and read its date, category and
    title now (a study's once it is complete), and so for the files it carried."""
    record_id = target.commit(candidate, read, report)
    if record_id is not None:
        filing.filed(record_id, read.content)
    if record_id is not None and record_id not in target.studies_touched:
        understander.record(record_id)
    for carried in target.attached.pop(record_id or 0, []):  # its attached files
        filing.filed(carried, read.content)
        understander.record(carried)


def _stop_if_disk_full(library: Library, candidate: Candidate) -> None:
    """A file that failed while the library's disk has no room for it failed for want of
    room: stop the import there (the readers report it as a file they could not copy)."""
    if free_space(library.staging) < candidate.size + ROOM_TO_SPARE:
        raise OSError(errno.ENOSPC, "No space left on device")


def _fail(report: ImportReport, path: Path, error: str) -> None:
    if error.startswith("bug:"):
        log.error("import failed on a file with a bug: %s", error)
        error = "Something went wrong reading this file (see the log)."
    report.failed.append(Item(str(path), None, error))


def _tasks(
    candidates: list[Candidate],
    library: Library,
    forced_dicom: set[Path],
    cancel: CancelToken,
) -> Iterator[tuple[str, Any, tuple, float]]:
    for candidate in candidates:
        if cancel.cancelled:
            return
        kind = "dicom" if candidate.path in forced_dicom else candidate.kind
        limit = DEFAULT_TIME_LIMIT + SECONDS_PER_MB * candidate.size / 1e6
        yield (
            str(candidate.path),
            worker.ingest,
            (str(candidate.read_from), kind, str(library.staging), str(library.originals)),
            limit,
        )


def _read_dicomdirs(
    pool: WorkerPool, dicomdirs: list[Candidate], report: ImportReport, done: int, total: int
) -> Generator[Progress, None, set[Path]]:
    """Read each disc's DICOMDIR: its files are DICOM, and files it lists but lacks are
    reported."""
    listed: set[Path] = set()
    tasks = ((str(c.path), worker.read_dicomdir, (str(c.path),), 0.0) for c in dicomdirs)
    for outcome in pool.run(tasks):
        done += 1
        if not outcome.ok:
            report.skipped.append(
                Item(outcome.key, None, f"The disc's index could not be read: {outcome.error}")
            )
        else:
            contents = outcome.value
            listed.update(Path(p) for p in contents.files)
            report.skipped.append(
                Item(outcome.key, None, "The disc's index (DICOMDIR); its images are imported.")
            )
            for missing in contents.missing:
                report.failed.append(
                    Item(missing, None, "Listed in the disc's DICOMDIR but missing from the disc.")
                )
        yield Progress(done, total, readable(Path(outcome.key).name))
    return listed


def _study_thumbnails(pool: WorkerPool, library: Library, conn: Any, studies: set[int]) -> None:
    tasks = []
    for record_id in sorted(studies):
        key_image = commit.key_image(conn, record_id)
        if key_image:
            path = str(library.original_path(key_image))
            tasks.append((record_id, worker.study_thumbnail, (path,), 0.0))
    for outcome in pool.run(iter(tasks)):
        if outcome.ok:
            library.save_thumbnail(outcome.key, outcome.value)
        else:
            log.warning("no preview for study record %s: %s", outcome.key, outcome.error[:200])
