"""File names a user gave (a record's original name, a bundle's folder) made safe to write
on every system: Windows' refused characters and device names, trailing dots, long paths."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePath

# Names Windows keeps for devices, with or without an extension (`aux.pdf` too).
RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"]
)
# Characters Windows refuses in a name (and the folder separators of every system).
_REFUSED = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
MAX_NAME_BYTES = 255  # one name, on ext4, APFS and NTFS alike (UTF-8 bytes: the strictest)
MAX_PATH = 260  # Windows' classic limit on a whole path, which many programs still keep
_KEPT_SUFFIX = 16  # a longer "extension" is part of the name, and may be shortened


def is_reserved(name: str) -> bool:
    """True for a name Windows keeps for a device (CON, aux.pdf, LPT1.txt...)."""
    return name.split(".", 1)[0].rstrip(" ").upper() in RESERVED


def name_problem(name: str) -> str:
    """Why Windows (where a bundle is often opened) would refuse `name`, in a family's
    words; "" when every system takes it."""
    if _REFUSED.search(name):
        return 'it holds a character Windows does not allow in names (< > : " / \\ | ? *)'
    if name != name.rstrip(". "):
        return "it ends with a dot or a space, which Windows drops"
    if is_reserved(name):
        return f"Windows keeps the name {name.split('.', 1)[0].upper()} for itself"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return "it is too long"
    return ""


def portable_name(name: str, fallback: str = "record") -> str:
    """`name` as a file name every system accepts: no folders, no refused characters, no
    trailing dot or space, no device name, not too long; `fallback` if nothing is left."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _REFUSED.sub("_", name).strip(" ").rstrip(". ")
    if name in ("", ".", ".."):
        name = fallback
    if is_reserved(name):
        name = f"_{name}"
    return shortened(name, MAX_NAME_BYTES)


def shortened(name: str, limit: int) -> str:
    """`name` cut to at most `limit` UTF-8 bytes, keeping its extension."""
    if len(name.encode("utf-8")) <= limit:
        return name
    suffix = PurePath(name).suffix if len(PurePath(name).suffix) <= _KEPT_SUFFIX else ""
    stem = name[: len(name) - len(suffix)]
    while stem and len((stem + suffix).encode("utf-8")) > limit:
        stem = stem[:-1]
    return (stem.rstrip(". ") or "_") + suffix


def path_within_limit(folder: Path, name: str, limit: int = MAX_PATH - 1) -> Path:
    """Where to write a file named `name` (made portable) in `folder`, its name shortened
    so that the whole path stays within Windows' 260 characters where there is room."""
    name = portable_name(name)
    room = limit - len(str(folder)) - 1
    if len(name) > room:
        suffix = PurePath(name).suffix
        keep = max(room - len(suffix), 8)
        name = (name[: len(name) - len(suffix)][:keep].rstrip(". ") or "_") + suffix
    return folder / name
