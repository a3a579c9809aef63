"""The export job: a bundle plan written out as a folder or a zip, streaming, cancellable.

Imaging studies (most of the bytes) are copied as they are by a small copier process beside
this one (jobs/background_copy.py), started first, while this process copies and hashes the
documents (SHA-256 for the manifest, SHA-1 for XDM) and writes REVIEW.PDF, the DICOMDIR and
the metadata: the two cores each do one kind of work. Memory stays flat however large the
studies. The bundle is built in a hidden ".part" folder beside the target and renamed (or
zipped) only when complete, so a stopped or failed export leaves nothing half-made. The
phases themselves, in order, are in jobs/export_phases.py.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Generator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from recordorg.bundle.archive import zip_folder
from recordorg.bundle.files import BundleFiles
from recordorg.bundle.plan import BundlePlan
from recordorg.core.catalogue.disk_space import check_room, full_disk_told
from recordorg.core.catalogue.library import Library
from recordorg.core.collection import fewer_collections
from recordorg.core.errors import UserError
from recordorg.core.progress import CancelToken, Progress, run_to_end
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


def _prepare(target: Path) -> Path:
    """Check the target and make the hidden folder the bundle is built in."""
    if target.suffix.lower() == ".zip":
        if target.exists():
            raise UserError(f"{target} already exists; choose another name.")
    elif target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UserError(f"{target} already exists and is not an empty folder; choose another.")
    if not target.parent.is_dir():
        raise UserError(f"The folder {target.parent} does not exist.")
    work = target.parent / f".{target.name}.part"
    if work.exists():
        shutil.rmtree(work)  # left by an export that was stopped
    work.mkdir()
    return work


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
    work = _prepare(target)
    export: ExportPhases | None = None
    with fewer_collections():  # REVIEW.PDF makes many small objects
        try:
            export = ExportPhases(library, plan, BundleFiles(work), cancel, today)
            export.start_copier()
            yield from export.copy_records()
            yield from export.write_case_summary()
            export.write_dicomdir()
            export.gather_warnings()
            yield from export.write_review_pdf()
            yield from export.write_metadata()
            yield from export.wait_for_copier()
            yield from export.write_manifest()
            report.files, report.bytes = len(export.files.files), export.files.total_bytes
            report.signer = export.key.fingerprint
            report.warnings = export.warnings()
            report.dicomdir_notes = export.contents.dicomdir_notes
            yield from _finish(work, target, plan.options.passphrase, cancel, report, export.total)
        except Stopped:
            report.cancelled = True
            return report
        finally:
            if export is not None:
                export.stop_copier()
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _finish(
    work: Path,
    target: Path,
    passphrase: str | None,
    cancel: CancelToken,
    report: ExportReport,
    total: int,
) -> Generator[Progress, None, None]:
    if target.suffix.lower() != ".zip":
        if target.exists():
            target.rmdir()  # an empty folder the user chose
        work.rename(target)
        yield Progress(total, total, "", "Done.")
        return
    zipping = zip_folder(work, target, passphrase=passphrase)
    for n, name in enumerate(zipping, 1):
        if cancel.cancelled:
            zipping.close()
            report.cancelled = True
            return
        if n % 25 == 0:
            yield Progress(n, report.files, name, "Zipping…")
    yield Progress(total, total, "", "Done.")


def run_export(library: Library, plan: BundlePlan, target: Path, **kwargs: Any) -> ExportReport:
    """Run an export to the end without progress (tests, scripts)."""
    return run_to_end(export_bundle(library, plan, target, **kwargs))
