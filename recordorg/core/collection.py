"""Python's cyclic garbage collector told to stay out of the way of a burst of work.

Writing REVIEW.PDF makes hundreds of thousands of small objects (pypdf's); with the default
thresholds the collector ran every 700 of them, re-scanning every object the process already
held, and took a third of the time. Objects made before the work are frozen (never scanned
again by it), and young objects are collected less often meanwhile; cycles are still
collected, so memory stays bounded.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

YOUNG_THRESHOLD = 20_000  # objects made between two collections of the young generation


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage less often while the block runs (restored after)."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(before[0], YOUNG_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
