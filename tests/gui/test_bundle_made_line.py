"""How a bundle says who made it, when and with what: in the window's bundle view and the
printed summary, also when its dates were removed (no day, and no gap where it was)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recordorg.bundle.contents import made_sentence
from recordorg.bundle.reader import print_summary, read_bundle
from recordorg.gui.bundle.view import summary_html
from tests.bundle.conftest import demo_library, export  # noqa: F401 (fixture)


def test_the_sentence_leaves_out_what_is_not_known() -> None:
    assert made_sentence("2025-03-01", "Ana", "recordorg", "1.0") == (
        "Made 2025-03-01 by Ana with recordorg 1.0"
    )
    assert made_sentence("", "Ana", "recordorg", "1.0") == "Made by Ana with recordorg 1.0"
    assert made_sentence("", "", "recordorg", "1.0") == "Made with recordorg 1.0"


@pytest.fixture
def undated_bundle(demo_library: Path, tmp_path: Path) -> Path:  # noqa: F811
    return export(demo_library, tmp_path / "BUNDLE", deidentify=True, remove_dates=True)


def test_a_bundle_without_dates_says_who_made_it_without_a_gap(
    undated_bundle: Path, capsys: pytest.CaptureFixture
) -> None:
    opened = read_bundle(undated_bundle)
    try:
        shown = re.sub(r"<[^>]+>", "", summary_html(opened))
        print_summary(opened)
    finally:
        opened.close()
    printed = capsys.readouterr().out
    for text in (shown, printed):
        assert re.search(r"Made by Ana with recordorg \S+;", text), text
        assert "Made  " not in text
