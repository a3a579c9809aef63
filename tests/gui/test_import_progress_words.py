"""The import's progress strip says what is being read before the files are counted: where it
is looking ("Looking through the disc…"), then how many files it found, then "Reading 3 of
33"; its heading names what is imported, not "1 item"."""

from __future__ import annotations

import re
import time

from recordorg.samples.dicom import make_medium
from recordorg.samples.documents import make_text_pdf
from tests.gui.conftest import save_screenshot
from tests.gui.import_running import import_stopped_after, its_end


def test_the_strip_says_what_it_reads_before_the_files_are_counted(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    from recordorg.jobs import importer
    from tests.jobs.slow_reader import slower_ingest

    real_discover = importer.discover

    def spinning_up(*args, **kwargs):  # a disc in a slow drive: seconds before a listing
        time.sleep(1.5)
        return real_discover(*args, **kwargs)

    monkeypatch.setattr(importer, "discover", spinning_up)
    monkeypatch.setattr(importer.worker, "ingest", slower_ingest)
    disc = tmp_path / "CDROM"
    medium = make_medium(disc, with_dicomdir=False)  # a disc's DICOM folder, no index
    window.libraries.open(tmp_path / "library")
    job = window.imports.start([disc])
    seen: list[tuple[str, str]] = []
    try:
        qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible())
        strip = job.dialog
        save_screenshot(strip, "import-progress-looking")

        def reading() -> bool:
            seen.append((strip.heading.text(), strip.count.text()))
            return strip.count.text().startswith("Reading ")

        qtbot.waitUntil(reading, timeout=30_000)
        save_screenshot(window, "import-progress-reading-disc")
    finally:
        job.cancel()
        qtbot.waitUntil(lambda: window.imports.last_summary is not None, timeout=60_000)
    window.imports.last_summary.close()
    headings = {heading for heading, _count in seen}
    assert headings == {"Importing from CDROM"}
    said = [count for _heading, count in seen]
    first_seen = list(dict.fromkeys(said))
    assert first_seen[0] == "Looking through the disc…"
    [counted] = [re.fullmatch(r"Found (\d+) files", said) for said in first_seen[1:-1]]
    files = int(counted[1])
    assert files > len(medium["dicom_files"])  # its images and its report
    assert re.fullmatch(rf"Reading \d+ of {files} · \S+", first_seen[-1])


def test_the_heading_names_what_is_imported(tmp_path) -> None:
    from recordorg.gui.window.import_progress import import_title

    (tmp_path / "scans").mkdir()
    (tmp_path / "more").mkdir()
    letters = [tmp_path / f"letter{n}.pdf" for n in range(3)]
    for letter in letters:
        make_text_pdf(letter, "Letter", ["Seen."])
    assert import_title([tmp_path / "scans"]) == "Importing from scans"
    assert import_title(letters[:1]) == "Importing letter0.pdf"
    assert import_title(letters) == "Importing 3 files"
    assert import_title([tmp_path / "scans", tmp_path / "more"]) == "Importing 2 folders"
    assert import_title([tmp_path / "scans", *letters[:1]]) == "Importing 1 folder and 1 file"


def test_the_count_found_stays_while_the_import_checks_whose_images_these_are(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    from recordorg.core.catalogue.people import add_person
    from recordorg.jobs import patients
    from tests.jobs.slow_reader import slow_read_patients

    monkeypatch.setattr(patients, "read_patients", slow_read_patients)
    disc = tmp_path / "CDROM"
    medium = make_medium(disc, with_dicomdir=False)
    window.libraries.open(tmp_path / "library")
    add_person(window.library_view.conn, "Mum")  # the import is filed under her: checked first
    window.library_view.reload_all()
    job = window.imports.start([disc])
    with import_stopped_after(window, qtbot):
        qtbot.waitUntil(lambda: job.dialog is not None and job.dialog.isVisible())
        strip = job.dialog

        def checking() -> bool:
            return not job.running or "checking" in strip.count.text().lower()

        qtbot.waitUntil(checking, timeout=30_000)
        assert job.running, "the strip never said it was checking whose images these are"
        said = strip.count.text()
        counted = re.fullmatch(r"Found (\d+) files · checking whose images these are…", said)
        assert counted, said
        assert int(counted[1]) > len(medium["dicom_files"])  # its images and its report
        save_screenshot(window, "import-progress-checking-patients")
        report = its_end(window, qtbot)
    window.imports.last_summary.close()
    assert report.imported and not report.stopped
