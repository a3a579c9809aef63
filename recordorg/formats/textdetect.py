"""Decide whether some bytes are plain text, and decode them if they are."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = frozenset("\n\r\t\f\v")
PRINTABLE_SHARE = 0.95  # at least this share of characters must be printable


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from bytes, with the encoding that worked."""

    text: str
    encoding: str


def _decode(data: bytes, encoding: str, partial: bool) -> str | None:
    """Decode strictly; when `partial`, a character cut at the end of `data` is dropped."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        return decoder.decode(data, final=not partial)
    except UnicodeDecodeError:
        return None


def _mostly_printable(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for ch in text if not ch.isprintable() and ch not in _ALLOWED_CONTROLS)
    return bad <= len(text) * (1 - PRINTABLE_SHARE)


def decode_text(data: bytes, partial: bool = False) -> DecodedText | None:
    """Return the text if `data` looks like plain text (UTF-8/16 or Windows-1252), else None.

    `partial` says that `data` is only the start of a longer file.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode(data[len(bom) :], encoding, partial)
            if text is not None and _mostly_printable(text):
                return DecodedText(text, encoding)
            return None
    if b"\x00" in data:
        return None
    for encoding in ("utf-8", "cp1252"):
        text = _decode(data, encoding, partial)
        if text is not None:
            return DecodedText(text, encoding) if _mostly_printable(text) else None
    return None
