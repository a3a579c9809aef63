"""Packages of documents in IHE XDM form (a patient portal's "download my record": a zip or
folder with IHE_XDM/SUBSETnn/METADATA.XML listing each document with its title, dates,
author, type, size and SHA-1). The list is untrusted XML, read with defusedxml."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from recordorg.formats.ccda_values import parse_time
from recordorg.formats.extracted import Extracted, FoundDate, UnreadableFile

RIM = "{urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0}"
METADATA = "METADATA.XML"
XDM_FOLDER = "IHE_XDM"
MAX_METADATA_BYTES = 20_000_000
AUTHOR_SCHEME = "urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d"
TYPE_SCHEME = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983"
DATE_SOURCE = "clinical-document"
# The sender's own pages beside the documents, never records.
SENDER_FILES = {
    "INDEX.HTM": "The sender's index page of the package (not a record).",
    "README.TXT": "The sender's notes about the package (not a record).",
}


@dataclass
class ListedDocument:
    """One document the package lists, with what the list says of it."""

    uri: str  # the file's name inside its subset folder
    title: str = ""
    mime: str = ""
    size: int | None = None
    sha1: str = ""
    created: str = ""  # ISO, as precise as written
    service_start: str = ""
    service_start_precision: str = "day"
    service_end: str = ""
    author: str = ""
    institution: str = ""
    document_type: str = ""
    patient: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None, {})}


def is_metadata_file(path: Path) -> bool:
    """True for IHE_XDM/<subset>/METADATA.XML (any letter case)."""
    return path.name.upper() == METADATA and path.parent.parent.name.upper() == XDM_FOLDER


def read_metadata(path: Path) -> list[ListedDocument]:
    """The documents a METADATA.XML lists; raises UnreadableFile if it cannot be read."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    if path.stat().st_size > MAX_METADATA_BYTES:
        raise UnreadableFile("The package's list of documents is too large to read.")
    try:
        root = fromstring(path.read_bytes(), forbid_dtd=True)
    except DefusedXmlException:
        raise UnreadableFile("The package's list of documents contains unsafe XML.") from None
    except (ParseError, ValueError) as error:
        raise UnreadableFile(f"The package's list of documents is damaged: {error}") from None
    return [_listed(obj) for obj in root.iter(RIM + "ExtrinsicObject")]


def _slots(element: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for slot in element.findall(RIM + "Slot"):
        values = [(v.text or "").strip() for v in slot.iter(RIM + "Value")]
        found[slot.get("name") or ""] = values
    return found


def _name(element: Any) -> str:
    text = element.find(f"{RIM}Name/{RIM}LocalizedString")
    return " ".join((text.get("value") or "").split()) if text is not None else ""


def _uri(values: list[str]) -> str:
    """A URI slot, whole or split in numbered parts ("1|DOC0", "2|001.XML")."""
    if len(values) > 1 and all("|" in v for v in values):
        parts = sorted((v.split("|", 1) for v in values), key=lambda p: int(p[0] or 0))
        return "".join(p[1] for p in parts)
    return values[0] if values else ""


def _listed(obj: Any) -> ListedDocument:
    slots = _slots(obj)

    def first(name: str) -> str:
        return (slots.get(name) or [""])[0]

    created, start, end = (parse_time(first(n)) for n in ("creationTime", "serviceStartTime",
                                                          "serviceStopTime"))  # fmt: skip
    size = first("size")
    listed = ListedDocument(
        uri=_uri(slots.get("URI") or []),
        title=_name(obj),
        mime=obj.get("mimeType") or "",
        size=int(size) if size.isdigit() else None,
        sha1=first("hash").lower(),
        created=created.written if created else "",
        service_start=start.value if start else "",
        service_start_precision=start.precision if start else "day",
        service_end=end.last_day if end else "",
        patient=_patient(slots.get("sourcePatientInfo") or []),
    )
    for classification in obj.findall(RIM + "Classification"):
        scheme = classification.get("classificationScheme")
        if scheme == AUTHOR_SCHEME:
            inner = _slots(classification)
            listed.author = (inner.get("authorPerson") or [""])[0].replace("^", " ").strip()
            listed.institution = (inner.get("authorInstitution") or [""])[0].split("^")[0]
        elif scheme == TYPE_SCHEME:
            listed.document_type = _name(classification)
    return listed


def _patient(values: list[str]) -> dict[str, str]:
    fields = dict(v.split("|", 1) for v in values if "|" in v)
    born = parse_time(fields.get("PID-7", ""))
    return {
        "name": fields.get("PID-5", "").replace("^", " ").strip(),
        "birth_date": born.value if born and born.precision == "day" else "",
    }


def check_document(path: Path, listed: ListedDocument) -> str:
    """ "" when the file is the one the list names (size and SHA-1), else why not."""
    size = path.stat().st_size
    if listed.size is not None and size != listed.size:
        return (
            f"This file is not the one the package lists: {size} bytes instead of "
            f"{listed.size} (damaged or changed); it was not imported."
        )
    if listed.sha1:
        digest = hashlib.sha1(usedforsecurity=False)
        with path.open("rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != listed.sha1:
            return (
                "This file does not match the checksum the package lists for it (damaged or "
                "changed); it was not imported."
            )
    return ""


def document_path(metadata: Path, listed: ListedDocument) -> Path | None:
    """Where a listed document is, inside the metadata's subset folder (None if the name
    tries to leave it)."""
    relative = PurePosixPath(listed.uri.replace("\\", "/"))
    if not listed.uri or relative.is_absolute() or ".." in relative.parts:
        return None
    return metadata.parent.joinpath(*relative.parts)


def with_listing(extracted: Extracted, listed: dict[str, Any]) -> Extracted:
    """A read document with what the package's list says of it: its title when the file
    gives none, the dates of service the list states, and the list's details in meta."""
    if listed.get("title") and (not extracted.title or extracted.mime.startswith("image/")):
        extracted.title = listed["title"]
    start = listed.get("service_start")
    if start and not any(d.source == DATE_SOURCE for d in extracted.dates):
        precision = listed.get("service_start_precision", "day")
        end = listed.get("service_end", "")
        extracted.dates.append(
            FoundDate(start, DATE_SOURCE, "procedure", "package", precision, end)
        )
    extracted.meta["package_listing"] = listed
    return extracted
