"""The export job: a bundle plan written out as a folder or a zip, streaming, cancellable.

Imaging studies (most of the bytes) are copied as they are by a small copier process beside
this one (jobs/background_copy.py), started first, while this process copies and hashes the
documents (SHA-256 for the manifest, SHA-1 for XDM) and writes REVIEW.PDF, the DICOMDIR and
the metadata: the two cores each do one kind of work. Memory stays flat however large the
studies. A zip is written as it goes, every member encrypted as it is written when there is
a passphrase (nothing readable ever touches the disk), with the studies streamed into it from
the library's originals. The bundle is built in the export's work folder (core/catalogue/
unfinished_exports.py: in the library's staging area, or a marked folder beside the target)
and renamed into place only when complete, so an export stopped at any moment, even killed,
leaves no bundle or a complete one, and its work is removed (at once, or at the library's
next open). The phases themselves, in order, are in jobs/export_phases.py.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Generator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from recordorg.bundle.files import BundleFiles, ZipBundleFiles
from recordorg.bundle.plan import BundleOptions, BundlePlan
from recordorg.core.catalogue.disk_space import check_room, full_disk_told
from recordorg.core.catalogue.library import Library, sync_folders
from recordorg.core.catalogue.unfinished_exports import ExportWork
from recordorg.core.collection import fewer_collections
from recordorg.core.errors import UserError
from recordorg.core.file_names import name_problem, portable_name
from recordorg.core.progress import CancelToken, Progress, run_to_end
from recordorg.jobs.durable import sync_written
from recordorg.jobs.export_phases import ExportPhases, Stopped

log = logging.getLogger(__name__)
ROOM_HINT = "Choose a folder on a disk with more room, or free some space; nothing was left there."


@dataclass
class ExportReport:
    """What an export wrote, and what the user should know about it."""

    target: str
    records: int = 0
    files: int = 0
    bytes: int = 0
    deidentified: bool = False
    case_code: str = ""
    encrypted: bool = False
    signer: str = ""  # the fingerprint of the library's key the bundle is signed with
    warnings: list[str] = field(default_factory=list)
    dicomdir_notes: list[str] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    @classmethod
    def of(cls, plan: BundlePlan, target: Path) -> ExportReport:
        """The report of an export of `plan` to `target`, before anything is written."""
        options = plan.options
        return cls(
            str(target),
            len(plan.records),
            deidentified=options.deidentify,
            case_code=options.case_code if options.deidentify else "",
            encrypted=bool(options.passphrase),
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _check_target(target: Path) -> None:
    if problem := name_problem(target.name):
        raise UserError(
            f"“{target.name}” cannot be a bundle's name: {problem}. Try "
            f"“{portable_name(target.name)}”, so the bundle opens on any computer."
        )
    if target.suffix.lower() == ".zip":
        if target.exists():
            raise UserError(f"{target} already exists; choose another name.")
    elif target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UserError(f"{target} already exists and is not an empty folder; choose another.")
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist.")


def _bundle_files(work: ExportWork, target: Path, options: BundleOptions) -> BundleFiles:
    """Where the bundle is written: a zip written as it goes (encrypted member by member
    with a passphrase), or a folder, inside the export's work folder."""
    if target.suffix.lower() == ".zip":
        return ZipBundleFiles(
            work.build / "bundle.zip", options.passphrase, undated=options.deidentify
        )
    return BundleFiles(work.build / "bundle")


def export_bundle(
    library: Library,
    plan: BundlePlan,
    target: Path,
    *,
    cancel: CancelToken | None = None,
    today: date | None = None,
) -> Generator[Progress, None, ExportReport]:
    """Write the planned bundle to `target` (a folder, or a .zip file); yields Progress.
    A disk too small for the records is told before writing (DiskFull), one that fills
    while writing is told the same way, and nothing half-made is left."""
    target = Path(target).expanduser()
    check_room(target.parent, plan.total_bytes, "the bundle", ROOM_HINT)
    with full_disk_told(target.parent, plan.total_bytes, "the bundle", ROOM_HINT):
        return (yield from _export_bundle(library, plan, target, cancel, today))


def _export_bundle(
    library: Library,
    plan: BundlePlan,
    target: Path,
    cancel: CancelToken | None,
    today: date | None,
) -> Generator[Progress, None, ExportReport]:
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    report = ExportReport.of(plan, target)
    _check_target(target)
    work = ExportWork.start(library.staging, target)
    files: BundleFiles | None = None
    try:
        files = _bundle_files(work, target, plan.options)
        with fewer_collections():  # REVIEW.PDF makes many small objects
            yield from _write(library, plan, files, work, cancel, today, report)
        if report.cancelled:
            return report
        _move_into_place(files, target)
    finally:
        if isinstance(files, ZipBundleFiles):
            files.abandon()
        work.finish()
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _write(
    library: Library,
    plan: BundlePlan,
    files: BundleFiles,
    work: ExportWork,
    cancel: CancelToken,
    today: date | None,
    report: ExportReport,
) -> Generator[Progress, None, None]:
    """Run the export's phases into `files`; fills in the report (cancelled when stopped)."""
    export: ExportPhases | None = None
    try:
        export = ExportPhases(library, plan, files, cancel, today, keep_open=(work.lock_fd,))
        export.start_copier()
        yield from export.copy_records()
        yield from export.write_case_summary()
        export.write_dicomdir()
        export.gather_warnings()
        yield from export.write_review_pdf()
        yield from export.write_metadata()
        yield from export.wait_for_copier()
        yield from export.write_manifest()
        export.stop_if_cancelled()
        report.files, report.bytes = len(files.files), files.total_bytes
        report.signer = export.key.fingerprint
        report.warnings = export.warnings()
        report.dicomdir_notes = export.contents.dicomdir_notes
        yield Progress(export.total, export.total, "", "Done.")
    except Stopped:
        report.cancelled = True
    finally:
        if export is not None:
            export.stop_copier()


def _move_into_place(files: BundleFiles, target: Path) -> None:
    """The complete bundle becomes the target in one rename (a zip is completed first).
    Its files and folders are on the disk before the rename, and the rename itself after,
    so a power cut leaves no bundle or a complete one."""
    if isinstance(files, ZipBundleFiles):
        files.close()
        if target.exists():
            raise UserError(f"{target} appeared while the bundle was made; nothing was written.")
        sync_written(files.root)
        os.replace(files.root, target)
    else:
        sync_written(files.root)
        try:
            os.rename(files.root, target)  # replaces the empty folder the user chose, if any
        except OSError as error:
            raise UserError(
                f"{target} could not be made ({error.strerror}); nothing was written there."
            ) from error
    sync_folders({target.parent})


def run_export(library: Library, plan: BundlePlan, target: Path, **kwargs: Any) -> ExportReport:
    """Run an export to the end without progress (tests, scripts)."""
    return run_to_end(export_bundle(library, plan, target, **kwargs))
