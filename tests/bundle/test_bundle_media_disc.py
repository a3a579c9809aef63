"""A bundle burned on a disc: every name 8.3, read back from ISO 9660 level 1 and verified."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from recordorg.bundle.names import MANIFEST, is_8_3
from recordorg.bundle.reader import read_bundle
from recordorg.bundle.verify import run_verify
from recordorg.core.catalogue.library import Library
from recordorg.jobs.bundle_import import import_bundle
from tests.bundle.conftest import run

needs_genisoimage = pytest.mark.skipif(
    not shutil.which("genisoimage") or not shutil.which("isoinfo"),
    reason="genisoimage (Debian package genisoimage) is not installed",
)


def burn_and_read_back(folder: Path, work: Path) -> Path:
    """The folder written to an ISO 9660 level 1 image (the file system of DICOM CDs, no
    Joliet or Rock Ridge long names), then every file copied back out under the name the
    disc holds (as a computer shows it: without the ";1" version and a lone dot)."""
    image = work / "disc.iso"
    subprocess.run(
        ["genisoimage", "-quiet", "-iso-level", "1", "-o", str(image), str(folder)],
        check=True,
        capture_output=True,
    )
    listing = subprocess.run(
        ["isoinfo", "-f", "-i", str(image)], check=True, capture_output=True, text=True
    ).stdout.split()
    copy = work / "copy"
    for name in listing:
        if ";" not in name:  # a directory
            continue
        shown = name.split(";")[0].removesuffix(".")
        target = copy / shown.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as out:
            subprocess.run(["isoinfo", "-i", str(image), "-x", name], check=True, stdout=out)
    return copy


def test_every_name_in_a_bundle_is_8_3(bundle: Path, deid_bundle: Path) -> None:
    for folder in (bundle, deid_bundle):
        for path in folder.rglob("*"):
            for part in path.relative_to(folder).parts:
                assert is_8_3(part), part


@needs_genisoimage
def test_a_bundle_burned_on_an_iso_9660_level_1_disc_verifies_and_opens(
    bundle: Path, tmp_path: Path
) -> None:
    copy = burn_and_read_back(bundle, tmp_path)
    made = sorted(p.relative_to(bundle) for p in bundle.rglob("*") if p.is_file())
    read = sorted(p.relative_to(copy) for p in copy.rglob("*") if p.is_file())
    assert read == made  # no name was cut short
    report = run_verify(copy)
    assert report.ok, report.problems()
    assert report.checked == len(json.loads((copy / MANIFEST).read_text())["files"])
    opened = read_bundle(copy)
    try:
        assert opened.records and opened.about["subject"]
    finally:
        opened.close()


def test_a_disc_shown_in_lower_case_verifies_and_opens(bundle: Path, tmp_path: Path) -> None:
    """Linux shows an ISO 9660 disc without extensions with every name in lower case."""
    copy = tmp_path / "cdrom"
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        target = copy / str(path.relative_to(bundle)).lower()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    report = run_verify(copy)
    assert report.ok and report.checked > 10, report.problems()
    opened = read_bundle(copy)
    try:
        first = next(r for r in opened.records if r.get("paths"))
        assert opened.file(first["paths"][0]) is not None
    finally:
        opened.close()


def test_a_bundle_made_before_with_long_names_still_opens(
    bundle_copy: Path, tmp_path: Path
) -> None:
    """Bundles made before every name was 8.3 hold MANIFEST.JSON and FHIR.JSON: they
    verify, open and import as before."""
    manifest = json.loads((bundle_copy / MANIFEST).read_text())
    for entry in manifest["files"]:
        if entry["path"] == "FHIR.JSN":
            entry["path"] = "FHIR.JSON"
    (bundle_copy / "FHIR.JSN").rename(bundle_copy / "FHIR.JSON")
    (bundle_copy / MANIFEST).unlink()
    (bundle_copy / "MANIFEST.JSON").write_text(json.dumps(manifest))
    for name in ("MANIFEST.SIG",):  # a signature of the manifest as it was no longer holds
        (bundle_copy / name).unlink(missing_ok=True)
    report = run_verify(bundle_copy)
    assert not report.changed and not report.missing and not report.extra, report.problems()
    opened = read_bundle(bundle_copy)
    try:
        assert opened.records
    finally:
        opened.close()
    library = Library.open(tmp_path / "library")
    try:
        report = run(import_bundle(library, bundle_copy))
        assert not report.failed and len(report.records) == len(opened.records)
        names = {r[0] for r in library.connection().execute("SELECT original_name FROM records")}
        assert not names & {"FHIR.JSON", "MANIFEST.JSON"}  # the bundle's own, not records
    finally:
        library.close()


def test_a_name_that_is_not_8_3_is_refused_when_written(tmp_path: Path) -> None:
    from recordorg.bundle.files import BundleFiles

    files = BundleFiles(tmp_path)
    for name in ("FHIR.JSON", "IHE_XDM/SUBSET001/A.PDF", "notes.txt"):
        with pytest.raises(ValueError, match="8.3"):
            files.write(name, b"{}")
    assert files.write("FHIR.JSN", b"{}").size == 2
