"""Reading a FHIR R4 JSON file (bundle, resource or NDJSON) for import as one readable
record, and drawing it again for viewing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from recordorg.formats.ccda import DATE_SOURCE, extracted_from
from recordorg.formats.extracted import AttachedFile, Extracted, FoundDate, UnreadableFile
from recordorg.formats.fhir_attachments import separate_files
from recordorg.formats.fhir_pdf import fhir_pdf
from recordorg.formats.fhir_read import (
    FHIR_MIME,
    MAX_FHIR_BYTES,
    Resources,
    fhir_time,
    read_resources,
)
from recordorg.formats.fhir_records import fhir_document, person_name

# How an attached PDF or picture is read (the readers' own dispatch, given by readers.py).
ReadFile = Callable[[Path, str], Extracted]

TOO_LARGE = (
    f"This health record file (FHIR) is too large to {{}} (over {MAX_FHIR_BYTES // 10**6} MB)."
)
OWN_RECORD_KINDS = ("pdf", "image", "cda", "other")  # what an attached file may be


def read_file_resources(path: Path) -> Resources:
    """The resources of a FHIR file (refusing one too large to read safely)."""
    path = Path(path)
    if path.stat().st_size > MAX_FHIR_BYTES:
        raise UnreadableFile(TOO_LARGE.format("read"))
    return read_resources(path.read_bytes())


def read_fhir(path: Path, read_file: ReadFile) -> Extracted:
    """A FHIR file as the import commits it: a page per section, the period it covers, the
    patient and coded entries in meta, and a readable PDF drawn from it."""
    found = read_file_resources(path)
    if not found.items:
        raise UnreadableFile("This health record file (FHIR) holds no resources.")
    document, extra = fhir_document(found)
    extracted = extracted_from(document)
    extracted.mime = FHIR_MIME
    extracted.meta.update(extra)
    extracted.meta["fhir_container"] = found.container
    extracted.readable_pdf = fhir_pdf(document)
    patients = {person_name(r) for r in found.items if r["resourceType"] == "Patient"}
    if len(patients) > 1:
        extracted.warnings.append(
            f"This file names {len(patients)} patients; it is filed under the first."
        )
    _attached_files(found, extracted, read_file)
    return extracted


def write_fhir_pdf(path: Path, target: Path) -> Path:
    """Draw a stored FHIR file as a PDF at `target` (a derived file, for viewing)."""
    document, _ = fhir_document(read_file_resources(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(fhir_pdf(document))
    os.replace(partial, target)
    return target


def fhir_review_pdf(source: Path | BinaryIO) -> bytes:
    """A FHIR file in a bundle drawn as a PDF for the review, without the patient lines of
    its header (the review names its person once, or not at all)."""
    data = source.read_bytes() if isinstance(source, Path) else source.read(MAX_FHIR_BYTES + 1)
    if len(data) > MAX_FHIR_BYTES:
        raise UnreadableFile(TOO_LARGE.format("draw"))
    document, _ = fhir_document(read_resources(data))
    document.patient = {}
    return fhir_pdf(document)


def _attached_files(found: Resources, extracted: Extracted, read_file: ReadFile) -> None:
    """Each attached PDF or picture read as a record of its own (a file that cannot be read
    is named in the warnings, not imported)."""
    from recordorg.formats.sniff import sniff

    seen: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="fhir-attached-") as folder:
        for number, attached in enumerate(separate_files(found), 1):
            if attached.sha256 in seen:
                continue
            seen.add(attached.sha256)
            path = Path(folder) / attached.file_name(number)
            path.write_bytes(attached.data)
            kind = sniff(path).kind
            try:
                if kind not in OWN_RECORD_KINDS:
                    raise UnreadableFile(f"a {sniff(path).detail} is not imported from inside")
                content = read_file(path, kind)
            except UnreadableFile as error:
                extracted.warnings.append(
                    f"{attached.resource}: its attached file was not read ({error})."
                )
                continue
            assert isinstance(content, Extracted)
            content.title = content.title or attached.title
            if attached.date:
                when = fhir_time({"resourceType": "attachment"}, "date", attached.date)
                content.dates.append(
                    FoundDate(when.value, DATE_SOURCE, "document", "attachment", when.precision)
                )
            content.meta["attached_to"] = {"resource": attached.resource, "title": attached.title}
            extracted.attached.append(AttachedFile(path.name, attached.data, content))
