"""What a file's name claims against what its content is, and the words for other files."""

from __future__ import annotations

from pathlib import PurePath

from recordorg.formats.ccda import CDA_MIME
from recordorg.formats.fhir_read import FHIR_MIME

# The format each name ending claims, as (the kinds sniffing may find, the format's words).
_CLAIMS: dict[str, tuple[frozenset[str], str]] = {
    ".pdf": (frozenset({"pdf"}), "a PDF"),
    ".dcm": (frozenset({"dicom", "dicomdir"}), "a DICOM file"),
    ".dicom": (frozenset({"dicom", "dicomdir"}), "a DICOM file"),
    **{
        ending: (frozenset({"image"}), "a picture")
        for ending in (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif", ".gif", ".bmp")
    },
}

# Files kept as they are ("other"): a short badge and the words that say what they are.
_OTHER_WORDS: dict[str, tuple[str, str]] = {
    "text/plain": ("Text", "Text file"),
    CDA_MIME: ("Document", "Clinical document"),
    FHIR_MIME: ("Health data", "Health record data"),
    "text/html": ("Web", "Web page"),
    "application/xml": ("XML", "XML file"),
    "application/rtf": ("RTF", "RTF document"),
    "application/zip": ("ZIP", "Zip archive"),
    "application/gzip": ("Archive", "Compressed file"),
    "application/x-7z-compressed": ("Archive", "Compressed archive"),
    "application/vnd.rar": ("Archive", "Compressed archive"),
    "application/x-ole-storage": ("Office", "Old Office document"),
    "video/mp4": ("Video", "Video"),
    "video/quicktime": ("Video", "Video"),
}
_OFFICE = {
    "wordprocessingml": ("Word", "Word document"),
    "spreadsheetml": ("Excel", "Excel spreadsheet"),
    "presentationml": ("Slides", "PowerPoint slides"),
}
_KIND_WORDS = {
    "pdf": "a PDF",
    "image": "a picture",
    "dicom": "a DICOM file",
    "dicomdir": "a DICOM media index",
    "cda": "a clinical document",
    "fhir": "health record data",
    "software": "a program",
}


def other_file_words(mime: str) -> tuple[str, str]:
    """The badge and the description of a file kept as it is, from its content's MIME type
    (never from its name): ("Text", "Text file"), ("File", "File") when unknown."""
    if mime in _OTHER_WORDS:
        return _OTHER_WORDS[mime]
    for part, words in _OFFICE.items():
        if part in mime:
            return words
    return ("File", "File")


def name_claim_note(name: str, kind: str, mime: str) -> str:
    """A note when the file's name claims a format its content is not, else ""."""
    ending = PurePath(name).suffix.casefold()
    claim = _CLAIMS.get(ending)
    if claim is None or kind in claim[0]:
        return ""
    kinds, words = claim
    if kind == "other":
        what = other_file_words(mime)[1].lower()
        found = f"it is a {what}" if what != "file" else "its content is of no known kind"
    else:
        found = f"it is {_KIND_WORDS.get(kind, kind)}"
    return f"Named {ending} but it is not {words}: {found}; kept as it is."
