"""Putting a record's files into the bundle: copied as they are, or de-identified first."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pydicom

from recordorg.bundle.contents import BundleEntry, SeriesFacts, StudyFacts
from recordorg.bundle.deidentify import Deidentifier
from recordorg.bundle.deidentify_docs import CannotClean, clean_image, strip_pdf
from recordorg.bundle.dicom_media import MediaInstance, is_part10, media_instance, read_header
from recordorg.bundle.files import BundleFiles
from recordorg.bundle.names import document_path
from recordorg.bundle.plan import BundleOptions, PlannedInstance, PlannedRecord
from recordorg.core.errors import UserError


def new_entry(planned: PlannedRecord, options: BundleOptions,
              scrub: Callable[[str], str]) -> BundleEntry:
    record = planned.record
    return BundleEntry(
        number=planned.number, title=scrub(record.title), category=record.category,
        category_name=record.category_name, kind=record.kind,
        date=options.bundle_date(record.clinical_date), notes=scrub(record.notes),
        tags=[scrub(t) for t in record.tags], mime=record.mime, page_count=record.page_count,
        source_id=record.id,
    )


def _damaged(planned: PlannedRecord) -> UserError:
    return UserError(f"A stored file of record {planned.record.id} ({planned.record.title}) "
                     "has changed or is damaged in the library. Run `recordorg check`.")


def copy_document(planned: PlannedRecord, entry: BundleEntry, source: Path,
                  files: BundleFiles, deid: Deidentifier | None) -> None:
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
                entry.warnings.append("This file was copied as it is: its own details (such "
                                      "as an author's name) were not removed.")
        except CannotClean as error:
            entry.warnings.append(f"Left out of the bundle: {error}, so its hidden details "
                                  "could not be removed.")
            return
        written = files.write(path, data, sha1=True)
    entry.paths = [written.path]
    entry.size, entry.sha1, entry.sha256 = written.size, written.sha1, written.sha256
    if entry.mime in ("image/heic", "image/heif"):
        entry.remarks.append("An iPhone (HEIC) photo, kept as it was taken: if this computer "
                              "cannot open it, see it in REVIEW.PDF.")


def copy_instance(planned: PlannedRecord, item: PlannedInstance, source: Path,
                  files: BundleFiles, deid: Deidentifier | None,
                  warnings: list[str]) -> MediaInstance:
    """Copy (or de-identify and write) one DICOM file; returns what its DICOMDIR record
    needs. Files without the PS3.10 header are rewritten with one."""
    if deid is None:
        first: list[bytes] = []
        written = files.copy(item.path, source, first_chunk=first)
        if written.sha256 != item.sha256:
            raise _damaged(planned)
        head = first[0] if first else b""
        if is_part10(head):
            return media_instance(read_header(head, source), item.file_id)
        files.path_of(item.path).unlink()
        del files.files[item.path]
        ds = pydicom.dcmread(source, force=True)
    else:
        ds = pydicom.dcmread(source, force=True)
        for warning in deid.dataset(ds, study_id=str(planned.study_number or "")):
            if warning not in warnings:
                warnings.append(warning)
    out = io.BytesIO()
    ds.save_as(out, enforce_file_format=True)
    files.write(item.path, out.getvalue())
    return media_instance(ds, item.file_id)


def study_facts(entry: BundleEntry, instances: list[MediaInstance]) -> StudyFacts:
    """The study as written (UIDs after remapping), for the index, review and FHIR."""
    first = instances[0]
    series: dict[str, SeriesFacts] = {}
    for inst in instances:
        facts = series.setdefault(inst.series_uid, SeriesFacts(
            inst.series_uid, inst.modality, inst.series_number, inst.series_description))
        facts.instances.append((inst.sop_instance_uid, inst.sop_class_uid,
                                inst.instance_number, "/".join(inst.file_id)))
    modalities = sorted({i.modality for i in instances if i.modality})
    return StudyFacts(first.study_uid, first.study_description, entry.date, modalities,
                      list(series.values()))
