"""A reader that takes its time, so that tests can stop an import half-way for sure."""

from __future__ import annotations

import time

from recordorg.jobs.worker import Ingested, ingest

SECONDS_PER_FILE = 0.3


def slow_ingest(source: str, kind: str, staging: str, originals: str) -> Ingested:
    time.sleep(SECONDS_PER_FILE)
    return ingest(source, kind, staging, originals)
