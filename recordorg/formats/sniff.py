"""Tell what kind of file something is from its content, never from its name."""

from __future__ import annotations

import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from recordorg.formats.ccda import CDA_MIME, is_clinical_document
from recordorg.formats.fhir_read import FHIR_MIME, looks_like_fhir
from recordorg.formats.textdetect import decode_text

HEAD_SIZE = 8192
DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10"

DICOM_VRS = frozenset(
    b"AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL "
    b"UN UR US UT UV".split()
)
DICOM_LONG_VRS = frozenset(b"OB OD OF OL OV OW SQ SV UC UN UR UT UV".split())

_HEIC_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
_AVIF_BRANDS = {b"avif", b"avis"}
_HEIF_BRANDS = {b"mif1", b"msf1"}
_BMP_HEADER_SIZES = {12, 40, 52, 56, 64, 108, 124}
_MACHO = (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LNK = b"L\x00\x00\x00\x01\x14\x02\x00"


@dataclass(frozen=True)
class Sniffed:
    """What a file is: kind ("empty", "pdf", "image", "dicom", "dicomdir", "cda" (a clinical
    document), "fhir" (health record data), "software", "other"), its MIME type and a short
    description."""

    kind: str
    mime: str
    detail: str = ""


def has_dicom_prefix(head: bytes) -> bool:
    """True if the bytes carry the standard 128-byte preamble followed by "DICM"."""
    return head[128:132] == b"DICM"


def sniff(path: Path) -> Sniffed:
    """Look at the first bytes of `path` and say what kind of file it is."""
    path = Path(path)
    with path.open("rb") as f:
        head = f.read(HEAD_SIZE)
    if not head:
        return Sniffed("empty", "application/x-empty", "empty file")
    if path.name.casefold() == "autorun.inf":
        return Sniffed("software", "text/plain", "CD autorun file (starts a program)")
    if has_dicom_prefix(head):
        program = _program_magic(head)
        if program is not None:
            detail = f"DICOM file whose preamble hides a program ({program.detail})"
            return Sniffed("software", program.mime, detail)
        return _dicom(head, 132, "DICOM file")
    found = _program_magic(head) or _image_magic(head)
    if found is not None:
        return found
    if b"%PDF" in head[:1024]:
        return Sniffed("pdf", "application/pdf", "PDF document")
    if _looks_like_bare_dicom(head, path.stat().st_size):
        return _dicom(head, 0, "DICOM file without preamble")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip(path)
    if head.startswith(_OLE):
        return _ole(path, head)
    return _other(head)


def _program_magic(head: bytes) -> Sniffed | None:
    if head.startswith(b"MZ"):
        return Sniffed(
            "software", "application/vnd.microsoft.portable-executable", "Windows program"
        )
    if head.startswith(b"\x7fELF"):
        return Sniffed("software", "application/x-executable", "Linux program")
    if head.startswith(_MACHO):
        return Sniffed("software", "application/x-mach-binary", "Mac program")
    if head.startswith(b"\xca\xfe\xba\xbe"):
        # Java class files and Mach-O universal binaries share this magic number.
        (value,) = struct.unpack_from(">I", head.ljust(8, b"\0"), 4)
        if value < 45:
            return Sniffed("software", "application/x-mach-binary", "Mac program")
        return Sniffed("software", "application/java-vm", "Java program")
    if head.startswith(b"#!"):
        return Sniffed("software", "text/x-shellscript", "script")
    if head.startswith(_LNK):
        return Sniffed("software", "application/x-ms-shortcut", "Windows shortcut")
    return None


def _image_magic(head: bytes) -> Sniffed | None:
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image", "image/jpeg", "JPEG picture")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image", "image/png", "PNG picture")
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return Sniffed("image", "image/tiff", "TIFF picture")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Sniffed("image", "image/webp", "WebP picture")
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return Sniffed("image", "image/gif", "GIF picture")
    if head[:2] == b"BM" and len(head) >= 18:
        (header_size,) = struct.unpack_from("<I", head, 14)
        if header_size in _BMP_HEADER_SIZES:
            return Sniffed("image", "image/bmp", "BMP picture")
    if head[4:8] == b"ftyp":
        return _ftyp(head)
    return None


def _ftyp(head: bytes) -> Sniffed | None:
    (box_size,) = struct.unpack_from(">I", head, 0)
    box = head[8 : max(16, min(box_size, len(head)))]
    major = box[:4]
    brands = {major} | {box[i : i + 4] for i in range(8, len(box) - 3, 4)}
    if major in _AVIF_BRANDS or (major in _HEIF_BRANDS and brands & _AVIF_BRANDS):
        return Sniffed("image", "image/avif", "AVIF picture")
    if major in _HEIC_BRANDS or (major in _HEIF_BRANDS and brands & _HEIC_BRANDS):
        return Sniffed("image", "image/heic", "HEIC picture")
    if major in _HEIF_BRANDS:
        return Sniffed("image", "image/heif", "HEIF picture")
    if major == b"qt  ":
        return Sniffed("other", "video/quicktime", "video")
    if major.startswith((b"mp4", b"iso", b"M4V", b"3gp")):
        return Sniffed("other", "video/mp4", "video")
    return None


