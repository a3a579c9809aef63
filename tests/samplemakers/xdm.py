"""Small synthetic IHE XDM packages for tests, as another sender (a patient portal) writes
them: IHE_XDM/SUBSET01/ with METADATA.XML, the documents, and the sender's INDEX.HTM and
README.TXT at the top."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

from recordorg.samples.documents import make_text_pdf
from tests.samplemakers.ccda import clinical_document

DOCUMENT = """<rim:ExtrinsicObject id="{id}" mimeType="{mime}"
 objectType="urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1">
<rim:Slot name="creationTime"><rim:ValueList><rim:Value>{created}</rim:Value></rim:ValueList></rim:Slot>
<rim:Slot name="serviceStartTime"><rim:ValueList><rim:Value>{start}</rim:Value></rim:ValueList></rim:Slot>
<rim:Slot name="hash"><rim:ValueList><rim:Value>{sha1}</rim:Value></rim:ValueList></rim:Slot>
<rim:Slot name="size"><rim:ValueList><rim:Value>{size}</rim:Value></rim:ValueList></rim:Slot>
<rim:Slot name="URI"><rim:ValueList><rim:Value>{uri}</rim:Value></rim:ValueList></rim:Slot>
<rim:Slot name="sourcePatientInfo"><rim:ValueList><rim:Value>PID-5|Testa^Ada</rim:Value>
<rim:Value>PID-7|19610412</rim:Value></rim:ValueList></rim:Slot>
<rim:Name><rim:LocalizedString value="{title}"/></rim:Name>
<rim:Classification classificationScheme="urn:uuid:93606bcf-9494-43ec-9b4e-a7748d1a838d"
 classifiedObject="{id}" nodeRepresentation="" id="a{id}">
<rim:Slot name="authorPerson"><rim:ValueList><rim:Value>^Example^Maria</rim:Value></rim:ValueList></rim:Slot>
<rim:Slot name="authorInstitution"><rim:ValueList><rim:Value>Example Clinic^^^^^^^^^1.2.3</rim:Value></rim:ValueList></rim:Slot>
</rim:Classification></rim:ExtrinsicObject>"""  # noqa: E501

METADATA = """<?xml version="1.0" encoding="UTF-8"?>
<lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0"
 xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0"><rim:RegistryObjectList>
{documents}</rim:RegistryObjectList></lcm:SubmitObjectsRequest>"""


def make_package(root: Path, *, damage: str = "") -> Path:
    """A portal's package folder at `root`: a C-CDA note and a PDF letter; `damage` names a
    document whose bytes are changed after the list was written."""
    subset = root / "IHE_XDM" / "SUBSET01"
    subset.mkdir(parents=True)
    (subset / "DOC0001.XML").write_bytes(clinical_document())
    make_text_pdf(subset / "DOC0002.PDF", "Letter", ["Dear colleague, seen today in clinic."])
    listed = [
        ("DOC0001.XML", "text/xml", "Visit summary", "20240305", "20240301"),
        ("DOC0002.PDF", "application/pdf", "Letter from the clinic", "20240410", "202404"),
    ]
    documents = []
    for n, (uri, mime, title, created, start) in enumerate(listed, 1):
        data = (subset / uri).read_bytes()
        documents.append(
            DOCUMENT.format(
                id=f"Document{n:02d}",
                mime=mime,
                created=created,
                start=start,
                sha1=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
                size=len(data),
                uri=uri,
                title=title,
            )
        )
    (subset / "METADATA.XML").write_text(METADATA.format(documents="\n".join(documents)))
    (root / "INDEX.HTM").write_text("<html><body><a href='IHE_XDM/SUBSET01/DOC0001.XML'>x</a>")
    (root / "README.TXT").write_text("Downloaded from the Example patient portal.")
    if damage:
        with (subset / damage).open("r+b") as f:
            f.seek(40)
            f.write(b"X")
    return root


def zip_package(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target
