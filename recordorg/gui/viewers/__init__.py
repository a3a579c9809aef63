"""Viewers for each kind of record, opened in a tab of the main window."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QWidget

from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.records import Record
from recordorg.core.catalogue.studies import StudyDocument
from recordorg.formats.ccda import CDA_MIME
from recordorg.formats.fhir_read import FHIR_MIME
from recordorg.gui.viewers.base import RecordViewer


def make_viewer(
    library: Library,
    conn: sqlite3.Connection,
    record: Record,
    *,
    page: int | None = None,
    find: str = "",
    parent: QWidget | None = None,
) -> RecordViewer:
    """The right viewer for a record: PDF, image, imaging study, or a plain file page."""
    from recordorg.gui.viewers.other_viewer import OtherViewer

    if record.kind == "dicom":
        from recordorg.core.catalogue.studies import study_documents, study_series
        from recordorg.gui.viewers.dicom_viewer import DicomViewer

        documents = [_titled(library, d) for d in study_documents(conn, record.id)]
        viewer = DicomViewer(
            record,
            study_series(conn, record.id),
            library.original_path,
            parent,
            documents=documents,
            document_file=lambda doc: _document_file(library, doc.file_key),
        )
        if page and viewer.documents:  # found in the text of a report the study carries
            viewer.show_document(0, find=find)
        return viewer
    path = library.original_path(record.sha256) if record.sha256 else None
    if path is None or not path.exists():
        return OtherViewer(
            record,
            "The stored file of this record is missing. Run a library check to find out more.",
            parent,
        )
    if record.kind == "pdf":
        from recordorg.gui.viewers.pdf_viewer import PdfViewer

        return PdfViewer(record, path, page=page, find=find, parent=parent)
    if record.mime in (CDA_MIME, FHIR_MIME):  # clinical data, shown as the PDF drawn from it
        from recordorg.gui.viewers.pdf_viewer import PdfViewer

        readable = _readable_file(library, record.sha256, record.mime)
        return PdfViewer(record, readable, find=find, parent=parent)
    if record.kind == "image":
        from recordorg.gui.viewers.image_viewer import ImageViewer

        return ImageViewer(record, path, parent)
    return OtherViewer(record, "", parent)


def _document_file(library: Library, sha256: str) -> Path:
    """The PDF inside a stored DICOM file, written once into the library's cache."""
    from recordorg.formats.dicom_document import write_document

    target = library.document_path(sha256)
    if not target.exists():
        write_document(library.original_path(sha256), target)
    return target


def _readable_file(library: Library, sha256: str, mime: str = CDA_MIME) -> Path:
    """A clinical document or FHIR health record drawn as a PDF, kept in the library's cache."""
    from recordorg.formats.ccda_read import write_readable_pdf
    from recordorg.formats.fhir import write_fhir_pdf

    target = library.document_path(sha256)
    if not target.exists():
        draw = write_fhir_pdf if mime == FHIR_MIME else write_readable_pdf
        draw(library.original_path(sha256), target)
    return target


def _titled(library: Library, document: StudyDocument) -> StudyDocument:
    """The document named by its own title ("CT REPORT") when it gives one."""
    from recordorg.formats.dicom_document import document_title

    title = document_title(library.original_path(document.file_key))
    return replace(document, label=title) if title else document
