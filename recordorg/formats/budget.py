"""The memory a reader may fill with one file's decoded data (pixels, unpacked PDF parts),
checked from what the file declares before anything is decoded."""

from __future__ import annotations

import os

from recordorg.core.wording import human_size
from recordorg.formats.extracted import UnreadableFile

MIB = 1024 * 1024
DECODED_BUDGET = int(os.environ.get("RECORDORG_DECODED_BUDGET_MB", "256")) * MIB
MAX_PIXELS = 180_000_000  # of a picture (a photo, a page of a TIFF, a picture in a PDF)


def over_budget(needed: int, what: str = "file", at_least: bool = False) -> UnreadableFile:
    """The reason given for a file too large to read safely: about (or at least) how much
    memory it would need."""
    about = "more than" if at_least else "about"
    return UnreadableFile(
        f"This {what} would need {about} {human_size(needed)} of memory to read, too much "
        "to read safely, so it was not read."
    )


def check_decoded_size(needed: int, what: str = "file") -> None:
    """Refuse a file whose decoded data (`needed` bytes) would not fit the budget."""
    if needed > DECODED_BUDGET:
        raise over_budget(needed, what)


def too_many_pixels(pixels: int | None, what: str = "image") -> UnreadableFile:
    """The reason given for a picture over MAX_PIXELS (`pixels` if known)."""
    if pixels is None:
        return UnreadableFile(f"This {what} is too large to open safely.")
    return UnreadableFile(
        f"This {what} is too large to open safely ({round(pixels / 1_000_000)} megapixels)."
    )
