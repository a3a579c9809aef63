"""Tests for recordorg.formats.dicom: header facts, and refusing cut or incomplete files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom.uid import ExplicitVRLittleEndian, ImplicitVRLittleEndian, RLELossless

from recordorg.formats.dicom import iso_date, iso_time, read_dicom, readable_name
from recordorg.formats.dicom_missing_uids import made_up_note, made_up_uid
from recordorg.formats.extracted import UnreadableFile


def _cut(source: Path, target: Path, keep: int) -> Path:
    target.write_bytes(source.read_bytes()[:keep])
    return target


def _pixel_element_offset(path: Path) -> int:
    return path.read_bytes().rfind(b"\xe0\x7f\x10\x00OW")


def test_all_fields_of_a_synthetic_ct(ct_file: Path) -> None:
    result = read_dicom(ct_file)
    assert result.sop_instance_uid == "1.2.826.0.1.3680043.8.498.1001"
    assert result.sop_class_uid == "1.2.840.10008.5.1.4.1.1.2"
    assert result.study_instance_uid == "1.2.826.0.1.3680043.8.498.2001"
    assert result.series_instance_uid == "1.2.826.0.1.3680043.8.498.3001"
    assert result.transfer_syntax_uid == "1.2.840.10008.1.2.1"
    assert (result.modality, result.study_date, result.study_time) == (
        "CT",
        "2024-01-31",
        "10:15:30",
    )
    assert (result.study_id, result.study_description, result.series_description) == (
        "42",
        "CT chest",
        "Axial 5mm",
    )
    assert (result.series_number, result.instance_number) == (3, 7)
    assert (result.body_part, result.institution, result.accession_number) == (
        "CHEST",
        "Test Hospital",
        "ACC42",
    )
    assert (result.patient_name, result.patient_id, result.patient_birth_date) == (
        "SYNTHETIC TEST",
        "SYN-001",
        "1960-02-29",
    )
    assert (result.rows, result.columns, result.frames, result.has_pixels) == (32, 32, 1, True)
    assert result.slice_location == -12.5
    assert result.image_position == (-100.0, -120.5, -12.5)
    assert result.meta["sop_class_name"] == "CT Image Storage"
    assert result.meta["patient_name_dicom"] == "SYNTHETIC^TEST"
    assert result.meta["encapsulated"] is False


def test_shipped_ct(testfile) -> None:
    result = read_dicom(testfile("CT_small.dcm"))
    assert (result.modality, result.study_date, result.rows, result.columns) == (
        "CT",
        "2004-01-19",
        128,
        128,
    )


@pytest.mark.parametrize(
    "name",
    [
        "MR_small_RLE.dcm",
        "MR_small_jp2klossless.dcm",
        "MR_small_jpeg_ls_lossless.dcm",
        "JPGExtended.dcm",
        "SC_rgb_jpeg_gdcm.dcm",
        "MR_small_bigendian.dcm",
        "MR_small_implicit.dcm",
        "image_dfl.dcm",
        "emri_small_RLE.dcm",
    ],
)
def test_shipped_images_in_many_encodings(testfile, name: str) -> None:
    result = read_dicom(testfile(name))
    assert result.has_pixels and result.rows > 0 and result.columns > 0


def test_encapsulated_multiframe(testfile) -> None:
    result = read_dicom(testfile("SC_rgb_rle_2frame.dcm"))
    assert (result.frames, result.meta["encapsulated"]) == (2, True)
    assert result.transfer_syntax_uid == RLELossless


def test_object_without_pixels(testfile) -> None:
    result = read_dicom(testfile("rtplan.dcm"))
    assert (result.modality, result.has_pixels, result.rows) == ("RTPLAN", False, 0)


@pytest.mark.parametrize(("meta", "implicit"), [(True, False), (False, True), (False, False)])
def test_without_preamble(tmp_path: Path, write_dicom, ct_pixels, meta: bool, implicit: bool):
    path = tmp_path / "IM0001"
    write_dicom(path, ct_pixels, preamble=False, meta=meta, implicit=implicit)
    result = read_dicom(path)
    assert (result.study_date, result.rows, result.has_pixels) == ("2024-01-31", 32, True)
    assert result.meta["preamble"] is False
    expected = ImplicitVRLittleEndian if implicit else ExplicitVRLittleEndian
    assert result.transfer_syntax_uid == expected


def test_shipped_file_without_preamble(testfile) -> None:
    assert read_dicom(testfile("ExplVR_LitEndNoMeta.dcm")).modality == "RTPLAN"


def test_cut_inside_the_image_data(tmp_path: Path, ct_file: Path) -> None:
    size = ct_file.stat().st_size
    cut = _cut(ct_file, tmp_path / "cut.dcm", size - 100)
    with pytest.raises(UnreadableFile, match=r"incomplete \(cut off inside the image data\)"):
        read_dicom(cut)


def test_cut_inside_the_header(tmp_path: Path, ct_file: Path) -> None:
    cut = _cut(ct_file, tmp_path / "cut.dcm", ct_file.read_bytes().find(b"CT chest") + 3)
    with pytest.raises(UnreadableFile, match=r"incomplete \(cut off before the image data\)"):
        read_dicom(cut)


def test_cut_just_before_the_image_data(tmp_path: Path, ct_file: Path) -> None:
    cut = _cut(ct_file, tmp_path / "cut.dcm", _pixel_element_offset(ct_file))
    with pytest.raises(UnreadableFile, match=r"incomplete \(the image data is missing\)"):
        read_dicom(cut)


def test_shipped_truncated_files(testfile) -> None:
    with pytest.raises(UnreadableFile, match="cut off inside the image data"):
        read_dicom(testfile("MR_truncated.dcm"))
    with pytest.raises(UnreadableFile, match=r"incomplete \(it is cut off before its end\)"):
        read_dicom(testfile("rtplan_truncated.dcm"))


def test_encapsulated_data_without_its_end_marker(tmp_path: Path, testfile) -> None:
    source = testfile("MR_small_RLE.dcm")
    end_marker = source.read_bytes().rfind(b"\xfe\xff\xdd\xe0")
    cut = _cut(source, tmp_path / "cut.dcm", end_marker)
    with pytest.raises(UnreadableFile, match="cut off inside the image data"):
        read_dicom(cut)


def test_cut_in_padding_after_a_whole_image_is_accepted(tmp_path: Path, testfile) -> None:
    source = testfile("MR_small_RLE.dcm")  # ends with a (FFFC,FFFC) padding element
    result = read_dicom(_cut(source, tmp_path / "cut.dcm", source.stat().st_size - 8))
    assert result.has_pixels and result.meta["cut_after_image"] is True


def test_fewer_frames_than_declared(tmp_path: Path, write_dicom) -> None:
    frames = (np.arange(2 * 16 * 16, dtype=np.uint16) % 4096).reshape(2, 16, 16)
    ds = write_dicom(tmp_path / "plain.dcm", frames)
    ds.compress(RLELossless)
    ds.NumberOfFrames = 3
    ds.save_as(tmp_path / "rle.dcm")
    with pytest.raises(UnreadableFile, match="fewer images than it says"):
        read_dicom(tmp_path / "rle.dcm")


def test_pixel_data_shorter_than_declared(tmp_path: Path, write_dicom, ct_pixels) -> None:
    path = tmp_path / "short.dcm"
    write_dicom(path, ct_pixels, Rows=64)  # says 64 rows, holds 32
    with pytest.raises(UnreadableFile, match="image data is shorter than it should be"):
        read_dicom(path)


def test_missing_identifiers(tmp_path: Path, write_dicom, ct_pixels) -> None:
    path = tmp_path / "x.dcm"
    write_dicom(path, ct_pixels, SOPInstanceUID="", StudyInstanceUID="")
    with pytest.raises(
        UnreadableFile,
        match=r"lacks details it needs \(SOP Instance UID, Study Instance UID\)",
    ):
        read_dicom(path)


def test_a_series_that_names_no_study_gets_one_made_from_the_series(
    tmp_path: Path, write_dicom, ct_pixels
) -> None:
    """Two images of one series that name no study stay together, in a study made from
    their series' UID, the same at every reading."""
    first, second = tmp_path / "1.dcm", tmp_path / "2.dcm"
    write_dicom(first, ct_pixels, StudyInstanceUID="")
    write_dicom(second, ct_pixels, StudyInstanceUID="", SOPInstanceUID="1.2.826.0.1.9.2")
    one, two = read_dicom(first), read_dicom(second)
    assert one.study_instance_uid == two.study_instance_uid == read_dicom(first).study_instance_uid
    assert one.study_instance_uid == made_up_uid("study", one.series_instance_uid)
    assert one.series_instance_uid == "1.2.826.0.1.3680043.8.498.3001"  # its own, kept
    assert one.meta["made_up_uids"] == ["Study Instance UID"]
    assert "did not say which study they belong to" in made_up_note(one.meta["made_up_uids"])


