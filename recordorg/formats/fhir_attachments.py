"""The files FHIR resources carry (a DocumentReference's or a report's attached PDF, image
or text, as base64 data): text shown in the record, other files listed and set out as
documents of their own, each naming the resource it came with."""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any

from recordorg.formats.ccda_narrative import Block
from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.fhir_read import Resources, concept, fhir_time, name_of, part, period

MAX_TEXT_CHARS = 200_000
HOLDERS = {"DocumentReference": "content", "DiagnosticReport": "presentedForm"}
_SUFFIX = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/gif": ".gif",
    "text/plain": ".txt",
    "application/dicom": ".dcm",
    "text/html": ".html",
}


@dataclass
class Attachment:
    """One attached file: its bytes and what its resource says of it."""

    resource: str  # "DocumentReference/abc"
    title: str
    content_type: str
    date: str  # as precise as written, or ""
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def file_name(self, number: int) -> str:
        base = "".join(c if c.isalnum() or c in " -_" else "_" for c in self.title)[:60]
        return f"{number:03d} {base.strip() or 'attachment'}{_SUFFIX.get(self.content_type, '')}"

    def details(self) -> dict[str, Any]:
        return {
            "resource": self.resource,
            "title": self.title,
            "sha256": self.sha256,
            "content_type": self.content_type,
            "date": self.date,
            "size": len(self.data),
        }


def _forms(resource: dict[str, Any]) -> list[dict[str, Any]]:
    """The attachments a resource holds (DocumentReference.content[].attachment or a
    report's presentedForm[])."""
    key = HOLDERS.get(resource["resourceType"])
    listed = part(resource, key, list) if key else None
    forms = []
    for item in listed or []:
        form = item.get("attachment") if key == "content" and isinstance(item, dict) else item
        if isinstance(form, dict):
            forms.append(form)
    return forms


def _decoded(resource: dict[str, Any], form: dict[str, Any]) -> bytes:
    try:
        return base64.b64decode(form.get("data") or "", validate=True)
    except (binascii.Error, ValueError, TypeError):
        raise UnreadableFile(
            f"{name_of(resource)}: its attached file is not valid base64."
        ) from None


def attachments(resource: dict[str, Any]) -> list[Attachment]:
    """The files a resource carries as data (links to elsewhere are not fetched)."""
    found = []
    name = concept(resource, "type")[0] or concept(resource, "code")[0]
    when = period(resource, "effective")[0] or fhir_time(resource, "date")
    for form in _forms(resource):
        if not form.get("data"):
            continue
        title = str(form.get("title") or resource.get("description") or name or "Attachment")
        found.append(
            Attachment(
                name_of(resource),
                title,
                str(form.get("contentType") or ""),
                when.written if when else "",
                _decoded(resource, form),
            )
        )
    return found


def text_blocks(resource: dict[str, Any], key: str = "") -> list[Block]:
    """Attached plain text, shown as paragraphs; other attached files named."""
    blocks = []
    for attached in attachments(resource):
        if attached.content_type.startswith("text/plain"):
            text = attached.data[:MAX_TEXT_CHARS].decode("utf-8", "replace")
            blocks += [Block("paragraph", p.strip()) for p in text.split("\n\n") if p.strip()]
        else:
            kind = attached.content_type or "file"
            blocks.append(Block("item", f"Attached {kind}: {attached.title} (a record of its own)"))
    return blocks


def attachments_of(found: Resources) -> tuple[list[dict[str, Any]], list[Block]]:
    """The attached files of a file's documents (details kept with the record) and the
    Documents page listing each DocumentReference."""
    kept: list[dict[str, Any]] = []
    blocks: list[Block] = []
    for resource in found.items:
        if resource["resourceType"] not in HOLDERS:
            continue
        kept += [a.details() for a in attachments(resource) if _own_record(a)]
        if resource["resourceType"] == "DocumentReference":
            name = str(resource.get("description") or concept(resource, "type")[0] or "Document")
            when = fhir_time(resource, "date")
            blocks.append(Block("paragraph", f"{name}{', ' + when.written if when else ''}"))
            blocks += text_blocks(resource)
    return kept, blocks


def _own_record(attached: Attachment) -> bool:
    return not attached.content_type.startswith("text/plain")


def separate_files(found: Resources) -> list[Attachment]:
    """The attached files that become records of their own (PDFs, pictures, other files)."""
    return [
        a
        for r in found.items
        if r["resourceType"] in HOLDERS
        for a in attachments(r)
        if _own_record(a)
    ]
