"""The phases of an export, in the order the driver (jobs/export.py) runs them: plan the
contents, start the copier, copy the records, the case summary, the DICOMDIR, REVIEW.PDF,
the metadata (XDM, FHIR, index, readme), the copier's end, and the manifest with its
signature."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from recordorg.bundle.case_file import case_file_json
from recordorg.bundle.case_summary import case_summary
from recordorg.bundle.contents import BundleContents, BundleEntry, made_at
from recordorg.bundle.copying import (
    StudyFiles,
    copy_document,
    copy_instance,
    new_entry,
    read_study,
    study_facts,
    study_reports,
)
from recordorg.bundle.deidentify import WARNING, Deidentifier
from recordorg.bundle.dicom_media import MediaInstance
from recordorg.bundle.dicomdir_writer import dicomdir_bytes
from recordorg.bundle.fhir import fhir_json
from recordorg.bundle.files import BundleFiles, WrittenFile, ZipBundleFiles
from recordorg.bundle.index_html import index_html
from recordorg.bundle.manifest import manifest_bytes
from recordorg.bundle.names import (
    CASE,
    DICOMDIR,
    FHIR,
    INDEX,
    MANIFEST,
    README,
    XDM_METADATA,
    file_set_id,
)
from recordorg.bundle.plan import BundleOptions, BundlePlan, PlannedInstance, PlannedRecord
from recordorg.bundle.readme import readme_text
from recordorg.bundle.review_pdf import ReviewStopped, write_review
from recordorg.bundle.signature import SIGNATURE, library_key
from recordorg.bundle.xdm import metadata_xml
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import CancelToken, Progress
from recordorg.jobs.background_copy import BackgroundCopy

FINAL_STEPS = 6  # DICOMDIR, summary, review PDF, metadata, index and readme, manifest
OWN_WORDS_KEPT = (
    "The contact or 'made by' you typed holds the person's name; it was kept as you wrote it."
)


class Stopped(Exception):
    """The user stopped the export (Cancel)."""


def _as_it_is(text: str) -> str:
    return text


class ExportPhases:
    """One export under way into `files` (the hidden folder it is built in): what its phases
    share, and the phases themselves. Phases that take time yield Progress; a phase that
    finds the export cancelled raises Stopped."""

    def __init__(
        self,
        library: Library,
        plan: BundlePlan,
        files: BundleFiles,
        cancel: CancelToken,
        today: date | None = None,
        keep_open: tuple[int, ...] = (),
    ) -> None:
        self.library, self.plan, self.files = library, plan, files
        self.cancel, self.today = cancel, today
        self.keep_open = keep_open  # for the copier: the export's lock, held while it copies
        self.key = library_key(library.root)  # made on the library's first export
        self.deid = _deidentifier(plan)
        self.scrub = self.deid.clean if self.deid else _as_it_is  # once per text from the library
        self.names = self.deid.scrub if self.deid else _as_it_is  # for text made from bundle text
        self.contents = self._plan_contents()
        self.total = plan.file_count + FINAL_STEPS
        self.done = 0
        self.studies: dict[int, StudyFiles] = {}
        self.copies: list[PlannedInstance] = []
        self.copier: BackgroundCopy | None = None
        self.media: list[MediaInstance] = []
        self.review: WrittenFile | None = None

    def _plan_contents(self) -> BundleContents:
        """Plan: what the bundle says, and one entry per planned record (none written yet)."""
        plan, options = self.plan, self.plan.options
        contents = BundleContents(
            plan.subject,
            None if self.deid else plan.person,
            bool(self.deid),
            options.case_code,
            self.scrub(options.question),
            options.contact,
            options.made_by,
            options.date_words(),
            warnings=[WARNING] if self.deid else [],
        )
        contents.warnings += [f"Note: {w}" for w in plan.warnings]
        identity = plan.person_identity
        if identity is not None and not self.deid:
            contents.birth_date, contents.sex = identity.birth_date, identity.sex
            contents.patient_name = identity.name
        if self.deid:  # nothing in it links it to the person's other bundles or the real dates
            contents.fresh_identifiers()
            contents.created = made_at(True, options.date_shift_days)
        self.own_words = [w for w in (options.contact, options.made_by) if self.names(w) != w]
        contents.entries = [new_entry(p, options, self.scrub) for p in plan.records]
        for planned, entry in zip(plan.records, contents.entries, strict=True):
            _keep_for_import(planned, entry, options, self.scrub)
        return contents

    def progress(self, current: str = "", message: str = "") -> Progress:
        copied = self.copier.done if self.copier is not None else 0
        return Progress(self.done + copied, self.total, current, message)

    def stop_if_cancelled(self) -> None:
        if self.cancel.cancelled:
            raise Stopped

    def start_copier(self) -> None:
        """Studies copied as they are go first, to a copier beside this process: the kernel
        copies them on one core while this one writes everything else on the other. Into a
        zip, this process streams them from the originals once the rest is written."""
        if self.deid is None:
            self.studies = {
                planned.number: read_study(planned, self.library.original_path)
                for planned in self.plan.records
                if planned.instances
            }
        self.copies = [i for study in self.studies.values() for i in study.copies]
        source = self.library.original_path
        if isinstance(self.files, ZipBundleFiles):
            jobs = [(source(i.sha256), i.path, i.size) for i in self.copies]
            self.copier = BackgroundCopy(jobs, copy=self.files.copy_as_is)
            return
        target = self.files.path_of
        self.copier = BackgroundCopy(
            [(source(i.sha256), target(i.path), i.size) for i in self.copies],
            keep_open=self.keep_open,
        )

    def stop_copier(self) -> None:
        """Before the folder is removed: nothing may write into it after."""
        if self.copier is not None:
            self.copier.stop()

    def copy_records(self) -> Iterator[Progress]:
        """Copy: each document, photo and study of the plan, in order."""
        for planned, entry in zip(self.plan.records, self.contents.entries, strict=True):
            if planned.document:
                yield self.progress(planned.document)
                source = self.library.original_path(planned.record.sha256)
                copy_document(planned, entry, source, self.files, self.deid)
                self.done += 1
            elif planned.instances:
                yield from self._copy_study(planned, entry)
            self.stop_if_cancelled()
        sizes = {i.path: i.size for i in self.copies}
        for entry in self.contents.entries:
            if entry.study is not None:
                entry.size = sum(
                    sizes[p] if p in sizes else self.files.files[p].size for p in entry.paths
                )

    def _copy_study(self, planned: PlannedRecord, entry: BundleEntry) -> Iterator[Progress]:
        entry.paths = [i.path for i in planned.instances]
        entry.study = study_facts(planned, entry, self.deid)
        self.contents.reports += study_reports(
            planned, entry, self.library.original_path, self.files, self.deid
        )
        study = self.studies.get(planned.number)
        for _instance in _write_study(
            planned, entry, study, self.library, self.files, self.deid, self.media
        ):
            self.done += 1
            if self.done % 25 == 0:
                yield self.progress(planned.instances[0].path)
            self.stop_if_cancelled()

    def write_case_summary(self) -> Iterator[Progress]:
        yield self.progress("", "Writing the case summary…")
        conn = self.library.connect()
        try:
            self.contents.case = case_summary(conn, self.plan, self.scrub, self.names, self.today)
            case = case_file_json(conn, self.plan, self.scrub)
        finally:
            conn.close()
        if case is not None:
            self.files.write(CASE, case)
            self.contents.case_file = True

    def write_dicomdir(self) -> None:
        """Media: the DICOMDIR listing every DICOM file written or copied."""
        if not self.media:
            return
        data, _count, notes = dicomdir_bytes(
            self.media, file_set_id(self.plan.options.case_code or "RECORDORG")
        )
        self.files.write(DICOMDIR, data)
        self.contents.dicomdir_notes = [self.names(n) for n in notes]

    def gather_warnings(self) -> None:
        """Each record's warnings, named by record; warnings about burned-in text once."""
        contents = self.contents
        for entry in contents.entries:
            contents.warnings += [
                f"Record {entry.number}: {w}" for w in entry.warnings if "burned" not in w
            ]
        contents.warnings += sorted(
            {w for e in contents.entries for w in e.warnings if "burned" in w}
        )

    def write_review_pdf(self) -> Iterator[Progress]:
        yield self.progress("REVIEW.PDF", "Writing the review PDF…")
        sources = {
            i.path: self.library.original_path(i.sha256)
            for p in self.plan.records
            for i in p.instances
        }
        try:
            self.review = write_review(self.contents, self.files, sources, self.cancel)
        except ReviewStopped as stopped:
            raise Stopped from stopped

    def write_metadata(self) -> Iterator[Progress]:
        """XDM, FHIR, the index and the readme."""
        assert self.review is not None
        yield self.progress("", "Writing the metadata…")
        contents, files = self.contents, self.files
        files.write(XDM_METADATA, metadata_xml(contents))
        files.write(FHIR, fhir_json(contents, self.review.sha1, self.review.size))
        files.write(INDEX, index_html(contents, self.key.fingerprint))
        files.write(README, readme_text(contents, self.key.fingerprint))

    def wait_for_copier(self) -> Iterator[Progress]:
        assert self.copier is not None
        while not self.copier.wait(0.1):
            yield self.progress("", "Copying the imaging files…")
            self.stop_if_cancelled()
        for item in self.copies:
            self.files.add_copied(item.path, item.sha256, item.size)

    def write_manifest(self) -> Iterator[Progress]:
        yield Progress(self.total - 1, self.total, MANIFEST, "Writing the manifest…")
        manifest = manifest_bytes(list(self.files.files.values()), self.contents.about())
        self.files.write(MANIFEST, manifest)
        self.files.write(SIGNATURE, self.key.signature_file(manifest))

    def warnings(self) -> list[str]:
        """What the user should know about the bundle written."""
        return (
            [*self.contents.warnings, OWN_WORDS_KEPT] if self.own_words else self.contents.warnings
        )


