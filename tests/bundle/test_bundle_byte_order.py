"""Big endian DICOM goes on the bundle's media in Explicit VR Little Endian: every value whose
bytes depend on the byte order swapped, checked against pydicom's little endian copies of the
same files; what cannot be swapped knowingly stays as it was stored, with a note in words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.uid import ExplicitVRBigEndian, ExplicitVRLittleEndian

from recordorg.bundle import byte_order
from recordorg.bundle.dicom_media import for_general_purpose_media

PYDICOM_FILES = Path(pydicom.__file__).parent / "data" / "test_files"
# pydicom ships each of these big endian files with a little endian copy of the same data.
LITTLE_ENDIAN_COPIES = {
    "MR_small_bigendian.dcm": "MR_small.dcm",  # 16-bit signed, OW
    "MR_small_expb.dcm": "MR_small.dcm",
    "rtdose_expb.dcm": "rtdose.dcm",  # 32-bit, 15 frames, sequences with AT values
    "rtdose_expb_1frame.dcm": "rtdose_1frame.dcm",
    "SC_rgb_small_odd_big_endian.dcm": "SC_rgb_small_odd.dcm",  # 8-bit RGB as OW, odd length
    "liver_expb_1frame.dcm": "liver_1frame.dcm",  # 1-bit, OB
}


def read(name: str) -> pydicom.Dataset:
    path = PYDICOM_FILES / name
    if not path.is_file():
        pytest.skip(f"pydicom test file {name} is not installed")
    return pydicom.dcmread(path)


def written(ds: pydicom.Dataset, tmp_path: Path) -> pydicom.Dataset:
    path = tmp_path / "out.dcm"
    pydicom.dcmwrite(path, ds, enforce_file_format=True)
    return pydicom.dcmread(path)


@pytest.mark.parametrize("name", sorted(LITTLE_ENDIAN_COPIES))
def test_a_big_endian_file_is_written_as_its_little_endian_copy(name: str, tmp_path: Path) -> None:
    ds = read(name)
    shown = ds.pixel_array.copy()
    assert for_general_purpose_media(ds) == ""
    out = written(ds, tmp_path)
    assert out.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    copy = read(LITTLE_ENDIAN_COPIES[name])
    assert out.PixelData == copy.PixelData
    assert np.array_equal(out.pixel_array, shown)
    for element in copy:  # numbers, in sequences too (AT, US, UL, FD...)
        if element.tag.group not in (0x7FE0, 0xFFFC) and element.tag.element != 0:
            assert out[element.tag] == element


def test_an_8_bit_image_stored_as_bytes_is_written_little_endian(tmp_path: Path) -> None:
    ds = read("ExplVR_BigEnd.dcm")
    shown = ds.pixel_array.copy()
    assert for_general_purpose_media(ds) == ""
    out = written(ds, tmp_path)
    assert out.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    assert np.array_equal(out.pixel_array, shown) and out.PatientName == ds.PatientName


def test_an_element_of_unknown_kind_keeps_the_file_as_stored() -> None:
    """A UN value's byte order cannot be known: the file stays big endian, untouched."""
    ds = read("MR_small_bigendian.dcm")
    ds.add_new(0x00091010, "UN", b"\x00\x01\x00\x02")
    stored = bytes(ds.PixelData)
    note = for_general_purpose_media(ds)
    assert "kept as it was stored" in note and "element of unknown kind" in note
    assert "Error" not in note
    assert ds.file_meta.TransferSyntaxUID == ExplicitVRBigEndian and ds.PixelData == stored


def test_a_check_that_fails_puts_every_value_back(monkeypatch: pytest.MonkeyPatch) -> None:
    def differs(ds: pydicom.Dataset, before: object) -> None:
        raise byte_order.CannotSwap("written again its pixels were not the same")

    monkeypatch.setattr(byte_order, "_check", differs)
    ds = read("SC_rgb_small_odd_big_endian.dcm")
    stored = bytes(ds.PixelData)
    note = for_general_purpose_media(ds)
    assert "its pixels were not the same" in note
    assert ds.file_meta.TransferSyntaxUID == ExplicitVRBigEndian and ds.PixelData == stored
    assert np.array_equal(ds.pixel_array, read("SC_rgb_small_odd.dcm").pixel_array)


def test_a_value_kept_as_bytes_is_swapped_by_its_word_size() -> None:
    """OF (and OW, OL, OD) values inside a sequence item are swapped like the pixels."""
    ds = read("MR_small_bigendian.dcm")
    item = pydicom.Dataset()
    item.add_new(0x00660016, "OF", np.array([1.5, -2.0], dtype=">f4").tobytes())
    ds.add_new(0x00091020, "SQ", [item])
    ds[0x00091020].private_creator = None
    assert for_general_purpose_media(ds) == ""
    value = ds[0x00091020].value[0][0x00660016].value
    assert np.frombuffer(value, dtype="<f4").tolist() == [1.5, -2.0]
