"""The demo set: one fictional person's records, deterministic, and free of Qt."""

import hashlib
import subprocess
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import pydicom
import pypdfium2 as pdfium
import pytest
from PIL import Image
from pydicom.fileset import FileSet

from recordorg.samples.demo import write_demo_files


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_demo_files(tmp_path_factory.mktemp("demo"))


def test_every_file_exists_once(demo: list[Path]) -> None:
    assert len(demo) == len(set(demo))
    assert all(p.is_file() for p in demo)


def test_report_pdfs_read_back(demo: list[Path]) -> None:
    pdfs = [p for p in demo if p.suffix.lower() == ".pdf"]
    assert len(pdfs) == 9 + 1  # nine documents and the report on the CD
    words = []
    for path in pdfs:
        document = pdfium.PdfDocument(str(path))
        words.append(" ".join(page.get_textpage().get_text_range() for page in document))
        assert document.get_metadata_dict()["CreationDate"].startswith("D:202")
        document.close()
    everything = " ".join(words)
    for fact in [
        "INVASIVE DUCTAL CARCINOMA",
        "PIK3CA H1047R",
        "capecitabine",
        "CA 15-3",
        "Explanation of Benefits",
        "Discharge Summary",
    ]:
        assert fact in everything


def test_phone_photos(demo: list[Path]) -> None:
    from pillow_heif import register_heif_opener

    register_heif_opener()
    photos = {p.name: p for p in demo if p.suffix.lower() in {".jpg", ".heic"}}
    assert len(photos) == 3
    orientations, dates = [], []
    for path in photos.values():
        with Image.open(path) as image:
            exif = image.getexif()
            dates.append(exif.get_ifd(0x8769)[0x9003])
            orientations.append(image.info.get("original_orientation", exif.get(0x0112)))
    assert sorted(dates) == ["2023:03:02 18:05:11", "2024:05:16 19:30:02", "2024:06:05 08:47:55"]
    assert 6 in orientations
    with Image.open(photos["IMG_4127.HEIC"]) as heic:
        assert heic.format == "HEIF"


def test_cd_with_ct_and_mr(
    demo: list[Path], open_file_set: Callable[[Path], AbstractContextManager[FileSet]]
) -> None:
    dicomdir = next(p for p in demo if p.name == "DICOMDIR")
    with open_file_set(dicomdir) as file_set:
        listed = {Path(instance.path) for instance in file_set}
    assert listed == {p for p in demo if "DICOM" in p.parts}
    by_modality: dict[str, list[pydicom.Dataset]] = {}
    for path in listed:
        ds = pydicom.dcmread(path, stop_before_pixels=True)
        by_modality.setdefault(ds.Modality, []).append(ds)
    assert len(by_modality["CT"]) == 24 and len(by_modality["MR"]) == 16
    assert {(ds.Rows, ds.Columns) for ds in by_modality["CT"]} == {(256, 256)}
    names = {str(ds.PatientName) for group in by_modality.values() for ds in group}
    assert names == {"EXAMPLE^MARIA"}


def test_demo_is_deterministic(demo: list[Path], tmp_path: Path) -> None:
    again = write_demo_files(tmp_path)
    root_a, root_b = demo[0].parent, again[0].parent

    def digests(files: list[Path], root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files
        }

    assert digests(demo, root_a) == digests(again, root_b)


def test_samples_never_import_qt() -> None:
    code = (
        "import sys, pkgutil, importlib, recordorg.samples as s\n"
        "for m in pkgutil.iter_modules(s.__path__):\n"
        "    importlib.import_module(f'{s.__name__}.{m.name}')\n"
        "assert not [n for n in sys.modules if n.startswith(('PySide6', 'PyQt'))], 'Qt imported'\n"
    )
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=120
    )
    assert run.returncode == 0, run.stderr
