"""Names a user gave, written safely on Windows, macOS and Linux."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from recordorg.core.file_names import (
    MAX_NAME_BYTES,
    MAX_PATH,
    is_reserved,
    name_problem,
    path_within_limit,
    portable_name,
)


@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("scan.pdf", "scan.pdf"),
        ("CON", "_CON"),
        ("aux.pdf", "_aux.pdf"),
        ("Lpt1.report.txt", "_Lpt1.report.txt"),
        ("com¹.jpg", "_com¹.jpg"),
        ("report 12:30.pdf", "report 12_30.pdf"),
        ('a<b>c"d|e?f*g.pdf', "a_b_c_d_e_f_g.pdf"),
        ("letter.pdf. . ", "letter.pdf"),
        ("  spaced  ", "spaced"),
        ("folder/inner\\name.pdf", "name.pdf"),
        ("..", "record"),
        ("", "record"),
        ("tab\there.pdf", "tab_here.pdf"),
        ("console.pdf", "console.pdf"),  # only the device names themselves
    ],
)
def test_names_windows_refuses_are_made_acceptable(given: str, written: str) -> None:
    assert portable_name(given) == written


def test_a_long_name_is_shortened_and_keeps_its_extension() -> None:
    name = portable_name("é" * 300 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.startswith("éé")


def test_reserved_names_are_recognised_whatever_their_case() -> None:
    assert is_reserved("nul") and is_reserved("Prn.txt") and not is_reserved("nullify.txt")


def test_a_path_stays_within_windows_limit(tmp_path: Path) -> None:
    folder = tmp_path / ("deep" * 40)
    path = path_within_limit(folder, "x" * 200 + ".pdf")
    assert len(str(path)) < MAX_PATH
    assert path.suffix == ".pdf" and path.parent == folder


def test_a_name_windows_refuses_says_why_and_a_good_name_says_nothing() -> None:
    assert "character" in name_problem("a:b")
    assert "dot or a space" in name_problem("review. ")
    assert "NUL" in name_problem("nul.txt")
    assert "too long" in name_problem("x" * 300)
    assert name_problem("Case review 2025.zip") == ""
    assert name_problem(unicodedata.normalize("NFD", "Résumé")) == ""  # macOS spelling
