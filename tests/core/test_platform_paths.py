"""Tesseract and Unicode fonts found where Windows, macOS and Linux usually install them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from recordorg.core import platform_paths
from recordorg.core.platform_paths import (
    find_program,
    find_unicode_font,
    font_folders,
    platform_name,
    tesseract_folders,
)


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


@pytest.fixture
def windows(monkeypatch, tmp_path):
    """A faked Windows: its usual folders are temporary ones, the search path empty."""
    monkeypatch.setattr(sys, "platform", "win32")
    for name in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA", "USERPROFILE", "WINDIR"):
        monkeypatch.setenv(name, str(tmp_path / name))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    return tmp_path


@pytest.mark.parametrize(
    ("platform", "name"),
    [("win32", "windows"), ("darwin", "macos"), ("linux", "linux"), ("freebsd14", "linux")],
)
def test_platform_names(monkeypatch, platform, name) -> None:
    monkeypatch.setattr(sys, "platform", platform)
    assert platform_name() == name


def test_windows_tesseract_in_program_files_before_the_users_own(windows) -> None:
    assert find_program("tesseract", tesseract_folders()) is None
    own = touch(windows / "LOCALAPPDATA" / "Programs" / "Tesseract-OCR" / "tesseract.exe")
    assert find_program("tesseract", tesseract_folders()) == str(own)
    system = touch(windows / "ProgramFiles" / "Tesseract-OCR" / "tesseract.exe")
    assert find_program("tesseract", tesseract_folders()) == str(system)


def test_windows_older_installer_folder_and_program_without_exe_ignored(windows) -> None:
    touch(windows / "ProgramFiles" / "Tesseract-OCR" / "tesseract")  # not a Windows program
    old = touch(windows / "ProgramFiles(x86)" / "Tesseract-OCR" / "tesseract.exe")
    assert find_program("tesseract", tesseract_folders()) == str(old)


def test_the_search_path_comes_before_the_usual_folders(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    usual = touch(tmp_path / "usr" / "bin" / "tesseract")
    monkeypatch.setattr(platform_paths, "LINUX_PROGRAM_FOLDERS", (str(usual.parent),))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_program("tesseract", tesseract_folders()) == str(usual)
    on_path = touch(tmp_path / "bin" / "tesseract")
    on_path.chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path.parent))
    assert find_program("tesseract", tesseract_folders()) == str(on_path)


def test_a_copy_beside_the_frozen_app_comes_first(windows, monkeypatch) -> None:
    app = windows / "recordorg"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(touch(app / "recordorg.exe")))
    monkeypatch.setattr(sys, "_MEIPASS", str(app / "_internal"), raising=False)
    touch(windows / "ProgramFiles" / "Tesseract-OCR" / "tesseract.exe")
    carried = touch(app / "_internal" / "tesseract" / "tesseract.exe")
    folders = tesseract_folders()
    assert folders[:2] == [app / "tesseract", app]
    assert find_program("tesseract", folders) == str(carried)


def test_macos_homebrew_then_usr_local_then_macports(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    brew, local, ports = (tmp_path / name for name in ("homebrew", "local", "macports"))
    monkeypatch.setattr(platform_paths, "MAC_PROGRAM_FOLDERS", (str(brew), str(local), str(ports)))
    touch(ports / "tesseract")
    assert find_program("tesseract", tesseract_folders()) == str(ports / "tesseract")
    touch(local / "tesseract")
    assert find_program("tesseract", tesseract_folders()) == str(local / "tesseract")
    touch(brew / "tesseract")
    assert find_program("tesseract", tesseract_folders()) == str(brew / "tesseract")


def test_the_real_macos_list_names_homebrew_and_macports(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert tesseract_folders() == [
        Path("/opt/homebrew/bin"),
        Path("/usr/local/bin"),
        Path("/opt/local/bin"),
    ]


def test_windows_without_its_folder_variables_looks_in_c_program_files(monkeypatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    for name in ("ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA", "USERPROFILE"):
        monkeypatch.delenv(name, raising=False)
    assert tesseract_folders() == [Path("C:/Program Files/Tesseract-OCR")]


def test_windows_fonts_widest_cover_first(windows) -> None:
    fonts = windows / "WINDIR" / "Fonts"
    assert find_unicode_font() is None  # the writers then fall back to Helvetica
    touch(fonts / "arial.ttf")
    touch(fonts / "arialbd.ttf")
    assert find_unicode_font() == (str(fonts / "arial.ttf"), str(fonts / "arialbd.ttf"))
    touch(fonts / "segoeui.ttf")
    assert find_unicode_font() == (str(fonts / "segoeui.ttf"), None)  # its bold is missing
    touch(fonts / "ARIALUNI.TTF")
    assert find_unicode_font() == (str(fonts / "ARIALUNI.TTF"), None)


def test_windows_fonts_installed_for_one_user_are_found(windows) -> None:
    own = windows / "LOCALAPPDATA" / "Microsoft" / "Windows" / "Fonts"
    touch(own / "DejaVuSans.ttf")
    assert font_folders()[-1] == own
    assert find_unicode_font() == (str(own / "DejaVuSans.ttf"), None)


def test_macos_fonts_arial_unicode_then_arial_then_helvetica(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert Path("/System/Library/Fonts/Supplemental") in font_folders()
    supplemental, library, system = tmp_path / "Supplemental", tmp_path / "Lib", tmp_path / "Sys"
    folders = [supplemental, library, system]
    touch(system / "Helvetica.ttc")
    assert find_unicode_font(folders) == (str(system / "Helvetica.ttc"), None)
    touch(supplemental / "Arial.ttf")
    touch(supplemental / "Arial Bold.ttf")
    assert find_unicode_font(folders) == (
        str(supplemental / "Arial.ttf"),
        str(supplemental / "Arial Bold.ttf"),
    )
    touch(library / "Arial Unicode.ttf")
    assert find_unicode_font(folders) == (str(library / "Arial Unicode.ttf"), None)


def test_linux_fonts_dejavu_first_and_a_bundled_copy_before_the_system(
    monkeypatch, tmp_path
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    system = tmp_path / "share" / "fonts"
    monkeypatch.setattr(platform_paths, "LINUX_FONT_FOLDERS", (str(system),))
    touch(system / "LiberationSans-Regular.ttf")
    assert find_unicode_font()[0] == str(system / "LiberationSans-Regular.ttf")
    touch(system / "DejaVuSans.ttf")
    touch(system / "DejaVuSans-Bold.ttf")
    assert find_unicode_font() == (
        str(system / "DejaVuSans.ttf"),
        str(system / "DejaVuSans-Bold.ttf"),
    )
    app = tmp_path / "app"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(touch(app / "recordorg")))
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    carried = touch(app / "fonts" / "DejaVuSans.ttf")
    assert find_unicode_font() == (str(carried), None)
