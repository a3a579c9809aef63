"""What a PDF's parts unpack to, checked against the reader's budget before PDFium reads them.

PDFium inflates a page's content stream whole (and keeps what it parsed beside it): a 1 MB
file of compressed zeros took 2 GB. The file is scanned as bytes, not parsed (so loops and
deep nesting cannot trap the check): each stream's dictionary says whether it is a picture
(its declared size is checked) or compressed with Flate (inflated here, counting bytes and
keeping none, until it ends or passes the budget).
"""

from __future__ import annotations

import io
import mmap
import re
import zlib
from pathlib import Path
from typing import BinaryIO

from recordorg.formats.budget import (
    DECODED_BUDGET,
    MAX_PIXELS,
    MIB,
    over_budget,
    too_many_pixels,
)

STREAM_BUDGET = DECODED_BUDGET // 2  # PDFium holds about twice a content stream's size
DICTIONARY_WINDOW = 4096  # bytes before "stream" searched for its dictionary
CHUNK = 64 * 1024
PYPDF_PART_LIMIT = 75_000_000  # pypdf's own limit on one unpacked part (its default)

Buffer = bytes | mmap.mmap  # a PDF's bytes, in memory or mapped from its file

_STREAM = re.compile(rb"\bstream\r?\n")
_NUMBER = rb"\s*(\d+)(?!\s+\d+\s+R)"
_WIDTH = re.compile(rb"/Width" + _NUMBER)
_HEIGHT = re.compile(rb"/Height" + _NUMBER)


def _dictionary(data: Buffer, start: int) -> bytes:
    window = data[max(0, start - DICTIONARY_WINDOW) : start]
    opened = window.rfind(b"obj")
    return window[opened:] if opened >= 0 else window


def _picture_pixels(dictionary: bytes) -> int:
    """A picture's pixels as its dictionary declares them (0 if it does not). PDFium shrinks
    a picture while decoding it for a small drawing, so pictures are held to the limit
    photos have, not to the budget."""
    width, height = _WIDTH.search(dictionary), _HEIGHT.search(dictionary)
    if width is None or height is None:
        return 0
    return int(width.group(1)) * int(height.group(1))


def _inflated_size(data: Buffer, start: int, budget: int) -> int:
    """The stream's inflated size if within `budget`; past it, an estimate from the ratio
    so far (0 if the bytes are not zlib data, as in an encrypted file)."""
    end = data.find(b"endstream", start)
    end = len(data) if end < 0 else end
    inflater, produced, at = zlib.decompressobj(), 0, start
    try:
        while at < end and not inflater.eof:
            piece = data[at : min(at + CHUNK, end)]
            at += len(piece)
            while piece and not inflater.eof:
                produced += len(inflater.decompress(piece, 4 * MIB))
                piece = inflater.unconsumed_tail
                if produced > budget:
                    consumed = at - start - len(piece)
                    return produced * (end - start) // max(consumed, 1)
    except zlib.error:
        return produced
    return produced


def _check_encrypted(source: Path | BinaryIO) -> None:
    """An encrypted PDF's parts cannot be inflated as they lie on disk: pypdf decrypts them
    (with the empty password, as PDFium does) and unpacks each within its own limit."""
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError
    from pypdf.generic import IndirectObject, StreamObject

    try:
        reader = PdfReader(source, strict=False)
        if not reader.decrypt(""):
            return  # locked: PDFium reads no page of it either
        numbers = [
            (number, generation) for generation in reader.xref for number in reader.xref[generation]
        ]
    except Exception:  # pypdf cannot read it: PDFium decides
        return
    for number, generation in numbers:
        try:
            part = reader.get_object(IndirectObject(number, generation, reader))
            if isinstance(part, StreamObject) and part.get("/Subtype") != "/Image":
                part.get_data()
        except LimitReachedError:
            raise over_budget(2 * PYPDF_PART_LIMIT, "PDF", at_least=True) from None
        except Exception:  # a damaged part: PDFium decides
            continue


def check_unpacked_sizes(path: Path) -> None:
    """Refuse a PDF with a picture or a compressed part that would not fit the budget."""
    with Path(path).open("rb") as f:
        if f.seek(0, 2) == 0:
            return
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
            _check_parts(data, path)


def check_unpacked_pdf(data: bytes) -> None:
    """The same check for a PDF held in memory (one carried inside a DICOM file)."""
    if data:
        _check_parts(data, io.BytesIO(data))


def _check_parts(data: Buffer, source: Path | BinaryIO) -> None:
    if data.rfind(b"/Encrypt") >= 0:
        _check_encrypted(source)
    for found in _STREAM.finditer(data):
        dictionary = _dictionary(data, found.start())
        if b"/Image" in dictionary:
            if _picture_pixels(dictionary) > MAX_PIXELS:
                raise too_many_pixels(_picture_pixels(dictionary), "PDF's picture")
        elif b"/FlateDecode" in dictionary:
            unpacked = _inflated_size(data, found.end(), STREAM_BUDGET)
            if unpacked > STREAM_BUDGET:
                raise over_budget(2 * unpacked, "PDF")
