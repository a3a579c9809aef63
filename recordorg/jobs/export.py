"""The export job: a bundle plan written out as a folder or a zip, streaming, cancellable.

Imaging studies (most of the bytes) are copied as they are by a small copier process beside
this one (jobs/background_copy.py), started first, while this process copies and hashes the
documents (SHA-256 for the manifest, SHA-1 for XDM) and writes REVIEW.PDF, the DICOMDIR and
the metadata: the two cores each do one kind of work. Memory stays flat however large the
studies. The bundle is built in a hidden ".part" folder beside the target and renamed (or
zipped) only when complete, so a stopped or failed export leaves nothing half-made.
"""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Generator, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from recordorg.bundle.archive import zip_folder
from recordorg.bundle.case_summary import case_summary
from recordorg.bundle.contents import BundleContents, BundleEntry
from recordorg.bundle.copying import (
    StudyFiles,
    copy_document,
    copy_instance,
    new_entry,
    read_study,
    study_facts,
    study_reports,
)
from recordorg.bundle.deidentify import WARNING, Deidentifier, names_to_scrub
from recordorg.bundle.dicom_media import MediaInstance
from recordorg.bundle.dicomdir_writer import write_dicomdir
from recordorg.bundle.fhir import fhir_json
from recordorg.bundle.files import BundleFiles
from recordorg.bundle.index_html import index_html
from recordorg.bundle.manifest import manifest_bytes
from recordorg.bundle.names import (
    DICOMDIR,
    FHIR,
    INDEX,
    MANIFEST,
    README,
    XDM_METADATA,
    file_set_id,
)
from recordorg.bundle.plan import BundlePlan, PlannedRecord
from recordorg.bundle.readme import readme_text
from recordorg.bundle.review_pdf import ReviewStopped, write_review
from recordorg.bundle.xdm import metadata_xml
from recordorg.core.catalogue.library import Library
from recordorg.core.collection import fewer_collections
from recordorg.core.errors import UserError
from recordorg.core.progress import CancelToken, Progress, run_to_end
from recordorg.jobs.background_copy import BackgroundCopy

