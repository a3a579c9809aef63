"""Titles people would write, from the category, the text and the date."""

from __future__ import annotations

from recordorg.core.understanding.titles import imaging_name, short_date, specimen, suggest_title


def test_the_issue_examples() -> None:
    ct = "Radiology\nEXAM: CT CHEST ABDOMEN PELVIS WITH IV CONTRAST\nFindings: liver lesions."
    assert suggest_title("imaging-report", ct, "2025-03-03") == (
        "CT chest/abdomen/pelvis — 3 Mar 2025"
    )
    path = "SURGICAL PATHOLOGY REPORT\nSPECIMEN: Left breast, 2 o'clock, core needle biopsy."
    assert suggest_title("pathology", path, "2025-03-03") == (
        "Surgical pathology — left breast core biopsy"
    )


def test_imaging_names_in_other_languages() -> None:
    assert imaging_name("Untersuchung: MRT Schädel mit Kontrastmittel") == "MRI brain"
    assert imaging_name("TC de tórax, abdomen y pelvis") == "CT chest/abdomen/pelvis"
    assert imaging_name("Bilateral diagnostic mammogram") == "Mammogram"
    assert imaging_name("PET/CT skull base to mid-thigh") == "PET-CT whole body"
    assert imaging_name("no examination named") == ""


def test_specimens() -> None:
    assert specimen("Material: Mamma links, Stanzbiopsie") == "left breast core biopsy"
    assert specimen("Specimen: right axillary lymph node, excision") == (
        "right axillary lymph node excision"
    )


def test_dicom_studies_letters_and_unknowns() -> None:
    meta = {"modalities": ["CT"], "study_description": "CT CHEST ABDOMEN PELVIS W CONTRAST"}
    assert suggest_title("imaging-study", "", "2025-03-03", meta, "dicom") == (
        "CT chest/abdomen/pelvis — 3 Mar 2025"
    )
    assert suggest_title("imaging-study", "", None, {"modalities": ["PT", "CT"]}, "dicom") == (
        "PET-CT study"
    )
    letter = "Cancer Centre\nDear Dr Fictitious, thank you for referring"
    assert suggest_title("clinic-letter", letter, "2023-03-02") == (
        "Oncology clinic letter — 2 Mar 2023"
    )
    assert suggest_title("administrative", "Explanation of Benefits", None) == (
        "Explanation of benefits"
    )
    assert suggest_title("other", "anything", "2023-03-02") == ""
    assert short_date("2025-12-03") == "3 Dec 2025" and short_date(None) == ""


def test_an_advance_directive_and_a_death_certificate_are_named_so() -> None:
    directive = (
        "Universal Advance Digital Directive\nAppointment of a Primary Healthcare Agent\n"
        "advance medical directives are expressions of your wishes"
    )
    assert suggest_title("administrative", directive, "2014-07-31") == (
        "Advance directive — 31 Jul 2014"
    )
    assert suggest_title("administrative", "Todesbescheinigung. Sterbedatum 17.10.2012", None) == (
        "Death certificate"
    )
    assert suggest_title("administrative", "Your appointment on 3 May", None) == (
        "Appointment letter"
    )
