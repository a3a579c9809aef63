"""Pick the reader for a file by the kind sniffing found (used by the import worker).

Each reader is imported when a file of its kind comes: a reader process started by `spawn`
(Windows, macOS) then loads only the libraries its files need, not all of them up front."""

from __future__ import annotations

from pathlib import Path

from recordorg.formats.extracted import DicomInstance, Extracted, UnreadableFile

KINDS = ("empty", "pdf", "image", "dicom", "dicomdir", "cda", "fhir", "software", "other")
PROGRAM_WARNING = "This is a program, not a record; it was not opened."


def read_file(
    path: Path, sniffed_kind: str, pdf_password: str | None = None
) -> Extracted | DicomInstance:
    """Read `path` as `sniffed_kind` (from sniff()). Raises UnreadableFile for what cannot
    be read; a DICOMDIR comes back as Extracted(kind="dicomdir") listing its files in meta;
    software is never opened, only described."""
    path = Path(path)
    if sniffed_kind == "pdf":
        from recordorg.formats.pdf import read_pdf

        return read_pdf(path, password=pdf_password)
    if sniffed_kind == "image":
        from recordorg.formats.image import read_image

        return read_image(path)
    if sniffed_kind == "dicom":
        from recordorg.formats.dicom import read_dicom

        return read_dicom(path)
    if sniffed_kind == "dicomdir":
        from recordorg.formats.dicomdir import read_dicomdir

        contents = read_dicomdir(path)
        return Extracted(
            kind="dicomdir",
            mime="application/dicom",
            meta={
                "files": [str(file) for file in contents.files],
                "missing": contents.missing,
                "refused": contents.refused,
            },
        )
    if sniffed_kind == "cda":
        from recordorg.formats.ccda_read import read_clinical_document

        return read_clinical_document(path)
    if sniffed_kind == "fhir":
        from recordorg.formats.fhir import read_fhir

        return read_fhir(path, read_file)
    if sniffed_kind == "software":
        from recordorg.formats.sniff import sniff

        return Extracted(kind="software", mime=sniff(path).mime, warnings=[PROGRAM_WARNING])
    if sniffed_kind == "empty":
        raise UnreadableFile("This file is empty.")
    if sniffed_kind == "other":
        from recordorg.formats.other import read_other

        return read_other(path)
    raise ValueError(f"unknown file kind {sniffed_kind!r}; expected one of {KINDS}")
