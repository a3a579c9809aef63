"""Sample DICOM series read back with pydicom: geometry, UIDs, transfer syntaxes, pixels."""

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.errors import InvalidDicomError
from pydicom.pixels import apply_modality_lut
from pydicom.uid import (
    DeflatedExplicitVRLittleEndian,
    ExplicitVRLittleEndian,
    ImplicitVRLittleEndian,
    JPEG2000Lossless,
    JPEGBaseline8Bit,
    RLELossless,
)

from recordorg.samples.dicom import make_colour_us, make_multiframe, make_series

LOSSLESS = [ImplicitVRLittleEndian, RLELossless, JPEG2000Lossless]


def _read_all(paths: list[Path]) -> list[pydicom.Dataset]:
    return [pydicom.dcmread(p) for p in paths]


def test_ct_series_geometry_and_identity(tmp_path: Path) -> None:
    paths = make_series(tmp_path / "ct", slices=20, study_date="20240422")
    assert [p.name for p in paths] == [f"IM{n:05d}" for n in range(1, 21)]
    series = _read_all(paths)
    assert len({ds.SeriesInstanceUID for ds in series}) == 1
    assert len({ds.StudyInstanceUID for ds in series}) == 1
    assert len({ds.SOPInstanceUID for ds in series}) == 20
    assert [ds.InstanceNumber for ds in series] == list(range(1, 21))
    zs = [float(ds.ImagePositionPatient[2]) for ds in series]
    assert np.allclose(np.diff(zs), -5.0)
    assert all(float(ds.SliceLocation) == z for ds, z in zip(series, zs, strict=True))
    first = series[0]
    assert first.file_meta.MediaStorageSOPInstanceUID == first.SOPInstanceUID
    assert first.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
    assert str(first.PatientName) == "EXAMPLE^MARIA" and first.PatientID == "RG-0001"
    assert first.PatientBirthDate == "19610412" and first.PatientAge == "063Y"
    assert first.StudyDate == first.SeriesDate == "20240422"
    assert first.StudyTime and first.StudyID  # needed by DICOMDIR writers
    assert first.InstitutionName == "Riverside General Hospital"
    assert first.StudyDescription == "CT CHEST ABDOMEN PELVIS W CONTRAST"
    assert first.BodyPartExamined == "CHEST" and first.Modality == "CT"
    assert first.WindowCenter[0] == 40 and first.WindowWidth[0] == 400
    assert not any(elem.tag.is_private for elem in first)
    hu = apply_modality_lut(series[10].pixel_array, series[10])
    assert hu.shape == (128, 128)
    assert hu[:5, :5].mean() < -900  # air outside the body
    assert -50 < np.median(hu[54:74, 54:74]) < 120  # soft tissue in the middle
    assert hu.max() > 500  # bone


def test_mr_series_defaults(tmp_path: Path) -> None:
    series = _read_all(make_series(tmp_path / "mr", modality="MR", slices=6, rows=96, cols=96))
    first = series[0]
    assert first.Modality == "MR" and first.BodyPartExamined == "HEAD"
    assert first.StudyDescription == "MRI BRAIN W WO CONTRAST"
    zs = [float(ds.ImagePositionPatient[2]) for ds in series]
    assert np.allclose(np.diff(zs), 5.0)
    assert first.pixel_array.shape == (96, 96) and "RescaleSlope" not in first
    assert float(first.PixelSpacing[0]) * 96 == pytest.approx(230, abs=0.01)


@pytest.mark.parametrize("modality", ["CT", "MR"])
@pytest.mark.parametrize("syntax", LOSSLESS)
def test_lossless_syntaxes_decode_to_the_same_pixels(
    tmp_path: Path, modality: str, syntax: str
) -> None:
    plain = make_series(tmp_path / "plain", modality=modality, slices=2)
    packed = make_series(tmp_path / "packed", modality=modality, slices=2, transfer_syntax=syntax)
    for a, b in zip(_read_all(plain), _read_all(packed), strict=True):
        assert b.file_meta.TransferSyntaxUID == syntax
        assert a.SOPInstanceUID == b.SOPInstanceUID
        assert np.array_equal(a.pixel_array, b.pixel_array)
    if syntax != ImplicitVRLittleEndian:
        assert packed[0].stat().st_size < plain[0].stat().st_size


@pytest.mark.parametrize("modality", ["CT", "MR"])
def test_jpeg_baseline_is_eight_bit_and_close(tmp_path: Path, modality: str) -> None:
    plain = _read_all(make_series(tmp_path / "p", modality=modality, slices=1))[0]
    jpeg = _read_all(
        make_series(tmp_path / "j", modality=modality, slices=1, transfer_syntax=JPEGBaseline8Bit)
    )[0]
    assert jpeg.file_meta.TransferSyntaxUID == JPEGBaseline8Bit
    assert jpeg.BitsAllocated == 8 and jpeg.LossyImageCompression == "01"
    pixels = jpeg.pixel_array
    assert pixels.dtype == np.uint8
    expected = np.minimum(plain.pixel_array, 4095) // 16
    assert np.abs(pixels.astype(int) - expected).mean() < 3


