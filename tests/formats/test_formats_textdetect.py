"""Tests for recordorg.formats.textdetect."""

from __future__ import annotations

from recordorg.formats.textdetect import decode_text


def test_encodings() -> None:
    assert decode_text("Zürich".encode()).encoding == "utf-8"
    assert decode_text("Zürich".encode("cp1252")).text == "Zürich"
    assert decode_text("Zürich".encode("utf-16")).text == "Zürich"
    assert decode_text(b"").text == ""


def test_binary_is_not_text() -> None:
    assert decode_text(b"abc\x00def") is None
    assert decode_text(bytes(range(1, 32)) * 10) is None
    assert decode_text(b"\x81\x8d\x8f\x90\x9d") is None  # undefined in Windows-1252


def test_partial_data_may_end_inside_a_character() -> None:
    data = "ééé".encode()[:-1]
    assert decode_text(data) is not None  # cp1252 still reads it, as mojibake
    assert decode_text(data, partial=True).text == "éé"
