"""Shared helpers for the sample-maker tests."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from pydicom.fileset import FileSet

from recordorg.samples.dicom import discard_staging


@contextmanager
def _opened(dicomdir: Path) -> Iterator[FileSet]:
    file_set = FileSet(dicomdir)
    try:
        yield file_set
    finally:
        discard_staging(file_set)  # pydicom would otherwise leave a temp folder to the GC


@pytest.fixture
def open_file_set() -> Callable[[Path], AbstractContextManager[FileSet]]:
    """Open a DICOMDIR with pydicom's FileSet, tidying its staging folder afterwards."""
    return _opened
