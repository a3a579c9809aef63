"""File names inside a bundle: upper-case 8.3 names for documents, PS3.10 file IDs for DICOM."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

# The fixed names at the root of every bundle (IHE XDM and PDI portable-media conventions).
# Every name on the media is 8.3 (ISO 9660 level 1, the file system of DICOM CDs), so the
# JSON files end in .JSN: a disc would cut .JSON to .JSO.
INDEX = "INDEX.HTM"
README = "README.TXT"
DICOMDIR = "DICOMDIR"
REVIEW = "REVIEW.PDF"
FHIR = "FHIR.JSN"
MANIFEST = "MANIFEST.JSN"
CASE = "CASE.JSN"  # the case review as data, which an import of the bundle brings back
SIGNATURE = "MANIFEST.SIG"  # the manifest signed with the key of the library that made it
XDM_FOLDER = "IHE_XDM/SUBSET01"
XDM_METADATA = f"{XDM_FOLDER}/METADATA.XML"
DICOM_FOLDER = "DICOM"
# The names bundles made before every name was 8.3 used; such bundles still open.
OLD_FHIR = "FHIR.JSON"
OLD_MANIFEST = "MANIFEST.JSON"
MANIFEST_NAMES = (MANIFEST, OLD_MANIFEST)
BUNDLE_OWN_FILES = (
    INDEX,
    README,
    DICOMDIR,
    REVIEW,
    FHIR,
    MANIFEST,
    CASE,
    XDM_METADATA,
    OLD_FHIR,
    OLD_MANIFEST,
    SIGNATURE,
)

MIME_EXTENSIONS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPG",
    "image/png": "PNG",
    "image/tiff": "TIF",
    "image/gif": "GIF",
    "image/bmp": "BMP",
    "image/webp": "WEB",
    "image/heic": "HEI",
    "image/heif": "HEI",
    "text/plain": "TXT",
    "application/xml": "XML",
    "text/xml": "XML",
    "application/dicom": "DCM",
}
_FILE_ID_PART = re.compile(r"[A-Z0-9_]{1,8}")
_8_3 = re.compile(r"[A-Z0-9_]{1,8}(\.[A-Z0-9_]{1,3})?")
MAX_FILE_ID_DEPTH = 8


def manifest_name(names: Iterable[str]) -> str | None:
    """Which of a bundle's file names is its manifest (today's 8.3 name or the old one)."""
    present = set(names)
    return next((name for name in MANIFEST_NAMES if name in present), None)


def own_file_words(name: str) -> str:
    """Why a file of a bundle itself (named as at its root, or its XDM metadata) is not
    imported as a record."""
    if name == SIGNATURE:
        return "The bundle's signature (it vouches for the bundle's manifest), not a record."
    return "Part of a case-review bundle (its index or metadata), not a record."


def is_8_3(name: str) -> bool:
    """True for an ISO 9660 level 1 file name: 1-8 characters, then at most a dot and 1-3
    (A-Z, 0-9 and _ only)."""
    return bool(_8_3.fullmatch(name))


def extension_for(mime: str, original_name: str = "") -> str:
    """A three-letter upper-case extension: from the MIME type, else the file's own name."""
    if mime in MIME_EXTENSIONS:
        return MIME_EXTENSIONS[mime]
    suffix = re.sub(r"[^A-Za-z0-9]", "", PurePosixPath(original_name).suffix).upper()
    return suffix[:3] or "BIN"


def document_name(number: int, mime: str, original_name: str = "") -> str:
    """The 8.3 name of record `number`'s document, e.g. DOC00012.PDF."""
    if not 0 < number <= 99_999:
        raise ValueError(f"a bundle holds at most 99,999 documents, not {number}")
    return f"DOC{number:05d}.{extension_for(mime, original_name)}"


def document_path(number: int, mime: str, original_name: str = "") -> str:
    """Where record `number`'s document lives in the bundle (under IHE_XDM/SUBSET01)."""
    return f"{XDM_FOLDER}/{document_name(number, mime, original_name)}"


def report_path(number: int, nth: int) -> str:
    """Where the `nth` report carried inside study `number` lives as a PDF of its own, e.g.
    IHE_XDM/SUBSET01/R0001201.PDF (8.3 like every document)."""
    if not 0 < number <= 99_999 or not 0 < nth <= 99:
        raise ValueError(f"no report name for study {number}, report {nth}")
    return f"{XDM_FOLDER}/R{number:05d}{nth:02d}.PDF"


def is_file_id_part(part: str) -> bool:
    """True for a valid PS3.10 file ID component: 1-8 characters of A-Z, 0-9 and _."""
    return bool(_FILE_ID_PART.fullmatch(part))


def dicom_file_id(study: int, series: int, image: int) -> list[str]:
    """The file ID of one DICOM file: DICOM/STnnnnnn/SEnnnnnn/IMnnnnnn (no extension)."""
    for value in (study, series, image):
        if not 0 < value <= 999_999:
            raise ValueError(f"DICOM file numbers run from 1 to 999,999, not {value}")
    parts = [DICOM_FOLDER, f"ST{study:06d}", f"SE{series:06d}", f"IM{image:06d}"]
    assert all(is_file_id_part(p) for p in parts)
    return parts


def file_id_path(parts: list[str]) -> str:
    """A file ID as a relative path with forward slashes."""
    if not parts or len(parts) > MAX_FILE_ID_DEPTH or not all(map(is_file_id_part, parts)):
        raise ValueError(f"not a valid DICOM file ID: {parts!r}")
    return "/".join(parts)


def file_set_id(text: str) -> str:
    """A File-set ID (CS, at most 16 characters of A-Z, 0-9, space and _)."""
    cleaned = re.sub(r"[^A-Z0-9_ ]", "_", text.upper()).strip()
    return cleaned[:16] or "RECORDORG"
