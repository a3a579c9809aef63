"""Putting a record's files into the bundle: copied as they are, or de-identified first."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pydicom

from recordorg.bundle.contents import BundleEntry, SeriesFacts, StudyFacts
from recordorg.bundle.deidentify import Deidentifier
from recordorg.bundle.deidentify_docs import CannotClean, clean_image, strip_pdf
from recordorg.bundle.dicom_media import (
    MediaInstance,
    for_general_purpose_media,
    is_part10,
    kept_as_stored,
    media_instance,
    read_header,
    record_type,
)
from recordorg.bundle.files import CHUNK, BundleFiles
from recordorg.bundle.names import document_path, report_path
from recordorg.bundle.plan import BundleOptions, PlannedInstance, PlannedRecord
from recordorg.core.errors import UserError
from recordorg.formats.dicom_document import encapsulated_pdf, is_document_class
from recordorg.formats.dicom_missing_uids import fill_in_missing_uids, has_made_up_uids
from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.pdf_budget import check_unpacked_pdf

CARRIES_MADE_UP_UIDS = (
    "An image named no study or series; its copy here carries the IDs recordorg made for it "
    "from its own ID (as the library shows it), so that DICOM viewers can list it."
)


def new_entry(
    planned: PlannedRecord, options: BundleOptions, scrub: Callable[[str], str]
) -> BundleEntry:
    record = planned.record
    return BundleEntry(
        number=planned.number,
        title=scrub(record.title),
        category=record.category,
        category_name=record.category_name,
        kind=record.kind,
        date=options.bundle_date(record.date_as_written),  # "2023-03" for March 2023
        notes=scrub(record.notes),
        tags=[scrub(t) for t in record.tags],
        mime=record.mime,
        page_count=record.page_count,
        source_id=record.id,
    )


def _damaged(planned: PlannedRecord) -> UserError:
    return UserError(
        f"A stored file of record {planned.record.id} ({planned.record.title}) "
        "has changed or is damaged in the library. Run `recordorg check`."
    )


def copy_document(
    planned: PlannedRecord,
    entry: BundleEntry,
    source: Path,
    files: BundleFiles,
    deid: Deidentifier | None,
) -> None:
    """Copy (or clean and write) a document, photo or other file; fills in the entry."""
    record = planned.record
    path = planned.document or ""
    if deid is None:
        written = files.copy(path, source, sha1=True)
        if written.sha256 != record.sha256:
            raise _damaged(planned)
    else:
        try:
            if record.kind == "pdf":
                data = strip_pdf(source)
            elif record.kind == "image":
                data, entry.mime = clean_image(source, record.mime)
                path = document_path(planned.number, entry.mime, record.original_name)
            else:
                data = source.read_bytes()
                entry.warnings.append(
                    "This file was copied as it is: its own details (such "
                    "as an author's name) were not removed."
                )
        except CannotClean as error:
            entry.warnings.append(
                f"Left out of the bundle: {error}, so its hidden details could not be removed."
            )
            return
        written = files.write(path, data, sha1=True)
    entry.paths = [written.path]
    entry.size, entry.sha1, entry.sha256 = written.size, written.sha1, written.sha256
    if entry.mime in ("image/heic", "image/heif"):
        entry.remarks.append(
            "An iPhone (HEIC) photo, kept as it was taken: if this computer "
            "cannot open it, see it in REVIEW.PDF."
        )


def copy_instance(
    planned: PlannedRecord,
    item: PlannedInstance,
    source: Path,
    files: BundleFiles,
    deid: Deidentifier | None,
    warnings: list[str],
) -> MediaInstance:
    """Copy (or de-identify and write) one DICOM file; returns what its DICOMDIR record
    needs. Files without the PS3.10 header are rewritten with one, and files in another
    transfer syntax than the general-purpose media's in that one."""
    if deid is None:
        with open(source, "rb") as handle:
            head = handle.read(132)
        if is_part10(head) and copied_as_stored(planned, item):
            first: list[bytes] = []
            written = files.copy(item.path, source, first_chunk=first)
            if written.sha256 != item.sha256:
                raise _damaged(planned)
            return media_instance(read_header(first[0], source), item.file_id)
        data = Path(source).read_bytes()  # no PS3.10 header: rewritten with one
        if hashlib.sha256(data).hexdigest() != item.sha256:
            raise _damaged(planned)
        ds = pydicom.dcmread(io.BytesIO(data), force=True)
        made_up = fill_in_missing_uids(ds)
    else:
        ds = pydicom.dcmread(source, force=True)
        made_up = fill_in_missing_uids(ds)  # before its UIDs are replaced, as the library's
        for warning in deid.dataset(ds, study_id=str(planned.study_number or "")):
            if warning not in warnings:
                warnings.append(warning)
    notes = [for_general_purpose_media(ds), CARRIES_MADE_UP_UIDS if made_up else ""]
    warnings.extend(note for note in notes if note and note not in warnings)
    out = io.BytesIO()  # dcmwrite, as save_as refuses a big endian data set made little endian
    pydicom.dcmwrite(out, ds, enforce_file_format=True)
    files.write(item.path, out.getvalue())
    return media_instance(ds, item.file_id)


