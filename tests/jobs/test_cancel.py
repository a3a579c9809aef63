"""Cancelling an import stops it between files and leaves a consistent library."""

from __future__ import annotations

from recordorg.core.catalogue.check import check_library
from recordorg.core.progress import CancelToken
from recordorg.jobs.importer import import_paths
from recordorg.samples.documents import make_text_pdf


def test_cancel_midway(library, tmp_path, monkeypatch) -> None:
    from recordorg.jobs import importer
    from tests.jobs.slow_reader import slow_ingest

    monkeypatch.setattr(importer.worker, "ingest", slow_ingest)  # so the cancel comes in time
    for n in range(30):
        make_text_pdf(tmp_path / f"letter-{n}.pdf", f"Letter {n}", [f"Visit {n}."])
    cancel = CancelToken()
    job = import_paths(library, [tmp_path], cancel=cancel, workers=1)
    steps = 0
    try:
        while True:
            step = next(job)
            if step.done >= 5:
                cancel.cancel()
            steps += 1
    except StopIteration as stop:
        report = stop.value
    assert report.cancelled
    assert 5 <= len(report.imported) < 30
    assert check_library(library).ok
    count = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
    assert count == len(report.imported)
    assert list(library.staging.iterdir()) == []
