"""Read any other file: plain text becomes one page of text, anything else is kept as is."""

from __future__ import annotations

from pathlib import Path

from recordorg.formats.extracted import Extracted, PageText
from recordorg.formats.sniff import sniff
from recordorg.formats.textdetect import decode_text

MAX_TEXT_BYTES = 5_000_000  # longer text files are indexed by their first part only


def read_other(path: Path, mime: str | None = None) -> Extracted:
    """Read an "other" file; never fails on its content (only if it cannot be opened)."""
    path = Path(path)
    if mime is None:
        mime = sniff(path).mime
    with path.open("rb") as f:
        data = f.read(MAX_TEXT_BYTES + 1)
    partial = len(data) > MAX_TEXT_BYTES
    result = Extracted(kind="other", mime=mime)
    decoded = decode_text(data[:MAX_TEXT_BYTES], partial=partial)
    if decoded is None:
        return result
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    has_text = bool(text.strip())
    result.pages = [PageText(1, text if has_text else "", "text-layer" if has_text else "none")]
    result.page_count = 1
    result.meta["encoding"] = decoded.encoding
    if partial:
        result.warnings.append("This text file is very long; only its first part can be searched.")
    return result
