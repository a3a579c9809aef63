"""Read a PDF: text per page, dates, title and a first-page thumbnail (pypdfium2)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from recordorg.formats.calendar_day import plausible_day
from recordorg.formats.extracted import Extracted, FoundDate, PageText, UnreadableFile
from recordorg.formats.pdf_budget import check_unpacked_sizes

THUMBNAIL_SIZE = 256
EOF_WINDOW = 1024  # PDF readers look for %%EOF within the last 1024 bytes
LOCKED_WARNING = "The text of this PDF is locked by a password; give the password to read it."
WRONG_PASSWORD_WARNING = "The password given does not open this PDF."
DAMAGED = "This PDF is damaged and cannot be read."

_PDF_DATE = re.compile(r"^\s*(?:D:)?(\d{4})(\d{2})(\d{2})")


def parse_pdf_date(value: str) -> str | None:
    """Turn a PDF date ("D:20230405101500+01'00'") into "2023-04-05"; None if it is nonsense."""
    match = _PDF_DATE.match(value or "")
    if match is None:
        return None
    year, month, day = (int(part) for part in match.groups())
    return plausible_day(year, month, day)


def ends_properly(tail: bytes) -> bool:
    """True if a PDF's last bytes (EOF_WINDOW of them suffice) hold its end-of-file mark: a
    file without it was cut short."""
    return b"%%EOF" in tail[-EOF_WINDOW:]


def _check_ends_properly(path: Path) -> None:
    with path.open("rb") as f:
        size = f.seek(0, io.SEEK_END)
        f.seek(max(0, size - EOF_WINDOW))
        tail = f.read()
    if not ends_properly(tail):
        raise UnreadableFile("This PDF is damaged and cannot be read (it ends too early).")


def _open(path: Path, password: str | None) -> pdfium.PdfDocument:
    """Open with PDFium; raises PdfiumError (password problems) or UnreadableFile."""
    stream = path.open("rb")
    try:
        return pdfium.PdfDocument(stream, password=password, autoclose=True)
    except pdfium.PdfiumError as exc:
        stream.close()
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise UnreadableFile("This PDF is protected in a way this app cannot open.") from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SUCCESS:
            raise UnreadableFile("This PDF has no pages.") from exc
        raise UnreadableFile(DAMAGED) from exc
    except BaseException:
        stream.close()
        raise


def _page_count_without_password(path: Path) -> int:
    """Count pages of a locked PDF: the page tree itself is not encrypted, so pypdf can read
    it when told to skip decryption. Returns 0 if that does not work."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(path, strict=False)
        reader._override_encryption = True  # pypdf has no public switch for this
        count = reader.trailer["/Root"]["/Pages"]["/Count"]
        return int(count) if int(count) >= 0 else 0
    except Exception:  # any failure just means "not knowable"
        return 0


def _locked(path: Path, password: str | None) -> Extracted:
    warnings = [LOCKED_WARNING]
    if password:
        warnings.insert(0, WRONG_PASSWORD_WARNING)
    return Extracted(
        kind="pdf",
        mime="application/pdf",
        page_count=_page_count_without_password(path),
        warnings=warnings,
        locked=True,
        meta={"encrypted": True, "password_rejected": bool(password)},
    )


def _thumbnail(doc: pdfium.PdfDocument) -> bytes | None:
    page = doc[0]
    try:
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            return None
        scale = THUMBNAIL_SIZE / max(width, height)
        image = page.render(scale=scale).to_pil()
    finally:
        page.close()
    if max(image.size) > THUMBNAIL_SIZE:  # rounding up can add a pixel
        image.thumbnail((THUMBNAIL_SIZE, THUMBNAIL_SIZE))
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG")
    return out.getvalue()


def _page_text(doc: pdfium.PdfDocument, index: int) -> str:
    page = doc[index]
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_range()
        finally:
            textpage.close()
    finally:
        page.close()
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_pdf(path: Path, password: str | None = None) -> Extracted:
    """Read a PDF's text, dates, title and thumbnail; a locked PDF comes back with locked=True."""
    path = Path(path)
    _check_ends_properly(path)
    check_unpacked_sizes(path)
    try:
        doc = _open(path, password)
    except pdfium.PdfiumError:
        return _locked(path, password)
    result = Extracted(kind="pdf", mime="application/pdf")
    try:
        result.page_count = len(doc)
        result.meta["encrypted"] = pdfium_c.FPDF_GetSecurityHandlerRevision(doc) != -1
        result.meta["pdf_version"] = doc.get_version()
        metadata = doc.get_metadata_dict(skip_empty=True)
        result.title = metadata.get("Title", "").strip()
        for key, detail in (("CreationDate", "created"), ("ModDate", "modified")):
            iso = parse_pdf_date(metadata.get(key, ""))
            if iso is not None:
                result.dates.append(FoundDate(iso, "pdf-metadata", detail=detail))
        damaged = 0
        for index in range(result.page_count):
            try:
                text = _page_text(doc, index)
            except pdfium.PdfiumError:
                result.warnings.append(f"Page {index + 1} is damaged; its text could not be read.")
                damaged += 1
                text = ""
            source = "text-layer" if text.strip() else "none"
            result.pages.append(PageText(index + 1, text if text.strip() else "", source))
        if damaged == result.page_count:
            raise UnreadableFile(f"{DAMAGED[:-1]} (none of its pages can be opened).")
        try:
            result.thumbnail_png = _thumbnail(doc)
        except pdfium.PdfiumError:
            result.warnings.append("The first page could not be drawn as a small picture.")
    finally:
        doc.close()
    return result


def pdf_is_encrypted(path: Path) -> bool:
    """True if the PDF uses encryption at all (with or without a password to open it)."""
    path = Path(path)
    try:
        doc = _open(path, None)
    except pdfium.PdfiumError:
        return True
    try:
        return pdfium_c.FPDF_GetSecurityHandlerRevision(doc) != -1
    finally:
        doc.close()