def _parse_element(head: bytes, pos: int, size: int, endian: str) -> tuple[int, int] | None:
    """Parse one data element at `pos`; return (tag, end offset) if it is plausible."""
    if pos + 8 > len(head):
        return None
    group, element = struct.unpack_from(endian + "HH", head, pos)
    vr = head[pos + 4 : pos + 6]
    if vr in DICOM_VRS:
        if vr in DICOM_LONG_VRS:
            if pos + 12 > len(head) or head[pos + 6 : pos + 8] != b"\0\0":
                return None
            (length,) = struct.unpack_from(endian + "I", head, pos + 8)
            start = pos + 12
        else:
            (length,) = struct.unpack_from(endian + "H", head, pos + 6)
            start = pos + 8
    elif endian == "<":
        (length,) = struct.unpack_from("<I", head, pos + 4)
        start = pos + 8
        if length % 2 or length > 1 << 20:
            return None
    else:
        return None
    if length == 0xFFFFFFFF or start + length > size:
        return None
    return (group << 16) | element, start + length


def _looks_like_bare_dicom(head: bytes, size: int) -> bool:
    """A DICOM data set written without the preamble: group 0002 or 0008 comes first."""
    for endian in ("<", ">"):
        first = _parse_element(head, 0, size, endian)
        if first is None or first[0] >> 16 not in (0x0002, 0x0008):
            continue
        if endian == ">" and first[0] >> 16 != 0x0008:
            continue
        tag, end = first
        if end == size:
            return True
        second = _parse_element(head, end, size, endian)
        if second is not None and tag < second[0] <= 0x0010FFFF:
            return True
    return False


def media_storage_sop_class(head: bytes, pos: int) -> str:
    """The Media Storage SOP Class UID from the file meta group starting at `pos`, or ""."""
    while pos + 8 <= len(head):
        group, element = struct.unpack_from("<HH", head, pos)
        if group != 0x0002:
            break
        vr = head[pos + 4 : pos + 6]
        if vr in DICOM_LONG_VRS:
            if pos + 12 > len(head):
                break
            (length,) = struct.unpack_from("<I", head, pos + 8)
            start = pos + 12
        elif vr in DICOM_VRS:
            (length,) = struct.unpack_from("<H", head, pos + 6)
            start = pos + 8
        else:
            (length,) = struct.unpack_from("<I", head, pos + 4)
            start = pos + 8
        if length == 0xFFFFFFFF:
            break
        if element == 0x0002:
            return head[start : start + length].rstrip(b"\0 ").decode("ascii", "replace")
        pos = start + length
    return ""


def _dicom(head: bytes, pos: int, detail: str) -> Sniffed:
    if media_storage_sop_class(head, pos) == DICOMDIR_SOP_CLASS:
        return Sniffed("dicomdir", "application/dicom", "DICOM media index (DICOMDIR)")
    return Sniffed("dicom", "application/dicom", detail)


def _zip(path: Path) -> Sniffed:
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            folded = {name.casefold() for name in names}
            if "meta-inf/manifest.mf" in folded or any(n.endswith(".class") for n in folded):
                return Sniffed("software", "application/java-archive", "Java program")
            if "androidmanifest.xml" in folded or "classes.dex" in folded:
                return Sniffed("software", "application/vnd.android.package-archive", "Android app")
            if "mimetype" in names:
                with zf.open("mimetype") as f:
                    mime = f.read(100).decode("ascii", "replace").strip()
                if mime.startswith("application/"):
                    return Sniffed("other", mime, "document")
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
        return Sniffed("other", "application/zip", "damaged zip archive")
    office = {
        "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    }
    if "[content_types].xml" in folded:
        for prefix, mime in office.items():
            if any(name.startswith(prefix) for name in folded):
                return Sniffed("other", mime, "Office document")
    return Sniffed("other", "application/zip", "zip archive")


def _ole(path: Path, head: bytes) -> Sniffed:
    """Old Office files and Windows installers (MSI) share one container; the root CLSID
    tells them apart."""
    sector_shift = struct.unpack_from("<H", head, 0x1E)[0] if len(head) >= 0x34 else 9
    first_dir = struct.unpack_from("<I", head, 0x30)[0] if len(head) >= 0x34 else 0
    if 7 <= sector_shift <= 16 and first_dir < 0xFFFFFFFA:
        with path.open("rb") as f:
            f.seek((first_dir + 1) << sector_shift)
            root = f.read(0x60)
        clsid = root[0x50:0x60]
        if len(clsid) == 16 and clsid[1:4] == b"\x10\x0c\x00" and clsid[0] & 0xF0 == 0x80:
            return Sniffed("software", "application/x-msi", "Windows installer")
    return Sniffed("other", "application/x-ole-storage", "old Office document")


def _other(head: bytes) -> Sniffed:
    if head.startswith(b"{\\rtf"):
        return Sniffed("other", "application/rtf", "RTF document")
    if head.startswith(b"\x1f\x8b"):
        return Sniffed("other", "application/gzip", "compressed file")
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return Sniffed("other", "application/x-7z-compressed", "compressed archive")
    if head.startswith(b"Rar!"):
        return Sniffed("other", "application/vnd.rar", "compressed archive")
    decoded = decode_text(head, partial=len(head) == HEAD_SIZE)
    if decoded is None:
        return Sniffed("other", "application/octet-stream", "unknown file")
    start = decoded.text.lstrip()[:100].casefold()
    if start.startswith(("<!doctype html", "<html")):
        return Sniffed("other", "text/html", "web page")
    if start.startswith("<") and is_clinical_document(decoded.text):
        return Sniffed("cda", CDA_MIME, "clinical document (CDA)")
    if start.startswith("<?xml"):
        return Sniffed("other", "application/xml", "XML file")
    if looks_like_fhir(decoded.text):
        return Sniffed("fhir", FHIR_MIME, "health record data (FHIR)")
    return Sniffed("other", "text/plain", "text file")
