"""Reading the text of scans and photos with Tesseract, turned upright and straightened first."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from recordorg.core.errors import UserError
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
    if sys.platform == "darwin":
        return "Install it with Homebrew: brew install tesseract tesseract-lang"
    if sys.platform.startswith("win"):
        return "Install Tesseract for Windows (the UB Mannheim installer) and restart recordorg."
    return (
        "Install it with your package manager, e.g. on Debian or Ubuntu: "
        "sudo apt install tesseract-ocr tesseract-ocr-deu tesseract-ocr-fra "
        "tesseract-ocr-spa tesseract-ocr-ita"
    )


def tesseract_command() -> str | None:
    """The Tesseract program, or None if it is not installed ($RECORDORG_TESSERACT overrides;
    set it to "none" to act as if it were missing)."""
    chosen = os.environ.get(TESSERACT_ENV)
    if chosen is not None:
        if chosen.strip().lower() in ("", "none"):
            return None
        return chosen if Path(chosen).is_file() else shutil.which(chosen)
    return shutil.which("tesseract")


def require_tesseract() -> str:
    command = tesseract_command()
    if command is None:
        raise OcrUnavailable(
            "Scans and photos cannot be read as text because Tesseract OCR is not installed; "
            "everything else works. " + install_hint()
        )
    return command


def _env() -> dict[str, str]:
    # One thread per Tesseract: the job runs one page per core, and OpenMP threads fighting
    # over the same cores made a page five times slower.
    return {**os.environ, "OMP_THREAD_LIMIT": "1"}


@lru_cache(maxsize=4)
def _list_languages(command: str) -> tuple[str, ...]:
    done = subprocess.run(
        [command, "--list-langs"], capture_output=True, text=True, timeout=30, env=_env()
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
            env=_env(),
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
