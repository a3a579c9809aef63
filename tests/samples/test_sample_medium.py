"""A sample hospital CD: DICOM folder, DICOMDIR listing every file, and viewer clutter."""

import shutil
import subprocess
import zipfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pydicom
import pypdfium2 as pdfium
import pytest
from pydicom.fileset import FileSet, is_conformant_file_id

from recordorg.samples.dicom import make_medium

OpenFileSet = Callable[[Path], AbstractContextManager[FileSet]]


@pytest.fixture(scope="module")
def medium(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return make_medium(tmp_path_factory.mktemp("cd") / "CD")


def test_dicomdir_lists_every_file(medium: dict[str, Any], open_file_set: OpenFileSet) -> None:
    root: Path = medium["root"]
    assert medium["dicomdir"] == root / "DICOMDIR"
    with open_file_set(root / "DICOMDIR") as file_set:
        listed = {Path(instance.path) for instance in file_set}
    on_disc = {p for p in (root / "DICOM").rglob("*") if p.is_file()}
    assert listed == on_disc == set(medium["dicom_files"])
    assert len(on_disc) == 12 + 12 + 8


def test_file_ids_are_short_upper_case_without_extension(medium: dict[str, Any]) -> None:
    root: Path = medium["root"]
    for path in medium["dicom_files"]:
        relative = path.relative_to(root)
        assert relative.parts[0] == "DICOM"
        assert is_conformant_file_id(relative)
        assert all(len(part) <= 8 and part == part.upper() for part in relative.parts)
        assert "." not in path.name


def test_studies_and_series_are_grouped(medium: dict[str, Any], open_file_set: OpenFileSet) -> None:
    with open_file_set(medium["root"] / "DICOMDIR") as file_set:
        studies = file_set.find_values("StudyInstanceUID")
    assert len(studies) == 2 and len(medium["series"]) == 3
    for uid, paths in medium["series"].items():
        numbers = [pydicom.dcmread(p, stop_before_pixels=True).InstanceNumber for p in paths]
        assert numbers == sorted(numbers)
        assert pydicom.dcmread(paths[0]).SeriesInstanceUID == uid
    dates = {
        pydicom.dcmread(p, stop_before_pixels=True).StudyDate
        for paths in medium["series"].values()
        for p in paths
    }
    assert dates == {"20240422", "20240508"}


def test_viewer_junk_and_report(medium: dict[str, Any]) -> None:
    root: Path = medium["root"]
    junk = {p.relative_to(root).as_posix() for p in medium["junk_files"]}
    assert {"AUTORUN.INF", "README.TXT", "VIEWER/viewer.exe", "VIEWER/jre/lib/rt.jar"} <= junk
    assert (root / "VIEWER" / "viewer.exe").read_bytes()[:2] == b"MZ"
    assert "open=VIEWER\\viewer.exe" in (root / "AUTORUN.INF").read_text()
    with zipfile.ZipFile(root / "VIEWER" / "jre" / "lib" / "rt.jar") as jar:
        names = jar.namelist()
        assert "META-INF/MANIFEST.MF" in names
        assert any(n.endswith(".class") for n in names)
        assert jar.read(next(n for n in names if n.endswith(".class")))[:4] == b"\xca\xfe\xba\xbe"
    document = pdfium.PdfDocument(str(medium["report_pdf"]))
    assert "Progressive disease" in document[0].get_textpage().get_text_range()
    document.close()


@pytest.mark.skipif(shutil.which("dcmdump") is None, reason="dcmtk not installed")
def test_dcmdump_reads_the_dicomdir(medium: dict[str, Any]) -> None:
    run = subprocess.run(
        ["dcmdump", str(medium["dicomdir"])], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert "DirectoryRecordSequence" in run.stdout
    assert run.stdout.count("[IMAGE]") == len(medium["dicom_files"])
    assert "DICOM\\PT000000\\ST000000\\SE000000\\IM000000" in run.stdout
    assert "E:" not in run.stderr


@pytest.mark.skipif(shutil.which("dciodvfy") is None, reason="dicom3tools not installed")
def test_dciodvfy_accepts_the_dicomdir(medium: dict[str, Any]) -> None:
    run = subprocess.run(
        ["dciodvfy", str(medium["dicomdir"])], capture_output=True, text=True, timeout=60
    )
    assert "BasicDirectory" in run.stdout + run.stderr
    assert "Error" not in run.stdout + run.stderr


def test_without_dicomdir_or_junk(tmp_path: Path) -> None:
    result = make_medium(
        tmp_path / "bare",
        studies=[{"slices": 3}],
        with_dicomdir=False,
        with_viewer_junk=False,
        with_report=False,
    )
    assert result["dicomdir"] is None and not (tmp_path / "bare" / "DICOMDIR").exists()
    assert result["junk_files"] == [] and result["report_pdf"] is None
    assert not (tmp_path / "bare" / "VIEWER").exists()
    assert len(result["dicom_files"]) == 3 and all(p.is_file() for p in result["dicom_files"])


def test_ultrasound_on_the_disc(tmp_path: Path, open_file_set: OpenFileSet) -> None:
    result = make_medium(
        tmp_path / "us",
        studies=[
            {"kind": "multiframe", "frames": 4},
            {"kind": "colour_us"},
            {"modality": "MR", "slices": 2},
        ],
        with_viewer_junk=False,
        with_report=False,
    )
    with open_file_set(result["dicomdir"]) as file_set:
        paths = [instance.path for instance in file_set]
        assert len(file_set.find_values("StudyInstanceUID")) == 2  # US and MR
    assert len(paths) == 1 + 1 + 2
    assert 4 in [pydicom.dcmread(path).get("NumberOfFrames", 1) for path in paths]