log = logging.getLogger(__name__)
FINAL_STEPS = 6  # DICOMDIR, summary, review PDF, metadata, index and readme, manifest


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
    warnings: list[str] = field(default_factory=list)
    dicomdir_notes: list[str] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

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
    """Write the planned bundle to `target` (a folder, or a .zip file); yields Progress."""
    started = time.perf_counter()
    cancel = cancel or CancelToken()
    target = Path(target).expanduser()
    options = plan.options
    report = ExportReport(
        str(target),
        len(plan.records),
        deidentified=options.deidentify,
        case_code=options.case_code if options.deidentify else "",
        encrypted=bool(options.passphrase),
    )
    conn = library.connect()
    work = _prepare(target)
    copier: BackgroundCopy | None = None
    with fewer_collections():  # REVIEW.PDF makes many small objects
        try:
            files = BundleFiles(work)
            deid = None
            if options.deidentify:
                deid = Deidentifier(
                    options,
                    names_to_scrub(
                        plan.person,
                        [p.record.meta for p in plan.records if p.record.kind == "dicom"],
                    ),
                )
            scrub = deid.clean if deid else (lambda text: text)  # once per text from the library
            names = deid.scrub if deid else (lambda text: text)  # for text made from bundle text
            contents = BundleContents(
                plan.subject,
                None if deid else plan.person,
                bool(deid),
                options.case_code,
                scrub(options.question),
                options.contact,
                options.made_by,
                options.date_words(),
                warnings=[WARNING] if deid else [],
            )
            contents.warnings += [f"Note: {w}" for w in plan.warnings]
            own_words = [w for w in (options.contact, options.made_by) if names(w) != w]
            total = plan.file_count + FINAL_STEPS
            contents.entries = [new_entry(p, options, scrub) for p in plan.records]
            pairs = list(zip(plan.records, contents.entries, strict=True))
            # Studies copied as they are go first, to a copier beside this process: the kernel
            # copies them on one core while this one writes everything else on the other.
            studies = (
                {}
                if deid
                else {
                    planned.number: read_study(planned, library.original_path)
                    for planned, _entry in pairs
                    if planned.instances
                }
            )
            copies = [i for study in studies.values() for i in study.copies]
            copier = BackgroundCopy(
                [(library.original_path(i.sha256), files.path_of(i.path), i.size) for i in copies]
            )
            media: list[MediaInstance] = []
            done = 0
            for planned, entry in pairs:
                if planned.document:
                    yield Progress(done + copier.done, total, planned.document)
                    copy_document(
                        planned, entry, library.original_path(planned.record.sha256), files, deid
                    )
                    done += 1
                elif planned.instances:
                    entry.paths = [i.path for i in planned.instances]
                    entry.study = study_facts(planned, entry, deid)
                    contents.reports += study_reports(
                        planned, entry, library.original_path, files, deid
                    )
                    for _instance in _write_study(
                        planned, entry, studies.get(planned.number), library, files, deid, media
                    ):
                        done += 1
                        if done % 25 == 0:
                            yield Progress(done + copier.done, total, planned.instances[0].path)
                        if cancel.cancelled:
                            break
                if cancel.cancelled:
                    report.cancelled = True
                    return report
            sizes = {i.path: i.size for i in copies}
            for entry in contents.entries:
                if entry.study is not None:
                    entry.size = sum(
                        sizes[p] if p in sizes else files.files[p].size for p in entry.paths
                    )
            yield Progress(done + copier.done, total, "", "Writing the case summary…")
            contents.case = case_summary(conn, plan, scrub, names, today)
            if media:
                written = write_dicomdir(
                    files.path_of(DICOMDIR), media, file_set_id(options.case_code or "RECORDORG")
                )
                files.adopt(DICOMDIR)
                contents.dicomdir_notes = [names(n) for n in written.notes]
            for entry in contents.entries:
                contents.warnings += [
                    f"Record {entry.number}: {w}" for w in entry.warnings if "burned" not in w
                ]
            contents.warnings += sorted(
                {w for e in contents.entries for w in e.warnings if "burned" in w}
            )
            yield Progress(done + copier.done, total, "REVIEW.PDF", "Writing the review PDF…")
            sources = {
                i.path: library.original_path(i.sha256) for p in plan.records for i in p.instances
            }
            try:
                review = write_review(contents, files, sources, cancel)
            except ReviewStopped:
                report.cancelled = True
                return report
            yield Progress(done + copier.done, total, "", "Writing the metadata…")
            files.write(XDM_METADATA, metadata_xml(contents))
            files.write(FHIR, fhir_json(contents, review.sha1, review.size))
            files.write(INDEX, index_html(contents))
            files.write(README, readme_text(contents))
            while not copier.wait(0.1):
                yield Progress(done + copier.done, total, "", "Copying the imaging files…")
                if cancel.cancelled:
                    report.cancelled = True
                    return report
            for item in copies:
                files.add_copied(item.path, item.sha256, item.size)
            yield Progress(total - 1, total, MANIFEST, "Writing the manifest…")
            files.write(MANIFEST, manifest_bytes(list(files.files.values()), contents.about()))
            report.files, report.bytes = len(files.files), files.total_bytes
            report.warnings, report.dicomdir_notes = contents.warnings, contents.dicomdir_notes
            if own_words:
                report.warnings = [
                    *report.warnings,
                    "The contact or 'made by' you typed holds the "
                    "person's name; it was kept as you wrote it.",
                ]
            yield from _finish(work, target, options.passphrase, cancel, report, total)
        finally:
            if copier is not None:
                copier.stop()  # before the folder is removed: nothing may write into it after
            conn.close()
            if work.exists():
                shutil.rmtree(work, ignore_errors=True)
    report.seconds = round(time.perf_counter() - started, 2)
    return report


def _write_study(
    planned: PlannedRecord,
    entry: BundleEntry,
    study: StudyFiles | None,
    library: Library,
    files: BundleFiles,
    deid: Deidentifier | None,
    media: list[MediaInstance],
) -> Iterator[MediaInstance]:
    """Write what this process writes of a study, yielding each file done: every file when
    de-identifying; else only files rewritten with a PS3.10 header (the copier copies the
    rest). Adds every file's DICOMDIR facts to `media`, in order."""
    if study is None:
        for item in planned.instances:
            instance = copy_instance(
                planned, item, library.original_path(item.sha256), files, deid, entry.warnings
            )
            media.append(instance)
            yield instance
        return
    for index, item in study.rewrite:
        study.media[index] = copy_instance(
            planned, item, library.original_path(item.sha256), files, None, []
        )
        yield study.media[index]
    media.extend(m for m in study.media if m is not None)


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
