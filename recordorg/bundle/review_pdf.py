"""REVIEW.PDF: the case summary, then every record of the bundle, in one PDF with bookmarks
by category and by document and a stamp "Record N, page x of y" on every page.

PDFs go in as they are; photos become pages; each imaging study becomes a page of key images
with its details; what cannot be shown (a password-protected PDF, a spreadsheet) gets a page
saying where the file is. Source PDFs beyond a size budget also get such a page, which keeps
the memory an export needs bounded (pypdf holds a merged document in memory).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import BinaryIO

from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

from recordorg.bundle import review_pages
from recordorg.bundle.contents import BundleContents, BundleEntry
from recordorg.bundle.files import BundleFiles, WrittenFile
from recordorg.bundle.names import REVIEW
from recordorg.bundle.review_layout import fits_core_font
from recordorg.bundle.review_stamp import stamp_font, stamp_page
from recordorg.core.progress import CancelToken
from recordorg.formats.ccda import CDA_MIME
from recordorg.formats.dicom_document import is_document_class
from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.fhir_read import FHIR_MIME

log = logging.getLogger(__name__)
MAX_INCLUDED_PDF_BYTES = 150 * 1024 * 1024  # source PDFs copied into REVIEW.PDF, in all
MAX_PICTURE_SIDE = 1800  # pixels: enough for a letter read on screen or printed
MAX_PHOTO_PAGES = 40  # pages of one multi-page TIFF
KEY_IMAGES = 6  # series shown on a study's page
UNSHOWN = "The images of this series could not be drawn here; open them with a DICOM viewer."


@dataclass
class Part:
    """The pages of one record: a PDF from the bundle, or a range of the pages drawn here
    (all drawn pages share one document, so its font is loaded and embedded once)."""

    entry: BundleEntry
    reader: PdfReader | None = None
    drawn: tuple[int, int] = (0, 0)  # [first, last) page indexes in the drawn document
    pages: int = 0

    def __post_init__(self) -> None:
        # counted once: pypdf counts a reader's pages anew on every len()
        self.pages = (
            len(self.reader.pages) if self.reader is not None else self.drawn[1] - self.drawn[0]
        )


LOCKED = "This document is protected by a password, so it is not copied here."
CANNOT_UNLOCK = "This document is locked in a way this app cannot open, so it is not copied here."


def _pdf_reader(path: Path | BinaryIO) -> PdfReader | str:
    """The PDF to copy into the review, or why it cannot be: a document locked with an
    empty password (common from portals and insurers) is opened; one whose first page
    cannot be decrypted here is represented by a page instead."""
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            return LOCKED
        if len(reader.pages) == 0:
            return "This PDF has no pages."
        if reader.is_encrypted:
            reader.pages[0].get_contents()  # decrypts a stream: fails now, not while merging
        return reader
    except (DependencyError, FileNotDecryptedError, NotImplementedError):
        return CANNOT_UNLOCK
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        log.info("a PDF could not be read for the review: %s", type(error).__name__)
        return "This PDF could not be read, so it is not copied here."


def _pictures(path: Path | BinaryIO) -> Iterator[Image.Image]:
    try:
        from pillow_heif import register_heif_opener

        register_heif_opener()
    except ImportError:
        pass
    with Image.open(path) as image:
        for index in range(min(getattr(image, "n_frames", 1), MAX_PHOTO_PAGES)):
            image.seek(index)
            frame = ImageOps.exif_transpose(image.copy())
            frame.thumbnail((MAX_PICTURE_SIDE, MAX_PICTURE_SIDE))
            yield frame.convert("RGB") if frame.mode not in ("RGB", "L") else frame


def _key_image(path: Path | BinaryIO) -> Image.Image:
    from recordorg.formats.dicom_frames import preview_dataset
    from recordorg.formats.dicom_pixels import default_window, load_frame, to_display

    ds = preview_dataset(path)
    array = load_frame(ds, 0)
    if array.ndim == 2:
        center, width = default_window(ds, array)
        array = to_display(array, center, width, str(ds.get("PhotometricInterpretation", "")))
    image = Image.fromarray(array)
    image.thumbnail((512, 512))
    return image


def _study_images(
    entry: BundleEntry, files: BundleFiles, sources: dict[str, Path]
) -> list[tuple[str, Image.Image | None, str]]:
    shown = []
    for series in (entry.study.series if entry.study else [])[:KEY_IMAGES]:
        label = (
            f"Series {series.number if series.number is not None else '?'}: "
            f"{series.description or series.modality}"
        )
        middle = (
            series.instances[len(series.instances) // 2 :]
            + series.instances[: len(series.instances) // 2]
        )
        if all(is_document_class(cls) for _uid, cls, _n, _p in series.instances):
            shown.append((label, None, "A report (PDF): its pages follow this page."))
            continue
        paths = [sources.get(path) or files.readable(path) for _u, _c, _n, path in middle[:3]]
        shown.append((label, *_first_image(paths)))
    return shown


def _first_image(paths: list[Path | BinaryIO]) -> tuple[Image.Image | None, str]:
    """The first of these DICOM files that can be drawn, and a note on any that could not
    (the note stands alone when none can)."""
    problem = ""
    for path in paths:
        try:
            image = _key_image(path)
        except Exception as error:  # damaged or not an image: say so on the page
            problem = str(error) if type(error).__name__ == "UnreadableFile" else UNSHOWN
            continue
        if problem:
            problem = f"Another image of this series cannot be shown: {problem}"
        return image, problem
    return None, problem or "No picture in this series (it holds data, not images)."


def _entry_pages(
    pdf: review_pages.Pages,
    entry: BundleEntry,
    files: BundleFiles,
    budget: list[int],
    sources: dict[str, Path],
    reports: list[BundleEntry],
) -> list[Part]:
    path = files.readable(entry.main_path) if entry.paths and entry.study is None else None
    where = f"Open it from the bundle: {entry.main_path}." if entry.paths else ""
    first = pdf.page_no()
    if entry.study is not None:
        review_pages.study_page(pdf, entry, _study_images(entry, files, sources))
        drawn = Part(entry, drawn=(first, pdf.page_no()))
        return [drawn, *_study_reports(entry, reports, files, budget)]
    if path is None:
        review_pages.notice_page(pdf, entry, _why_no_file(entry))
    elif entry.kind == "pdf" or entry.mime == "application/pdf":
        if entry.size > budget[0]:
            review_pages.notice_page(
                pdf, entry, f"This document is too large to copy into this PDF as well. {where}"
            )
        else:
            found = _pdf_reader(path)
            if isinstance(found, PdfReader):
                budget[0] -= entry.size
                return [Part(entry, found)]
            review_pages.notice_page(pdf, entry, f"{found} {where}")
    elif entry.kind == "image":
        try:
            review_pages.image_pages(pdf, entry, list(_pictures(path)))
        except (OSError, ValueError, Image.DecompressionBombError):
            review_pages.notice_page(pdf, entry, f"This picture could not be read. {where}")
    elif entry.mime in (CDA_MIME, FHIR_MIME):
        found = _clinical_document(path, entry.mime)
        if isinstance(found, PdfReader):
            return [Part(entry, found)]
        review_pages.notice_page(pdf, entry, f"{found} {where}")
    else:
        review_pages.notice_page(
            pdf,
            entry,
            f"This file ({entry.mime or 'unknown kind'}) cannot be shown in a PDF. {where}",
        )
    return [Part(entry, drawn=(first, pdf.page_no()))]


def _clinical_document(path, mime: str = CDA_MIME) -> PdfReader | str:
    """A clinical document (C-CDA) drawn from its narrative, or a FHIR health record drawn
    from its resources, as pages of the review."""
    from io import BytesIO

    from recordorg.formats.ccda_read import clinical_document_pdf
    from recordorg.formats.fhir import fhir_review_pdf

    draw = fhir_review_pdf if mime == FHIR_MIME else clinical_document_pdf
    try:
        return _pdf_reader(BytesIO(draw(path)))
    except UnreadableFile as error:
        return str(error)


def _why_no_file(entry: BundleEntry) -> str:
    """What a record without a file in the bundle says: why its file was left out (a locked
    PDF in a de-identified bundle, say) and where the original is."""
    left_out = [w for w in entry.warnings if w.startswith("Left out of the bundle")]
    if not left_out:
        return "This record holds no file."
    return f"{left_out[0]} The original file stays in the library this bundle was made from."


def _study_reports(
    entry: BundleEntry, reports: list[BundleEntry], files: BundleFiles, budget: list[int]
) -> list[Part]:
    """The reports a study carries, read from the PDFs of their own the export wrote beside
    the documents (cleaned there when de-identifying)."""
    parts = []
    for report in reports:
        if report.size > budget[0]:
            continue
        found = _pdf_reader(files.readable(report.main_path))
        if isinstance(found, PdfReader):
            budget[0] -= report.size
            parts.append(Part(entry, found))
    return parts


class ReviewStopped(Exception):
    """The export was stopped while the review PDF was being made."""


def write_review(
    contents: BundleContents,
    files: BundleFiles,
    sources: dict[str, Path] | None = None,
    cancel: CancelToken | None = None,
) -> WrittenFile:
    """Write REVIEW.PDF into the bundle and return it, hashed. `sources` maps a DICOM
    file's bundle path to a copy to read its pixels from (it may not be copied yet)."""
    budget = [MAX_INCLUDED_PDF_BYTES]
    pdf = review_pages.Pages(
        f"Case review: {contents.subject}", unicode=not fits_core_font(_texts(contents))
    )
    parts = []
    for entry in contents.entries:
        if cancel is not None and cancel.cancelled:
            raise ReviewStopped()
        parts += _entry_pages(
            pdf, entry, files, budget, sources or {}, contents.reports_of(entry.number)
        )
    sections: dict[str, int] = {}
    first_pages: dict[int, int] = {}
    drawn_records = pdf.page_no()
    review_pages.front_matter(
        pdf, contents, list(_pages_by_record(parts).items()), sections, first_pages
    )
    drawn = PdfReader(io.BytesIO(pdf.output_bytes()))
    front_count = pdf.page_no() - drawn_records
    writer = PdfWriter()
    writer.append(drawn, pages=list(range(drawn_records, pdf.page_no())), import_outline=False)
    for part in parts:
        if part.reader is not None:
            writer.append(part.reader, import_outline=False)
        elif part.pages:
            writer.append(drawn, pages=list(range(*part.drawn)), import_outline=False)
    _stamp_all(writer, contents, front_count, parts)
    page = front_count + 1
    for part in parts:  # where each record (and a study's report) starts, for the index
        part.entry.review_page = part.entry.review_page or page
        if part.reader is not None and part.entry.study is not None:
            part.entry.report_page = part.entry.report_page or page
        page += part.pages
    _bookmarks(writer, contents, sections, first_pages)
    writer.add_metadata(
        {
            "/Title": f"Case review: {contents.subject}",
            "/Creator": f"{contents.application} {contents.version}",
        }
    )
    writer.page_mode = "/UseOutlines"
    with files.create(REVIEW, sha1=True) as out:
        writer.write(out)
    return files.files[REVIEW]