def _keep_for_import(
    planned: PlannedRecord,
    entry: BundleEntry,
    options: BundleOptions,
    scrub: Callable[[str], str],
) -> None:
    """What an import of the bundle needs to give the record back as it was: its file's
    name, and its date to its precision with the period it covers (moved like every date)."""
    record = planned.record
    entry.original_name = scrub(record.original_name)
    if not options.deidentify:
        _from_portal(record.meta, entry)
    if entry.date is None:
        return
    entry.date_day = options.bundle_date(record.clinical_date)
    entry.date_precision = record.date_precision
    entry.date_start = options.bundle_date(record.clinical_date_start)
    entry.date_end = options.bundle_date(record.clinical_date_end)
    entry.date_source = record.date_source
    entry.date_confirmed = record.date_confirmed


def _from_portal(meta: dict, entry: BundleEntry) -> None:
    """The author, facility and type a document read from a patient portal was sent with."""
    document = meta.get("clinical_document") or {}
    listing = meta.get("package_listing") or {}
    entry.source_author = str(document.get("author") or listing.get("author") or "")
    entry.source_facility = str(document.get("organisation") or listing.get("institution") or "")
    entry.source_type_code = str(document.get("type_code") or "")
    entry.source_type_name = str(document.get("type") or listing.get("document_type") or "")


def _deidentifier(plan: BundlePlan) -> Deidentifier | None:
    if not plan.options.deidentify:
        return None
    identity = plan.person_identity
    names = [plan.person or "", identity.name if identity else ""]
    return Deidentifier(
        plan.options, [n for n in names if n], person=identity, patients=plan.named_patients
    )


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
            planned, item, library.original_path(item.sha256), files, None, entry.warnings
        )
        yield study.media[index]
    media.extend(m for m in study.media if m is not None)
