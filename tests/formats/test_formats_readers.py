"""Tests for recordorg.formats.readers, and that the formats layer never imports Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from recordorg.formats.extracted import DicomInstance, Extracted, UnreadableFile
from recordorg.formats.readers import PROGRAM_WARNING, read_file
from recordorg.formats.sniff import sniff


def test_dispatch_by_kind(tmp_path: Path, make_pdf, ct_file: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf", ["Hello"])
    jpeg = tmp_path / "b.jpg"
    Image.new("RGB", (8, 8)).save(jpeg)
    text = tmp_path / "c.txt"
    text.write_text("Hello")
    results = {path.name: read_file(path, sniff(path).kind) for path in (pdf, jpeg, text, ct_file)}
    assert isinstance(results["a.pdf"], Extracted) and results["a.pdf"].kind == "pdf"
    assert results["b.jpg"].kind == "image"
    assert results["c.txt"].kind == "other" and results["c.txt"].pages[0].text == "Hello"
    assert isinstance(results["ct.dcm"], DicomInstance)


def test_pdf_password_is_passed_on(tmp_path: Path, make_pdf) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=make_pdf(tmp_path / "a.pdf", ["Secret result"]))
    writer.encrypt(user_password="pw", algorithm="AES-256")
    writer.write(tmp_path / "locked.pdf")
    assert read_file(tmp_path / "locked.pdf", "pdf").locked
    opened = read_file(tmp_path / "locked.pdf", "pdf", pdf_password="pw")
    assert opened.pages[0].text == "Secret result"


def test_dicomdir_lists_its_files(testfile) -> None:
    result = read_file(testfile("dicomdirtests/DICOMDIR"), "dicomdir")
    assert result.kind == "dicomdir" and len(result.meta["files"]) == 31
    assert result.meta["missing"] == [] and result.meta["refused"] == []


def test_software_is_described_not_opened(tmp_path: Path) -> None:
    exe = tmp_path / "viewer.exe"
    exe.write_bytes(b"MZ" + b"\0" * 100)
    result = read_file(exe, "software")
    assert (result.kind, result.warnings) == ("software", [PROGRAM_WARNING])


def test_empty_and_unknown(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(UnreadableFile, match="empty"):
        read_file(empty, "empty")
    with pytest.raises(ValueError):
        read_file(empty, "spreadsheet")


def test_formats_layer_never_imports_qt() -> None:
    root = Path(__file__).resolve().parents[2]
    modules = sorted(p.stem for p in (root / "recordorg" / "formats").glob("*.py"))
    code = (
        "import sys\n"
        + "".join(f"import recordorg.formats.{name}\n" for name in modules)
        + "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5',"
        " 'PyQt6')]\nassert not bad, bad\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
