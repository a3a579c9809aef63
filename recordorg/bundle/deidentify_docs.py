"""De-identifying documents and photos: PDF metadata stripped, photo metadata dropped.

What is written on a page or in a photo stays: the export warns about it.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import NameObject

PHOTO_FORMATS = {
    "image/png": ("PNG", "image/png"),
    "image/gif": ("PNG", "image/png"),
    "image/bmp": ("PNG", "image/png"),
}


class CannotClean(Exception):
    """A file whose hidden details cannot be removed (e.g. a PDF locked by a password)."""


def strip_pdf(source: Path | bytes) -> bytes:
    """The PDF (a file, or its bytes) without its document information, XMP metadata, page
    metadata, the authors of its comments and its file identifier (a new one instead)."""
    try:
        reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)
        if reader.is_encrypted and not reader.decrypt(""):
            raise CannotClean("it is locked by a password")
        writer = PdfWriter(clone_from=reader)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise CannotClean(f"it could not be read as a PDF ({error})") from error
    writer.metadata = None
    root = writer._root_object
    for key in ("/Metadata", "/PieceInfo"):
        if key in root:
            del root[NameObject(key)]
    for page in writer.pages:
        for key in ("/Metadata", "/PieceInfo"):
            if key in page:
                del page[NameObject(key)]
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            for key in ("/T", "/Popup"):
                if key in annotation:
                    del annotation[NameObject(key)]
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    writer._ID = None  # the original's file identifier would link this copy to it
    writer.generate_file_identifiers()
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def clean_image(path: Path, mime: str) -> tuple[bytes, str]:
    """The photo re-saved upright without EXIF, XMP or comments; returns (bytes, mime).

    JPEG, HEIC and other photos become JPEG (quality 92); PNG, GIF and BMP become PNG;
    TIFF pages stay TIFF pages.
    """
    try:
        from pillow_heif import register_heif_opener

        register_heif_opener()
    except ImportError:  # HEIC photos then fail below with a plain reason
        pass
    try:
        image = Image.open(path)
        if mime == "image/tiff":
            return _clean_tiff(image), "image/tiff"
        image = ImageOps.exif_transpose(image)
        image.load()
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise CannotClean(f"the picture could not be read ({error})") from error
    fmt, out_mime = PHOTO_FORMATS.get(mime, ("JPEG", "image/jpeg"))
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    if fmt == "PNG" and image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, fmt, **({"quality": 92} if fmt == "JPEG" else {}))
    return out.getvalue(), out_mime


def _clean_tiff(image: Image.Image) -> bytes:
    pages = []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        page = ImageOps.exif_transpose(image.copy())
        pages.append(page.convert("RGB") if page.mode not in ("RGB", "L", "1") else page)
    out = io.BytesIO()
    pages[0].save(out, "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    return out.getvalue()
