"""One reader of a DICOM file's identifying tags, for the catalogue and the bundle's DICOMDIR."""

from __future__ import annotations

from pathlib import Path

import pydicom
import pytest
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.tag import Tag

from recordorg.bundle.dicom_media import media_instance
from recordorg.formats.dicom import read_dicom
from recordorg.formats.dicom_header import dicom_header
from recordorg.formats.dicom_values import int_value, text_value
from recordorg.samples.dicom import make_series


def test_the_catalogue_and_the_dicomdir_read_the_same_tags(tmp_path: Path) -> None:
    (path,) = make_series(
        tmp_path, slices=1, patient_name="DOE^JANE", study_date="20240517", birth_date="19700203"
    )
    header = dicom_header(pydicom.dcmread(path, stop_before_pixels=True))
    assert header.patient_name == "DOE^JANE" and header.study_date == "20240517"
    instance = read_dicom(path)  # the catalogue's words: readable name, ISO dates
    assert instance.patient_name == "DOE JANE" and instance.study_date == "2024-05-17"
    assert instance.patient_birth_date == "1970-02-03"
    media = media_instance(pydicom.dcmread(path, stop_before_pixels=True), ["DICOM", "IM1"])
    assert media.study_date == "20240517" and media.patient_name == "DOE^JANE"  # DICOM's own
    for name in ("sop_instance_uid", "study_instance_uid", "series_instance_uid", "modality"):
        assert getattr(instance, name) == getattr(media, name) == getattr(header, name)
    assert instance.transfer_syntax_uid == media.transfer_syntax_uid


def test_uids_missing_from_the_dataset_come_from_the_file_meta() -> None:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.MediaStorageSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    ds.file_meta.MediaStorageSOPInstanceUID = "1.2.3.4"
    header = dicom_header(ds)
    assert header.sop_class_uid == "1.2.840.10008.5.1.4.1.1.2"
    assert header.sop_instance_uid == "1.2.3.4"
    assert header.transfer_syntax_uid == ""  # the DICOMDIR says which one it then assumes
    assert media_instance(ds, ["X"]).transfer_syntax_uid == "1.2.840.10008.1.2"


@pytest.mark.filterwarnings("ignore:Invalid value for VR IS")
def test_a_damaged_value_reads_as_nothing_and_stops_nothing() -> None:
    ds = Dataset()
    damaged = b"not a number"  # Series Number, as a damaged file holds it
    ds[0x00200011] = RawDataElement(Tag(0x00200011), "IS", len(damaged), damaged, 0, True, True)
    ds.add_new(0x00080060, "CS", "CT ")
    ds.add_new(0x00200013, "IS", "7")
    assert int_value(ds, "SeriesNumber") is None
    assert int_value(ds, "InstanceNumber") == 7
    assert text_value(ds, "Modality") == "CT" and text_value(ds, "StudyID") == ""
    header = dicom_header(ds)
    assert header.series_number is None and header.instance_number == 7
