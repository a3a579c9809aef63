"""A guard against PySide6 6.12 on Python 3.11, whose calls that return None drop a
reference to None each time, until Python stops with "none_dealloc" (3.12+ is immune:
None is immortal there)."""

from __future__ import annotations

import ctypes
import sys

# As Python 3.12 does for immortal objects: a count that no number of lost references ends.
_PLENTY = 1 << 40


def none_references_lost() -> bool:
    """Whether PySide6 loses a reference to None when a call returns None."""
    from PySide6.QtCore import QPoint

    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(8):
        point.setX(1)
    return sys.getrefcount(None) < before


def keep_none_alive() -> bool:
    """Make None's reference count unreachable by the leak; True when it was needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not none_references_lost():
        return False
    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < _PLENTY:
        count.value += _PLENTY
    return True
