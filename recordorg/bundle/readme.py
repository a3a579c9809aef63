"""README.TXT: who made the bundle, with which application and version, and what is inside."""

from __future__ import annotations

import textwrap

from recordorg.bundle.contents import BundleContents
from recordorg.bundle.names import MANIFEST

WIDTH = 78


def _wrap(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent) or [""]


def readme_text(contents: BundleContents, signer: str = "") -> bytes:
    """The README, plain UTF-8 text with Windows line endings (it opens in any editor);
    `signer` is the fingerprint of the key that signs the manifest."""
    lines = _about(contents) + _how_to_open(contents) + _inside(contents) + _checking(signer) + [""]
    return "\r\n".join(lines).encode("utf-8")


def _about(c: BundleContents) -> list[str]:
    """Whose bundle, who made it with what, the question and the notes."""
    lines = [f"CASE REVIEW BUNDLE: {c.subject}", "=" * min(WIDTH, 20 + len(c.subject)), ""]
    made = c.made_words()
    lines += _wrap(
        (f"Made on {made}" if made else "Made")
        + (f" by {c.made_by}" if c.made_by else "")
        + f" with {c.application} {c.version}, a program a family uses to keep "
        "medical records on its own computer."
    )
    if c.contact:
        lines += ["", *_wrap(f"Contact: {c.contact}")]
    if c.question:
        lines += ["", "Question for the reviewer:", *_wrap(c.question, "  ")]
    for warning in c.warnings:
        lines += ["", *_wrap(f"NOTE: {warning}")]
    return lines


def _how_to_open(c: BundleContents) -> list[str]:
    """Which file to open in a browser, a PDF reader and a DICOM viewer."""
    lines = [
        "",
        "HOW TO OPEN IT",
        "--------------",
        *_wrap(
            "Open INDEX.HTM in any web browser: the case summary, the timeline, the "
            "tables of biomarkers and treatment, the checklist and every record with "
            "a link to its file. Nothing needs to be installed and the page makes no "
            "connection to the internet."
        ),
    ]
    if c.has_review_pdf:
        lines += [""] + _wrap(
            "REVIEW.PDF holds the same summary followed by every document, "
            "with bookmarks, for reading or printing in one go."
        )
    if any(e.study is not None for e in c.entries):
        lines += [""] + _wrap(
            "The imaging studies are in DICOM/ with a DICOMDIR index at the "
            "top: open the DICOMDIR (or the folder) with any DICOM viewer. The files keep "
            "to DICOM's general-purpose CD profile (STD-GEN-CD: every name 8.3, images "
            "uncompressed), so the folder can be burned on a CD or DVD as it is."
        )
    return lines


def _inside(c: BundleContents) -> list[str]:
    """The bundle's own files, then every record with where its file is."""
    lines = ["", "WHAT IS INSIDE", "--------------"]
    for name, what in c.fixed_files():
        lines += _wrap(f"{name}: {what}", "  ")
    lines += _wrap(
        "IHE_XDM/SUBSET01/: the documents and photos under short names"
        + (", and the reports the imaging studies carry (R*.PDF)" if c.reports else ""),
        "  ",
    )
    if any(e.study is not None for e in c.entries):
        lines += _wrap("DICOM/: the imaging studies", "  ")
    lines += ["", f"Records ({len(c.entries)}; {c.dates}):"]
    for e in c.entries:
        where = (
            e.main_path
            if e.study is None
            else (f"{e.study.held()} under " + "/".join(e.main_path.split("/")[:2]))
        )
        lines += textwrap.wrap(
            f"{e.number:>3}. {e.date or 'no date'}  {e.category_name}: {e.title} [{where}]",
            WIDTH,
            initial_indent="  ",
            subsequent_indent=" " * 18,
        )
    for note in c.dicomdir_notes:
        lines += _wrap(f"Note on the DICOMDIR: {note}", "  ")
    return lines


def _checking(signer: str) -> list[str]:
    """How to check the files against the manifest, and who signed it."""
    lines = [
        "",
        "CHECKING IT",
        "-----------",
        *_wrap(
            f"{MANIFEST} lists the size and SHA-256 checksum of every other file. "
            "`recordorg verify <this folder or zip>` checks them all and names any "
            "file that is changed, missing or extra."
        ),
    ]
    if signer:
        lines += [
            "",
            *_wrap(
                "MANIFEST.SIG signs the manifest with the key of the recordorg library "
                "that made this bundle. The key's fingerprint is:"
            ),
            "",
            f"    {signer}",
            "",
            *_wrap(
                "Ask the sender for the fingerprint another way (by phone, in a letter) and "
                "run `recordorg verify --expect FINGERPRINT <this folder or zip>`: it fails if "
                "anything was changed, or if another key signed it. The signature proves the "
                "bundle is the one that library made, unchanged; not who the sender is, "
                "nor that the records are right."
            ),
        ]
    return lines
