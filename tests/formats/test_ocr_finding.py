"""Finding Tesseract and its language data, and saying how to install it, per platform."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from recordorg.formats import ocr
from recordorg.formats.ocr import OcrUnavailable, require_tesseract, tesseract_command


def program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


def test_the_environment_variable_wins_over_every_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "pf"))
    program(tmp_path / "pf" / "Tesseract-OCR" / "tesseract.exe")
    chosen = program(tmp_path / "mine" / "tesseract-5.exe")
    monkeypatch.setenv("RECORDORG_TESSERACT", str(chosen))
    assert tesseract_command() == str(chosen)
    monkeypatch.setenv("RECORDORG_TESSERACT", "none")
    assert tesseract_command() is None
    monkeypatch.delenv("RECORDORG_TESSERACT")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert tesseract_command() == str(tmp_path / "pf" / "Tesseract-OCR" / "tesseract.exe")


def test_language_data_beside_a_windows_install_is_passed_on(monkeypatch, tmp_path) -> None:
    command = program(tmp_path / "Tesseract-OCR" / "tesseract.exe")
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    assert "TESSDATA_PREFIX" not in ocr._env(str(command))  # no tessdata folder: left alone
    (command.parent / "tessdata").mkdir()
    env = ocr._env(str(command))
    assert env["TESSDATA_PREFIX"] == str((command.parent / "tessdata").resolve())
    assert env["OMP_THREAD_LIMIT"] == "1"
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "own"))
    assert ocr._env(str(command))["TESSDATA_PREFIX"] == str(tmp_path / "own")


@pytest.mark.parametrize(
    ("platform", "says", "never"),
    [
        ("win32", ["installer for Windows", "UB-Mannheim"], ["brew", "apt"]),
        ("darwin", ["brew install tesseract tesseract-lang"], ["apt", "installer for Windows"]),
        ("linux", ["apt install tesseract-ocr", "dnf install tesseract"], ["brew", "Windows"]),
    ],
)
def test_the_missing_tesseract_message_says_how_to_get_it_here(
    monkeypatch, platform, says, never
) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setenv("RECORDORG_TESSERACT", "none")
    with pytest.raises(OcrUnavailable) as caught:
        require_tesseract()
    message = str(caught.value)
    assert "not installed" in message and "restart recordorg" in message
    assert all(words in message for words in says), message
    assert not any(words in message for words in never), message