def test_image_class_without_size(tmp_path: Path, write_dicom) -> None:
    path = tmp_path / "x.dcm"
    write_dicom(path, BitsAllocated=8, PixelData=b"\0" * 64)  # pixel data, no Rows/Columns
    with pytest.raises(UnreadableFile, match="size or format of its image is not stated"):
        read_dicom(path)


def test_pdf_renamed_dcm_is_refused(tmp_path: Path, make_pdf) -> None:
    path = make_pdf(tmp_path / "IM0001.dcm", ["not a scan"])
    with pytest.raises(UnreadableFile, match=r"not a DICOM file \(it is a PDF document\)"):
        read_dicom(path)


def test_dicomdir_is_not_an_instance(testfile) -> None:
    with pytest.raises(UnreadableFile, match="DICOMDIR"):
        read_dicom(testfile("dicomdirtests/DICOMDIR"))


def test_helpers() -> None:
    assert iso_date("20240229") == "2024-02-29"
    assert iso_date("2004.01.19") == "2004-01-19"
    assert iso_date("20230230") == iso_date("") == iso_date("2023") == ""
    assert iso_time("101530.123") == "10:15:30"
    assert iso_time("0930") == "09:30:00"
    assert iso_time("10:15:30") == "10:15:30"
    assert iso_time("2560") == iso_time("") == ""
    assert readable_name("DOE^JOHN^^DR") == "DOE JOHN DR"
    assert readable_name("Yamada^Tarou=山田^太郎") == "Yamada Tarou"