def copied_as_stored(planned: PlannedRecord, item: PlannedInstance) -> bool:
    """True when a DICOM file (with the PS3.10 header) can go on the media as it is stored:
    it is in the media's transfer syntax, and names the study and series it is listed under
    (an image that names none carries the ones the library made for it)."""
    study_uid = planned.record.study_instance_uid or ""
    return kept_as_stored(item.transfer_syntax) and not has_made_up_uids(
        study_uid, item.series_uid, item.sop_instance_uid
    )


@dataclass
class StudyFiles:
    """A study's files, ready to be copied as they are: the originals to copy, and every
    file's DICOMDIR facts; files without the PS3.10 header are to be rewritten with one
    (`rewrite`: their index in `media`, which holds None for them until then)."""

    copies: list[PlannedInstance] = field(default_factory=list)
    media: list[MediaInstance | None] = field(default_factory=list)
    rewrite: list[tuple[int, PlannedInstance]] = field(default_factory=list)


def read_study(planned: PlannedRecord, source_of: Callable[[str], Path]) -> StudyFiles:
    """What copying a study as it is takes (the fast path, when not de-identifying),
    without copying: each file's first bytes tell whether it has the PS3.10 header; its
    header is parsed once per series, the rest comes from the catalogue, which read every
    file when it was imported."""
    study = StudyFiles()
    first_of_series: dict[str, MediaInstance] = {}
    for item in planned.instances:
        source = source_of(item.sha256)
        base = (
            first_of_series.get(item.series_uid)
            if record_type(item.sop_class_uid) == "IMAGE"
            else None
        )
        with open(source, "rb") as stored:
            head = stored.read(132)
            chunk = head + stored.read(CHUNK - 132) if base is None and is_part10(head) else b""
        if not is_part10(head) or not copied_as_stored(planned, item):
            study.rewrite.append((len(study.media), item))
            study.media.append(None)
            continue
        study.copies.append(item)
        if base is None:
            found = media_instance(read_header(chunk, source), item.file_id)
            if found.record_type == "IMAGE":
                first_of_series[item.series_uid] = found
            study.media.append(found)
        else:
            study.media.append(
                replace(
                    base,
                    file_id=item.file_id,
                    sop_instance_uid=item.sop_instance_uid,
                    sop_class_uid=item.sop_class_uid or base.sop_class_uid,
                    transfer_syntax_uid=item.transfer_syntax or base.transfer_syntax_uid,
                    instance_number=item.instance_number,
                    record_keys=None,
                )
            )
    return study


def study_facts(
    planned: PlannedRecord, entry: BundleEntry, deid: Deidentifier | None = None
) -> StudyFacts:
    """The study as it will be written (UIDs remapped when de-identifying), known from the
    catalogue before a file is copied, so the review PDF can be made meanwhile."""
    uid = deid.uid if deid is not None else (lambda value: value)
    scrub = deid.clean if deid is not None else (lambda value: value)
    series: dict[str, SeriesFacts] = {}
    for item in planned.instances:
        facts = series.setdefault(
            item.series_uid,
            SeriesFacts(
                uid(item.series_uid),
                item.modality,
                item.series_number,
                scrub(item.series_description),
            ),
        )
        facts.instances.append(
            (uid(item.sop_instance_uid), item.sop_class_uid, item.instance_number, item.path)
        )
    record = planned.record
    modalities = sorted({i.modality for i in planned.instances if i.modality})
    return StudyFacts(
        uid(record.study_instance_uid or ""),
        scrub(str(record.meta.get("study_description") or "")),
        entry.date,
        modalities,
        list(series.values()),
    )


def study_reports(
    planned: PlannedRecord,
    entry: BundleEntry,
    source_of: Callable[[str], Path],
    files: BundleFiles,
    deid: Deidentifier | None,
) -> list[BundleEntry]:
    """The reports a study carries (PDFs inside its DICOM files), each also written as a PDF
    of its own beside the documents, so hospital systems reading the XDM metadata and
    browsers reading the index get them too; cleaned of hidden details when de-identifying.
    A report that cannot be read or cleaned stays inside its study only."""
    reports = []
    for item in planned.instances:
        if not is_document_class(item.sop_class_uid):
            continue
        try:
            data = encapsulated_pdf(pydicom.dcmread(source_of(item.sha256), force=True))
            if data is not None:  # a browser or viewer reads it: held to a PDF's limits
                check_unpacked_pdf(data)
            if data is not None and deid is not None:
                data = strip_pdf(data)
        except (
            UnreadableFile,
            CannotClean,
            OSError,
            ValueError,
            TypeError,
            AttributeError,
            pydicom.errors.InvalidDicomError,
        ):
            continue
        if data is None or len(reports) >= 99:
            continue
        written = files.write(report_path(planned.number, len(reports) + 1), data, sha1=True)
        reports.append(
            replace(
                entry,
                title=f"{entry.title} — report" if entry.title else "Imaging report",
                category="imaging-report",
                category_name="Imaging report",
                kind="pdf",
                mime="application/pdf",
                paths=[written.path],
                size=written.size,
                sha1=written.sha1,
                sha256=written.sha256,
                page_count=0,
                study=None,
                warnings=[],
                remarks=[],
                review_page=None,
                report_page=None,
            )
        )
    return reports