def test_big_slices_are_about_half_a_megabyte(tmp_path: Path) -> None:
    (path,) = make_series(tmp_path, slices=1, rows=512, cols=512)
    assert 512 * 512 * 2 < path.stat().st_size < 600_000
    ds = pydicom.dcmread(path)
    assert ds.pixel_array.shape == (512, 512)
    assert float(ds.PixelSpacing[0]) * 512 == pytest.approx(380, abs=0.01)


def test_files_without_preamble(tmp_path: Path) -> None:
    (bare,) = make_series(tmp_path / "bare", slices=1, preamble=False)
    data = bare.read_bytes()
    assert data[128:132] != b"DICM" and data[:4] == b"\x08\x00\x05\x00"  # (0008,0005) first
    with pytest.raises(InvalidDicomError):
        pydicom.dcmread(bare)
    ds = pydicom.dcmread(bare, force=True)
    assert ds.Modality == "CT" and "TransferSyntaxUID" not in ds.file_meta
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian  # what a reader must infer
    assert ds.pixel_array.shape == (128, 128)
    (packed,) = make_series(tmp_path / "rle", slices=1, preamble=False, transfer_syntax=RLELossless)
    assert packed.read_bytes()[:4] == b"\x02\x00\x00\x00"  # file meta group, no preamble
    assert pydicom.dcmread(packed, force=True).pixel_array.shape == (128, 128)


def test_names_uids_and_determinism(tmp_path: Path) -> None:
    a = make_series(tmp_path / "a", slices=2, file_names=None)
    b = make_series(tmp_path / "b", slices=2, file_names=None)
    assert [p.name for p in a] == [p.name for p in b]
    assert a[0].read_bytes() == b[0].read_bytes()
    ds = pydicom.dcmread(a[0])
    assert a[0].name == f"{ds.SOPInstanceUID}.dcm"
    other = pydicom.dcmread(make_series(tmp_path / "c", slices=1, series_number=2)[0])
    assert other.StudyInstanceUID == ds.StudyInstanceUID
    assert other.SeriesInstanceUID != ds.SeriesInstanceUID
    given = pydicom.dcmread(
        make_series(
            tmp_path / "d",
            slices=1,
            study_uid="1.2.3.4",
            series_uid="1.2.3.4.5",
            file_names="slice%d.dcm",
        )[0]
    )
    assert (given.StudyInstanceUID, given.SeriesInstanceUID) == ("1.2.3.4", "1.2.3.4.5")
    assert (tmp_path / "d" / "slice1.dcm").is_file()


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        make_series(tmp_path, modality="PET")
    with pytest.raises(ValueError):
        make_series(tmp_path, slices=1, transfer_syntax=DeflatedExplicitVRLittleEndian)


@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, RLELossless, JPEGBaseline8Bit])
def test_multiframe_cine(tmp_path: Path, syntax: str) -> None:
    ds = pydicom.dcmread(make_multiframe(tmp_path / "cine.dcm", frames=6, transfer_syntax=syntax))
    assert ds.NumberOfFrames == 6 and ds.Modality == "US"
    assert ds.pixel_array.shape == (6, 240, 320)
    assert ds.pixel_array[0].std() > 5 and not np.array_equal(ds.pixel_array[0], ds.pixel_array[3])


@pytest.mark.parametrize("syntax", [ExplicitVRLittleEndian, RLELossless, JPEGBaseline8Bit])
def test_colour_ultrasound(tmp_path: Path, syntax: str) -> None:
    ds = pydicom.dcmread(make_colour_us(tmp_path / "us.dcm", transfer_syntax=syntax))
    assert ds.SamplesPerPixel == 3
    expected = "YBR_FULL_422" if syntax == JPEGBaseline8Bit else "RGB"
    assert ds.PhotometricInterpretation == expected
    rgb = ds.pixel_array  # pydicom converts YBR to RGB by default
    assert rgb.shape == (480, 640, 3)
    red = (rgb[..., 0].astype(int) - rgb[..., 2]) > 60
    assert red.sum() > 100  # the colour Doppler box


@pytest.mark.skipif(shutil.which("dciodvfy") is None, reason="dicom3tools not installed")
def test_dciodvfy_finds_no_errors(tmp_path: Path) -> None:
    files = [
        make_series(tmp_path / "ct", slices=1)[0],
        make_series(tmp_path / "mr", modality="MR", slices=1)[0],
        make_series(tmp_path / "j2k", slices=1, transfer_syntax=JPEG2000Lossless)[0],
        make_multiframe(tmp_path / "cine.dcm", frames=3),
        make_colour_us(tmp_path / "us.dcm"),
    ]
    for path in files:
        run = subprocess.run(["dciodvfy", str(path)], capture_output=True, text=True, timeout=60)
        report = run.stdout + run.stderr
        assert "Error" not in report, f"{path}:\n{report}"
        assert "Image" in report  # it recognised the IOD
