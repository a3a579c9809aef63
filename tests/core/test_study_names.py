"""Readable names of imaging studies from the labels scanners write."""

from __future__ import annotations

import pytest

from recordorg.core.understanding.study_names import study_name
from recordorg.core.understanding.titles import suggest_title, title_from_study


@pytest.mark.parametrize(
    ("label", "codes", "body_part", "title", "contrast"),
    [
        ("CT CHEST", ["CT"], "CHEST", "CT chest", ""),
        ("MR HEAD", ["MR"], "HEAD", "MRI head", ""),  # a head is not made a brain
        ("CT CHEST W/O CONTRAST", ["CT"], "", "CT chest", "without contrast"),
        ("CT HEAD WO", ["CT"], "", "CT head", "without contrast"),
        ("CT ABD PEL W CONTRAST", ["CT"], "", "CT abdomen/pelvis", "with contrast"),
        ("CT CHEST C+", ["CT"], "", "CT chest", "with contrast"),
        ("MRI BRAIN W WO CONTRAST", ["MR"], "", "MRI brain", "with and without contrast"),
        ("MR L-SPINE W/WO", ["MR"], "", "MRI lumbar spine", "with and without contrast"),
        ("MRI KNEE LT", ["MR"], "KNEE", "MRI left knee", ""),
        (
            "CT CHEST ABDOMEN PELVIS W CONTRAST",
            ["CT"],
            "",
            "CT chest/abdomen/pelvis",
            "with contrast",
        ),
        ("CT IAC", ["CT"], "", "CT IAC", ""),  # a word not known stays as written
        ("PET/CT SKULL BASE TO MID THIGH", ["PT", "CT"], "", "PET-CT skull base to mid thigh", ""),
        ("TC TORACE ADDOME", ["CT"], "", "CT chest/abdomen", ""),
        ("", ["CT"], "CHEST", "CT chest", ""),
        ("", ["PT", "CT"], "", "PET-CT study", ""),
        ("", [], "", "Imaging study", ""),
    ],
)
def test_study_labels_read_as_people_write_them(
    label: str, codes: list[str], body_part: str, title: str, contrast: str
) -> None:
    named = study_name(label, codes, body_part)
    assert (named.title, named.contrast) == (title, contrast)


def test_a_new_study_and_its_understood_title_say_the_same() -> None:
    assert title_from_study("CT CHEST W/O CONTRAST", "CT", "CHEST") == "CT chest"
    meta = {"modalities": ["MR"], "study_description": "MRI KNEE LT", "body_part": "KNEE"}
    assert suggest_title("imaging-study", "", "2025-03-04", meta, "dicom") == (
        "MRI left knee — 4 Mar 2025"
    )
