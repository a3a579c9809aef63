"""How an import's readers start: once per import, before the files are looked for, and
(under `spawn`) loading only what their files need.

The functions the readers run are in this module, which a reader started by `spawn`
imports: it imports nothing heavy at its top."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from recordorg.jobs import child_process
from recordorg.jobs.sandbox import WorkerPool

# Libraries only some kinds of file need (PDF, C-CDA's PDF, DICOM with its pixels, images).
HEAVY = ("pypdfium2", "fpdf", "pydicom", "numpy", "PIL")


def loaded(names: tuple[str, ...]) -> list[str]:
    """Which of `names` this process has imported."""
    return [name for name in names if name in sys.modules]


def read_dicom_then_list_loaded(path: str) -> list[str]:
    from recordorg.formats.readers import read_file

    read_file(Path(path), "dicom")
    return loaded(HEAVY)


def test_a_spawned_reader_loads_its_task_module_first_and_no_format_library(
    monkeypatch,
) -> None:
    monkeypatch.setenv(child_process.START_METHOD_VARIABLE, "spawn")
    wanted = ("recordorg.jobs.worker", *HEAVY)
    with WorkerPool(1, preload=("recordorg.jobs.worker",)) as pool:
        [outcome] = pool.run(iter([("a", loaded, (wanted,), 0)]))
    assert outcome.ok, outcome.error
    assert outcome.value == ["recordorg.jobs.worker"]


def test_a_spawned_reader_of_dicom_loads_pydicom_but_not_the_pdf_libraries(
    monkeypatch, tmp_path: Path
) -> None:
    from recordorg.samples.dicom import make_series

    [image] = make_series(tmp_path / "ct", slices=1, rows=16, cols=16)
    monkeypatch.setenv(child_process.START_METHOD_VARIABLE, "spawn")
    with WorkerPool(1) as pool:
        [outcome] = pool.run(iter([("a", read_dicom_then_list_loaded, (str(image),), 0)]))
    assert outcome.ok, outcome.error
    assert "pydicom" in outcome.value
    assert "pypdfium2" not in outcome.value and "fpdf" not in outcome.value


def test_a_module_that_fails_to_load_ahead_is_left_to_the_task_to_report(monkeypatch) -> None:
    monkeypatch.setenv(child_process.START_METHOD_VARIABLE, "spawn")
    with WorkerPool(1, preload=("recordorg.no_such_module",)) as pool:
        [outcome] = pool.run(iter([("a", loaded, (("recordorg.jobs.worker",),), 0)]))
    assert outcome.ok, outcome.error
    assert outcome.value == []


def test_every_module_the_forkserver_loads_for_the_readers_exists() -> None:
    # The forkserver skips a module it cannot import without a word: a misspelt name would
    # quietly make every reader load it again.
    missing = [
        name for name in child_process.FORKSERVER_PRELOAD if importlib.util.find_spec(name) is None
    ]
    assert missing == []


def test_an_import_starts_one_pool_before_it_looks_for_files(
    monkeypatch, library, tmp_path: Path
) -> None:
    from recordorg.jobs import importer
    from recordorg.samples.dicom import make_series
    from recordorg.samples.documents import make_text_pdf
    from tests.jobs.conftest import run_import

    (tmp_path / "in").mkdir()
    make_text_pdf(tmp_path / "in" / "letter.pdf", "Clinic letter", ["Seen in clinic."])
    make_series(tmp_path / "in" / "ct", slices=2, rows=16, cols=16)
    steps: list[str] = []

    class CountedPool(WorkerPool):
        def __init__(self, *args, **kwargs) -> None:
            steps.append("readers started")
            super().__init__(*args, **kwargs)

        def close(self) -> None:
            steps.append("readers stopped")
            super().close()

    real_discover = importer.discover

    def discover(*args, **kwargs):
        steps.append("files looked for")
        return real_discover(*args, **kwargs)

    monkeypatch.setattr(importer, "WorkerPool", CountedPool)
    monkeypatch.setattr(importer, "discover", discover)
    report = run_import(library, [tmp_path / "in"])
    assert len(report.imported) == 3, report.counts()
    assert steps == ["readers started", "files looked for", "readers stopped"]


def test_readers_stop_when_looking_for_files_fails(monkeypatch, library, tmp_path: Path) -> None:
    from recordorg.jobs import importer
    from tests.jobs.conftest import run_import

    stopped: list[bool] = []

    class WatchedPool(WorkerPool):
        def close(self) -> None:
            stopped.append(True)
            super().close()

    def discover(*args, **kwargs):
        raise OSError("the disc was taken out")

    monkeypatch.setattr(importer, "WorkerPool", WatchedPool)
    monkeypatch.setattr(importer, "discover", discover)
    try:
        run_import(library, [tmp_path])
    except OSError as error:
        assert "disc" in str(error)
    else:
        raise AssertionError("the import went on without its files")
    assert stopped == [True]
