"""Reading the text of scans and photos with Tesseract, turned upright and straightened first."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from recordorg.core.errors import UserError
from recordorg.core.platform_paths import (
    find_program,
    language_data_folder,
    platform_name,
    tesseract_folders,
)
from recordorg.formats.deskew import skew_angle
from recordorg.formats.extracted import UnreadableFile

PREFERRED_LANGUAGES = ("eng", "deu", "fra", "spa", "ita")
RENDER_DPI = 300
LONGEST_SIDE = 4200  # larger pictures are reduced first: more pixels only cost time
SHORTEST_PAGE = 1600  # smaller pictures are enlarged: Tesseract wants letters ~20 px high
MIN_SKEW = 0.3  # degrees; less than this is left as it is
PAGE_TIME_LIMIT = 120.0
TESSERACT_ENV = "RECORDORG_TESSERACT"


class OcrUnavailable(UserError):
    """Tesseract is not installed (or not found), so scans cannot be read."""


def install_hint() -> str:
    """How to get Tesseract on the platform the user is on."""
    platform = platform_name()
    if platform == "macos":
        return (
            "Install Tesseract with Homebrew (brew.sh), in the Terminal: "
            "brew install tesseract tesseract-lang, then restart recordorg."
        )
    if platform == "windows":
        return (
            "Download the Tesseract installer for Windows from "
            "https://github.com/UB-Mannheim/tesseract/wiki, run it (tick the languages you "
            "need), then restart recordorg."
        )
    return (
        "Install Tesseract from your distribution's packages, e.g. on Debian or "
        "Ubuntu: sudo apt install tesseract-ocr tesseract-ocr-deu tesseract-ocr-fra "
        "tesseract-ocr-spa tesseract-ocr-ita; on Fedora: sudo dnf install tesseract "
        "tesseract-langpack-deu; then restart recordorg."
    )


def tesseract_command() -> str | None:
    """The Tesseract program, or None if it is not installed: $RECORDORG_TESSERACT if set
    ("none" acts as if it were missing), else a copy the application carries, the search path,
    and the platform's usual install folders (Program Files, Homebrew, MacPorts)."""
    chosen = os.environ.get(TESSERACT_ENV)
    if chosen is not None:
        if chosen.strip().lower() in ("", "none"):
            return None
        if Path(chosen).is_file():
            return chosen
        return shutil.which(chosen)
    return find_program("tesseract", tesseract_folders())


def require_tesseract() -> str:
    command = tesseract_command()
    if command is None:
        raise OcrUnavailable(
            "Scans and photos cannot be read as text because Tesseract OCR is not installed; "
            "everything else works. " + install_hint()
        )
    return command


def _env(command: str) -> dict[str, str]:
    # One thread per Tesseract: the job runs one page per core, and OpenMP threads fighting
    # over the same cores made a page five times slower.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    # A Tesseract from a Windows install or carried by the application finds its language
    # data beside itself; $TESSDATA_PREFIX, when the user set it, wins.
    data = None if env.get("TESSDATA_PREFIX") else language_data_folder(command)
    if data is not None:
        env["TESSDATA_PREFIX"] = str(data)
    return env


@lru_cache(maxsize=4)
def _list_languages(command: str) -> tuple[str, ...]:
    done = subprocess.run(
        [command, "--list-langs"], capture_output=True, text=True, timeout=30, env=_env(command)
    )
    lines = (done.stdout + "\n" + done.stderr).splitlines()
    return tuple(line.strip() for line in lines if re.fullmatch(r"[A-Za-z_]+", line.strip()))


def installed_languages() -> list[str]:
    """The languages Tesseract has installed (e.g. ["deu", "eng", "osd"])."""
    return list(_list_languages(require_tesseract()))


