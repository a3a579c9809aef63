"""What runs inside a worker process: copy one file into staging, hash it, and read it."""

from __future__ import annotations

import errno
import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy: workers stay single-threaded

from dataclasses import dataclass
from pathlib import Path

from recordorg.core.catalogue.library import StagedFile, keep_in_originals, stage_copy
from recordorg.formats.extracted import DicomInstance, Extracted, UnreadableFile
from recordorg.formats.readers import read_file

LINK_NOT_FOLLOWED = (
    "This is a link (shortcut) that points elsewhere or back to itself; links are not "
    "followed when copying. Import the file it points to instead."
)


@dataclass
class Ingested:
    """A file copied into originals/ and read: what the import job commits.

    The copy is kept (fsynced, renamed into originals/) before the catalogue row is
    committed; if the import stops in between, the next open removes it.
    """

    staged: StagedFile  # .path is now the kept original
    content: Extracted | DicomInstance


def ingest(source: str, kind: str, staging: str, originals: str) -> Ingested:
    """Copy, hash, read and keep one file; a file that cannot be read leaves nothing behind."""
    try:
        staged = stage_copy(Path(source), Path(staging))
    except PermissionError:
        raise UnreadableFile("This file cannot be read (permission denied).") from None
    except OSError as error:
        if error.errno == errno.ELOOP:  # a link, which copying never follows
            raise UnreadableFile(LINK_NOT_FOLLOWED) from None
        raise UnreadableFile(f"This file cannot be read ({error.strerror or error}).") from None
    try:
        content = read_file(staged.path, kind)
    except BaseException:
        staged.path.unlink(missing_ok=True)
        raise
    kept = keep_in_originals(staged, Path(originals))
    return Ingested(StagedFile(kept, staged.sha256, staged.size), content)


def image_problem(path: str) -> str:
    """What is wrong with a stored DICOM image ("" if nothing): the reader's checks, then
    its first image decoded."""
    from recordorg.formats.dicom_pixels import render_thumbnail

    try:
        image = read_file(Path(path), "dicom")
        if isinstance(image, DicomInstance) and image.has_pixels:
            render_thumbnail(Path(path))
    except UnreadableFile as error:
        return str(error)
    except OSError:
        return "the stored copy cannot be read"
    except Exception:  # a decoder's own error: the image data is damaged
        return "its image cannot be decoded"
    return ""


def study_thumbnail(path: str) -> bytes:
    """A thumbnail of one DICOM image (the key image of a study)."""
    from recordorg.formats.dicom_pixels import render_thumbnail

    return render_thumbnail(Path(path))


def read_dicomdir(path: str):
    from recordorg.formats.dicomdir import read_dicomdir as read

    return read(Path(path))
