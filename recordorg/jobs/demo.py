"""The demo library: one fictional person's records, generated and imported on first use."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Generator
from pathlib import Path

from recordorg.core.library import Library
from recordorg.jobs.importer import import_paths
from recordorg.jobs.progress import Progress

DEMO_PERSON = "Maria Example"


def ensure_demo_library(root: Path) -> Generator[Progress, None, Library]:
    """Open the demo library, making it first if it does not exist or is empty."""
    library = Library.open(root)
    count = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
    if count:
        return library
    from recordorg.samples.demo import write_demo_files

    yield Progress(0, 0, "", "Making the demo records…")
    folder = Path(tempfile.mkdtemp(prefix="recordorg-demo-"))
    try:
        write_demo_files(folder)
        yield from import_paths(library, [folder], person=DEMO_PERSON)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return library