def choose_languages(setting: str = "auto") -> str:
    """The "-l" argument: the languages asked for (or the preferred ones) that are installed."""
    installed = set(installed_languages())
    wanted = PREFERRED_LANGUAGES if setting in ("", "auto") else tuple(setting.split("+"))
    chosen = [lang for lang in wanted if lang in installed]
    if not chosen:
        chosen = [lang for lang in sorted(installed) if lang != "osd"][:1]
    if not chosen:
        raise OcrUnavailable(
            "Tesseract is installed without any language to read. " + install_hint()
        )
    return "+".join(chosen)


@dataclass
class OcrPage:
    """The text read from one page, and how the picture was straightened first."""

    text: str
    sideways: bool = False  # the lines ran up or down the picture (turned by Tesseract's OSD)
    skew: float = 0.0  # degrees of tilt corrected
    languages: str = ""


def _run(command: str, image: Image.Image, args: list[str], timeout: float) -> str:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)
    try:
        done = subprocess.run(
            [command, "stdin", "stdout", *args],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=timeout,
            env=_env(command),
        )
    except subprocess.TimeoutExpired:
        raise UnreadableFile("Reading the text of this page took too long.") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise UnreadableFile(f"Tesseract could not read this page ({message[0][:200]}).")
    return done.stdout.decode("utf-8", "replace")


def prepare(image: Image.Image) -> Image.Image:
    """Greyscale, at a size Tesseract reads well."""
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("L", "1"):
        image = image.convert("RGBA").convert("RGB") if "A" in image.mode else image
        image = image.convert("L")
    elif image.mode == "1":
        image = image.convert("L")
    longest = max(image.size)
    if longest > LONGEST_SIDE:
        scale = LONGEST_SIDE / longest
    elif max(image.size) < SHORTEST_PAGE:
        scale = min(3.0, SHORTEST_PAGE / longest)
    else:
        scale = 1.0
    if scale != 1.0:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image


def ocr_image(
    image: Image.Image, languages: str | None = None, timeout: float = PAGE_TIME_LIMIT
) -> OcrPage:
    """Straighten the page and read its text; Tesseract's orientation detection (OSD, page
    segmentation mode 1) turns a sideways or upside-down page upright in the same pass."""
    command = require_tesseract()
    languages = languages or choose_languages()
    image = prepare(image)
    skew, sideways = skew_angle(image)
    if abs(skew) >= MIN_SKEW:
        image = image.rotate(skew, Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    else:
        skew = 0.0
    mode = "1" if "osd" in _list_languages(command) else "3"
    text = _run(command, image, ["-l", languages, "--psm", mode, "--dpi", str(RENDER_DPI)], timeout)
    text = re.sub(r"\n{3,}", "\n\n", text.replace("\f", "")).strip()
    return OcrPage(text, sideways, round(skew, 2), languages)


def page_image(path: Path, kind: str, number: int, dpi: int = RENDER_DPI) -> Image.Image:
    """One page of a PDF (drawn at `dpi`) or of a picture (a frame of a TIFF), 1-based."""
    if kind == "pdf":
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        try:
            page = doc[number - 1]
            try:
                width, height = page.get_size()
                longest = max(width, height, 1.0)
                scale = min(dpi / 72, LONGEST_SIDE / longest)  # a poster-sized page stays sane
                return page.render(scale=scale, grayscale=True).to_pil()
            finally:
                page.close()
        finally:
            doc.close()
    from recordorg.formats import image as image_format  # registers HEIC, sets pixel limits

    with Image.open(path) as im:
        if image_format.MAX_PIXELS and im.width * im.height > image_format.MAX_PIXELS:
            raise UnreadableFile("This image is too large to read safely.")
        im.seek(number - 1)
        upright = ImageOps.exif_transpose(im) if number == 1 else im.copy()
        upright.load()
        return upright


def ocr_page(path: str, kind: str, number: int, languages: str) -> OcrPage:
    """Read one page of a stored file (runs in a worker process)."""
    try:
        image = page_image(Path(path), kind, number)
    except UnreadableFile:
        raise
    except Exception as error:  # a damaged page is this page's failure, not a bug
        raise UnreadableFile(f"This page could not be drawn for reading ({error}).") from None
    return ocr_image(image, languages)
