"""Reading scans with Tesseract: languages, straightening, turned pages, and a missing install."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from recordorg.formats.deskew import skew_angle
from recordorg.formats.ocr import (
    OcrUnavailable,
    choose_languages,
    installed_languages,
    ocr_image,
    require_tesseract,
    tesseract_command,
)
from recordorg.samples.render import render_page

LINES = [
    "Surgical Pathology Report",
    "Collected: 02/14/2023   Reported: 02/17/2023",
    "FINAL DIAGNOSIS: invasive ductal carcinoma of the left breast.",
]

needs_tesseract = pytest.mark.skipif(
    tesseract_command() is None and not os.environ.get("CI"),
    reason="Tesseract is not installed here (.ci/run installs it, so CI runs these)",
)


def page(lines: list[str] = LINES) -> Image.Image:
    return render_page(lines, (1240, 1754))  # A4 at 150 dpi: quick to read


def test_skew_and_sideways_are_measured() -> None:
    upright = page(LINES * 6)
    angle, sideways = skew_angle(upright.rotate(5, expand=True, fillcolor=250))
    assert abs(angle + 5) <= 0.3 and not sideways
    angle, sideways = skew_angle(
        upright.rotate(90, expand=True).rotate(-3, expand=True, fillcolor=250)
    )
    assert abs(angle - 3) <= 0.3 and sideways
    assert skew_angle(Image.new("L", (300, 300), 255)) == (0.0, False)


def test_missing_tesseract_is_said_plainly_with_how_to_install(monkeypatch) -> None:
    monkeypatch.setenv("RECORDORG_TESSERACT", "none")
    assert tesseract_command() is None
    with pytest.raises(OcrUnavailable) as caught:
        require_tesseract()
    message = str(caught.value)
    assert "not installed" in message and "everything else works" in message
    assert "apt install tesseract-ocr" in message or "brew" in message or "Windows" in message


@needs_tesseract
def test_languages_come_from_tesseract() -> None:
    installed = installed_languages()
    assert "eng" in installed
    chosen = choose_languages()
    assert chosen.startswith("eng") and "osd" not in chosen.split("+")
    assert choose_languages("eng+klingon") == "eng"


@needs_tesseract
def test_a_tilted_page_is_read() -> None:
    result = ocr_image(page().rotate(-4, expand=True, fillcolor=250), "eng")
    assert "Surgical Pathology Report" in result.text
    assert "02/17/2023" in result.text and "carcinoma" in result.text
    assert abs(result.skew - 4) <= 0.5


@needs_tesseract
def test_an_upside_down_page_is_turned_upright() -> None:
    result = ocr_image(page(LINES * 3).rotate(180), "eng")
    assert "invasive ductal carcinoma" in result.text


@needs_tesseract
def test_german_text_keeps_its_letters() -> None:
    lines = [
        "Histologischer Befund",
        "Größe des Tumors: 12 mm, Östrogenrezeptor positiv.",
        "Untersuchung vom 14.02.2025",
    ]
    if "deu" not in installed_languages():
        pytest.skip("the German language pack is not installed")
    result = ocr_image(page(lines), "eng+deu")
    assert "Östrogenrezeptor" in result.text and "14.02.2025" in result.text
