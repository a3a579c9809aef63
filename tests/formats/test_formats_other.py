"""Tests for recordorg.formats.other: text files give their text, anything else never fails."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from recordorg.formats import other
from recordorg.formats.extracted import PageText
from recordorg.formats.other import read_other

NOTE = "Appointment: oncology, 12 March\r\nBring the CT disc.\r\nQuestions: naïve T-cells?\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_file_becomes_one_page(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(NOTE.encode(encoding))
    result = read_other(path)
    assert (result.kind, result.mime, result.page_count) == ("other", "text/plain", 1)
    assert result.pages == [PageText(1, NOTE.replace("\r\n", "\n"), "text-layer")]


def test_binary_file_has_no_pages(tmp_path: Path) -> None:
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 8)
    result = read_other(path)
    assert (result.pages, result.page_count, result.mime) == ([], 0, "application/octet-stream")


def test_never_fails_on_arbitrary_bytes(tmp_path: Path) -> None:
    rng = random.Random(1234)
    for size in (1, 2, 3, 7, 100, 5000):
        path = tmp_path / f"r{size}"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(size)))
        assert read_other(path).kind == "other"


def test_long_text_is_cut_with_a_warning(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(other, "MAX_TEXT_BYTES", 101)
    path = tmp_path / "long.txt"
    path.write_bytes(("é" * 100).encode())  # 200 bytes; the cut falls inside a character
    result = read_other(path, mime="text/plain")
    assert result.pages[0].text == "é" * 50
    assert result.warnings == ["This text file is very long; only its first part can be searched."]


def test_office_document_keeps_its_mime(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "letter.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    result = read_other(path)
    assert result.mime.endswith("wordprocessingml.document") and result.pages == []
