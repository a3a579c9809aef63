"""A reader that takes its time, so that tests can stop an import half-way for sure."""

from __future__ import annotations

import time

from recordorg.jobs.worker import Ingested, ingest

SECONDS_PER_FILE = 0.3


def slow_ingest(source: str, kind: str, staging: str, originals: str) -> Ingested:
    time.sleep(SECONDS_PER_FILE)
    return ingest(source, kind, staging, originals)


def slower_ingest(source: str, kind: str, staging: str, originals: str) -> Ingested:
    """A reader as slow as a hospital CD in an old drive: about a second a file."""
    time.sleep(SECONDS_PER_SLOW_DISC_FILE)
    return ingest(source, kind, staging, originals)


SECONDS_PER_SLOW_DISC_FILE = 1.0


def slow_read_patients(paths: list[str]) -> list[tuple[str, str, str, str]]:
    """Whose images these are, read as slowly as from that old drive."""
    from recordorg.jobs.patients import read_patients

    time.sleep(SECONDS_PER_SLOW_DISC_FILE)
    return read_patients(paths)
