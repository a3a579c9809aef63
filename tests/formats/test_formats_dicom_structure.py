"""Tests for recordorg.formats.dicom_structure: the byte-level completeness walk."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordorg.formats.dicom_structure import CUT_IN_PIXELS, check_structure
from recordorg.formats.extracted import UnreadableFile


def test_native_pixel_data_found(ct_file: Path) -> None:
    structure = check_structure(ct_file, implicit=False, little_endian=True, start=132)
    pixels = structure.pixel_data
    assert pixels is not None and pixels.tag == 0x7FE00010
    assert pixels.length == 32 * 32 * 2
    assert pixels.offset + pixels.length == ct_file.stat().st_size


def test_fragments_counted(testfile) -> None:
    path = testfile("SC_rgb_rle_2frame.dcm")
    structure = check_structure(path, implicit=False, little_endian=True, start=132)
    assert structure.pixel_data.length is None
    assert structure.pixel_data.fragments == 2


def test_big_endian_and_implicit(testfile) -> None:
    big = check_structure(
        testfile("MR_small_bigendian.dcm"), implicit=False, little_endian=False, start=132
    )
    implicit = check_structure(
        testfile("MR_small_implicit.dcm"), implicit=True, little_endian=True, start=132
    )
    assert big.pixel_data.length == implicit.pixel_data.length == 64 * 64 * 2


def test_fragment_lengths_are_followed_not_searched(testfile) -> None:
    # the encoded data contains the bytes of a sequence delimiter; only lengths tell the end
    path = testfile("JPEG2000-embedded-sequence-delimiter.dcm")
    structure = check_structure(path, implicit=False, little_endian=True, start=132)
    assert structure.pixel_data.fragments == 1


def test_nested_sequences_of_undefined_length(testfile) -> None:
    structure = check_structure(
        testfile("nested_priv_SQ.dcm"), implicit=True, little_endian=True, start=132
    )
    assert structure.pixel_data.length == 2  # walked past the nested private sequences


def test_cut_in_pixels(tmp_path: Path, ct_file: Path) -> None:
    cut = tmp_path / "cut.dcm"
    cut.write_bytes(ct_file.read_bytes()[:-1])
    with pytest.raises(UnreadableFile, match=CUT_IN_PIXELS.replace("(", r"\(").replace(")", r"\)")):
        check_structure(cut, implicit=False, little_endian=True, start=132)