def _texts(value: object) -> Iterator[str]:
    """Every text in the bundle's contents (what the review PDF may draw)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple, set)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            yield from _texts(getattr(value, item.name))


def _pages_by_record(parts: list[Part]) -> dict[int, int]:
    """Each record's number and how many pages it has in REVIEW.PDF, in order."""
    pages: dict[int, int] = {}
    for part in parts:
        pages[part.entry.number] = pages.get(part.entry.number, 0) + part.pages
    return pages


def _stamp_all(
    writer: PdfWriter, contents: BundleContents, front_count: int, parts: list[Part]
) -> None:
    font = stamp_font(writer)
    pages = writer.pages
    for n in range(front_count):
        stamp_page(
            writer,
            pages[n],
            f"Case review of {contents.subject}, page {n + 1} of {len(pages)}",
            font,
        )
    totals = _pages_by_record(parts)
    index, number, page = front_count, None, 0
    for part in parts:
        if part.entry.number != number:
            number, page = part.entry.number, 0
        for _ in range(part.pages):
            page += 1
            stamp_page(
                writer, pages[index], f"Record {number}, page {page} of {totals[number]}", font
            )
            index += 1


def _bookmarks(
    writer: PdfWriter,
    contents: BundleContents,
    sections: dict[str, int],
    first_pages: dict[int, int],
) -> None:
    top = writer.add_outline_item(title="Case review", page_number=0)
    for title, page in sections.items():
        writer.add_outline_item(title=title, page_number=page - 1, parent=top)
    by_category = writer.add_outline_item(
        title="Records by category", page_number=first_pages.get(1, 1) - 1
    )
    for category, entries in contents.by_category():
        node = writer.add_outline_item(
            title=category,
            page_number=first_pages[entries[0].number] - 1,
            parent=by_category,
            is_open=False,
        )
        for entry in entries:
            writer.add_outline_item(
                title=_label(entry), page_number=first_pages[entry.number] - 1, parent=node
            )
    in_order = writer.add_outline_item(
        title="Records in order", page_number=first_pages.get(1, 1) - 1, is_open=False
    )
    for entry in contents.entries:
        writer.add_outline_item(
            title=_label(entry), page_number=first_pages[entry.number] - 1, parent=in_order
        )


def _label(entry: BundleEntry) -> str:
    when = f" ({entry.date})" if entry.date else ""
    return f"{entry.number}. {entry.title or 'Untitled'}{when}"[:200]
