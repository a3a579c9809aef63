"""The review PDF's Unicode font comes from the platform's folders, with Helvetica as fallback."""

from __future__ import annotations

import pytest

from recordorg.bundle.review_layout import Pages
from recordorg.core.case import timeline_text


def test_no_unicode_font_falls_back_to_helvetica(monkeypatch) -> None:
    monkeypatch.setattr(timeline_text, "find_unicode_font", lambda: None)
    timeline_text.font_path.cache_clear()
    try:
        assert timeline_text.font_path() is None
        assert Pages("Łukasz", unicode=True).family == "Helvetica"
    finally:
        timeline_text.font_path.cache_clear()


def test_the_font_found_is_the_one_the_pdf_uses(monkeypatch) -> None:
    found = timeline_text.find_unicode_font()
    if found is None:
        pytest.skip("this computer has no Unicode TrueType font: the fallback above applies")
    monkeypatch.setattr(timeline_text, "find_unicode_font", lambda: (found[0], None))
    timeline_text.font_path.cache_clear()
    try:
        assert timeline_text.font_path() == found[0] and timeline_text.font_path(True) is None
        assert Pages("Łukasz", unicode=True).family == "Sans"
    finally:
        timeline_text.font_path.cache_clear()
