"""Where Tesseract and Unicode fonts are usually installed on Windows, macOS and Linux."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

TESSERACT_FOLDER = "Tesseract-OCR"  # the Windows installers' folder name
MAC_PROGRAM_FOLDERS = ("/opt/homebrew/bin", "/usr/local/bin", "/opt/local/bin")
LINUX_PROGRAM_FOLDERS = ("/usr/bin", "/usr/local/bin", "/snap/bin")

# Unicode TrueType fonts by platform, widest letter cover first: (regular, bold or None).
FONT_FAMILIES: dict[str, tuple[tuple[str, str | None], ...]] = {
    "windows": (
        ("ARIALUNI.TTF", None),
        ("segoeui.ttf", "segoeuib.ttf"),
        ("arial.ttf", "arialbd.ttf"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ),
    "macos": (
        ("Arial Unicode.ttf", None),
        ("Arial.ttf", "Arial Bold.ttf"),
        ("Helvetica.ttc", None),  # a collection: its first face is the regular one
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ),
    "linux": (
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("FreeSans.ttf", "FreeSansBold.ttf"),
    ),
}
LINUX_FONT_FOLDERS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/dejavu-sans-fonts",
    "/usr/share/fonts/TTF",
    "/usr/share/fonts/truetype/noto",
    "/usr/share/fonts/noto",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-sans",
    "/usr/share/fonts/truetype/freefont",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
)


def platform_name() -> str:
    """ "windows", "macos" or "linux" (any other POSIX system is searched like Linux)."""
    if sys.platform.startswith("win"):
        return "windows"
    return "macos" if sys.platform == "darwin" else "linux"


def bundled_folders() -> list[Path]:
    """The folders of a frozen application (the executable's and the unpacked one), where the
    packaging puts the programs and fonts it carries; none when run from source."""
    if not getattr(sys, "frozen", False):
        return []
    folders = [Path(sys.executable).resolve().parent]
    unpacked = getattr(sys, "_MEIPASS", None)
    if unpacked and Path(unpacked) not in folders:
        folders.append(Path(unpacked))
    return folders


def _env_folder(name: str, *parts: str) -> list[Path]:
    value = os.environ.get(name)
    return [Path(value, *parts)] if value else []


def tesseract_folders() -> list[Path]:
    """Where Tesseract usually is on this platform, after a copy the application carries
    (the search path, $PATH, comes between the two: see `find_program`)."""
    bundled = [folder / sub for folder in bundled_folders() for sub in ("tesseract", "")]
    platform = platform_name()
    if platform == "windows":
        usual = [
            *(
                _env_folder("ProgramFiles", TESSERACT_FOLDER)
                or [Path("C:/Program Files", TESSERACT_FOLDER)]
            ),
            *_env_folder("ProgramFiles(x86)", TESSERACT_FOLDER),
            *_env_folder("LOCALAPPDATA", "Programs", TESSERACT_FOLDER),
            *_env_folder("LOCALAPPDATA", TESSERACT_FOLDER),
            *_env_folder("USERPROFILE", "scoop", "shims"),
        ]
    elif platform == "macos":
        usual = [Path(folder) for folder in MAC_PROGRAM_FOLDERS]
    else:
        usual = [Path(folder) for folder in LINUX_PROGRAM_FOLDERS]
    return bundled + _unique(usual)


def _unique(folders: list[Path]) -> list[Path]:
    return list(dict.fromkeys(folders))


def program_file(folder: Path, name: str) -> Path:
    return folder / (name + ".exe" if platform_name() == "windows" else name)


def find_program(name: str, folders: list[Path]) -> str | None:
    """The program `name`: a copy the application carries first, then the search path, then
    the platform's usual folders (a Mac app opened from the Dock has no Homebrew on its path,
    a Windows installer rarely adds itself to it)."""
    bundled = set(bundled_folders())
    carried = [folder for folder in folders if folder in bundled or folder.parent in bundled]
    for folder in carried:
        if program_file(folder, name).is_file():
            return str(program_file(folder, name))
    found = shutil.which(name)
    if found:
        return found
    for folder in folders:
        if program_file(folder, name).is_file():
            return str(program_file(folder, name))
    return None


def language_data_folder(program: str) -> Path | None:
    """The `tessdata` folder beside a Tesseract found outside the system's own folders (a
    Windows install or a bundled copy), which that Tesseract may not find by itself."""
    beside = Path(program).resolve().parent / "tessdata"
    return beside if beside.is_dir() else None


def font_folders() -> list[Path]:
    """The folders fonts are installed in on this platform, after the application's own."""
    bundled = [folder / "fonts" for folder in bundled_folders()]
    platform = platform_name()
    if platform == "windows":
        windows = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or "C:/Windows"
        usual = [
            Path(windows, "Fonts"),
            *_env_folder("LOCALAPPDATA", "Microsoft", "Windows", "Fonts"),
        ]
    elif platform == "macos":
        usual = [
            Path("/System/Library/Fonts/Supplemental"),
            Path("/Library/Fonts"),
            Path("~/Library/Fonts").expanduser(),
            Path("/System/Library/Fonts"),
        ]
    else:
        usual = [Path(folder).expanduser() for folder in LINUX_FONT_FOLDERS]
    return bundled + _unique(usual)


def find_unicode_font(folders: list[Path] | None = None) -> tuple[str, str | None] | None:
    """A TrueType font with wide Unicode cover and its bold face (None when it has none),
    best cover first; None when this computer has none of them: the writers then fall back to
    the PDF viewer's Helvetica, which draws only Western European letters."""
    folders = font_folders() if folders is None else folders
    for regular, bold in FONT_FAMILIES[platform_name()]:
        for folder in folders:
            if (folder / regular).is_file():
                bold_path = folder / bold if bold else None
                return str(folder / regular), (
                    str(bold_path) if bold_path and bold_path.is_file() else None
                )
    return None
