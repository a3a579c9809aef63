"""An image too large to decode safely stays compressed on the bundle's media, with a note."""

from __future__ import annotations

import pytest
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import JPEGBaseline8Bit

from recordorg.bundle.dicom_media import for_general_purpose_media
from recordorg.formats.dicom_values import decoded_size


def _cine(frames: int) -> Dataset:
    """An ultrasound cine loop's header: 1024 x 768 colour frames, JPEG compressed."""
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = JPEGBaseline8Bit
    ds.Rows, ds.Columns, ds.SamplesPerPixel, ds.BitsAllocated = 768, 1024, 3, 8
    ds.NumberOfFrames = frames
    ds.PhotometricInterpretation = "YBR_FULL_422"
    ds.PixelData = b"\xff\xd8\xff\xd9"  # never decoded
    return ds


def test_decoded_size_is_what_the_header_declares() -> None:
    assert decoded_size(_cine(2)) == 2 * 768 * 1024 * 3


def test_a_cine_too_large_to_decode_stays_compressed(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("decoded")

    monkeypatch.setattr(Dataset, "decompress", refuse)
    ds = _cine(2000)  # 4.4 GiB once decoded
    note = for_general_purpose_media(ds)
    assert "kept as it was stored" in note and "4.4 GB" in note
    assert ds.file_meta.TransferSyntaxUID == JPEGBaseline8Bit
