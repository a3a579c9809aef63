"""Suggestions from the records' text: biomarker grammars, treatments, provenance, no repeats."""

from __future__ import annotations

import pytest

from recordorg.core.case import review as cases
from recordorg.core.case.suggest import suggest
from recordorg.core.case.text import find_biomarkers, sentences
from recordorg.core.case.text_treatments import find_regimens
from tests.core.case_helpers import PERSON, sample_case


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Estrogen receptor (ER): POSITIVE, 95% of tumour cells (Allred 8/8).",
            [("ER", "positive (95%, Allred 8/8)")],
        ),
        (
            "ER 95%, PR <1%, HER2 1+ (negative), Ki-67 30%.",
            [
                ("ER", "positive (95%)"),
                ("PR", "negative (<1%)"),
                ("HER2", "negative (IHC 1+)"),
                ("Ki-67", "30%"),
            ],
        ),
        (
            "ER, PR and HER2 negative.",
            [("ER", "negative"), ("PR", "negative"), ("HER2", "negative")],
        ),
        (
            "HER2 2+ equivocal, FISH not amplified (ratio 1.4).",
            [("HER2", "negative (IHC 2+, ratio 1.4)")],
        ),
        ("PIK3CA mutation not detected.", [("PIK3CA", "not detected")]),
        (
            "KRAS G12C mutation detected; TP53 wild-type.",
            [("KRAS", "mutated (G12C)"), ("TP53", "not detected")],
        ),
        ("EGFR exon 19 deletion.", [("EGFR", "mutated (exon 19 deletion)")]),
        ("PD-L1 TPS 60% (22C3), CPS 70.", [("PD-L1", "TPS 60%, CPS 70")]),
        ("Tumour is MSI-H / dMMR.", [("MSI", "high (MSI-H)"), ("MMR", "deficient (dMMR)")]),
        ("TMB 12 mut/Mb (high).", [("TMB", "12 mut/Mb (high)")]),
        (
            "ALK rearrangement not detected, ROS1 negative.",
            [("ALK", "not detected"), ("ROS1", "not detected")],
        ),
        (
            "Immunoistochimica: MLH1, PMS2, MSH2, MSH6 espressi (sistema MMR conservato).",
            [("MMR", "proficient (pMMR)")],
        ),
        ("Loss of MLH1 and PMS2 expression; MSH2 retained.", [("MMR", "deficient (dMMR)")]),
        ("MLH1 mutation carrier (Lynch syndrome).", []),
        (
            "ER positiv (90 %), PR negativ, HER2 negativ (Score 1+).",
            [("ER", "positive (90%)"), ("PR", "negative"), ("HER2", "negative (IHC 1+)")],
        ),
        ("HER2 négatif, KRAS Wildtyp.", [("HER2", "negative"), ("KRAS", "not detected")]),
        ("PSA 12.4 ng/mL, rising.", [("PSA", "12.4 ng/mL (raised)")]),
        (
            "CEA 3,1 µg/L (normal), CA 15-3 85 U/mL.",
            [("CEA", "3,1 µg/L (normal)"), ("CA 15-3", "85 U/mL")],
        ),
        ("PSA screening was discussed; CA-125 to be repeated.", []),
        (  # a coded result, named as LOINC names its test
            "Prostate specific Ag [Mass/volume] in Serum or Plasma: 6.1 ng/mL",
            [("PSA", "6.1 ng/mL")],
        ),
        ("She presented to the ER with pain.", []),
        ("HER2 testing was requested.", []),
    ],
)
def test_biomarker_grammars(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.marker, f.result) for f in find_biomarkers(sentence)] == expected


def test_treatments_in_sentences() -> None:
    [first] = find_regimens(
        "Plan: first-line letrozole 2.5 mg daily plus Ibrance 125 mg, "
        "with denosumab 120 mg every 4 weeks."
    )
    assert first.drugs == ("letrozole", "palbociclib") and first.line_number == 1
    [folfox] = find_regimens("Adjuvant mFOLFOX6 for 12 cycles.")
    assert folfox.regimen == "FOLFOX" and folfox.intent == "adjuvant"
    two = find_regimens("Progressed on FOLFOX, then switched to FOLFIRI plus bevacizumab.")
    assert [f.regimen for f in two] == ["FOLFOX", "FOLFIRI + bevacizumab"]
    assert find_regimens("Alpelisib with fulvestrant was discussed as a later option.") == []
    assert find_regimens("Dexamethasone 4 mg and loperamide as needed.") == []


def test_wrapped_lines_are_joined_and_headers_kept_apart() -> None:
    page = (
        "Patient: Maria EXAMPLE Date of birth: 12/04/1961 Hospital no.: RG-0001 Ward 7B\n"
        "Reason for admission: grade 3 diarrhoea on cycle 4 of capecitabine, with acute\n"
        "kidney injury. Capecitabine withheld.\n"
    )
    said = sentences(page)
    assert said[0].startswith("Patient:")
    assert said[1] == (
        "Reason for admission: grade 3 diarrhoea on cycle 4 of capecitabine, "
        "with acute kidney injury."
    )
    assert said[2] == "Capecitabine withheld."


def test_suggestions_quote_their_source_and_wait_for_a_person(library) -> None:
    conn = library.connection()
    ids = sample_case(conn)
    report = suggest(conn)
    assert report.added and report.records_read == len(ids)
    case = cases.load_case(conn)
    assert all(e.status == "suggested" and e.origin == "suggested" for e in case.entries)
    her2 = next(e for e in case.biomarkers if e.get("marker") == "HER2")
    assert her2.get("result") == "negative (IHC 1+)" and her2.get("method") == "IHC"
    sources = {(c.record_id, c.page) for c in her2.citations}
    assert (ids["Surgical Pathology Report"], 1) in sources
    quote = next(c.quote for c in her2.citations if c.record_id == ids["Surgical Pathology Report"])
    assert quote == "HER2 (clone 4B5): NEGATIVE, score 1+ by IHC."
    lines = {e.get("regimen"): e for e in case.treatment_lines}
    assert set(lines) == {"letrozole + palbociclib", "capecitabine"}
    assert lines["capecitabine"].get("line_number") == 2
    assert lines["capecitabine"].get("start_date") == "2024-05-20"
    studies = {e.get("study_record_id"): e for e in case.of_kind("imaging")}
    assert set(studies) == {ids["CT study"], None}  # the MRI has a report but no images
    ct = studies[ids["CT study"]]
    assert ct.get("report_record_id") == ids["CT Chest, Abdomen and Pelvis with Contrast"]
    assert studies[None].get("report_record_id") == ids["MRI Brain with and without Contrast"]
    assert not any("alpelisib" in (e.get("regimen") or "") for e in case.treatment_lines)


def test_no_suggestion_twice_and_rejected_ones_stay_rejected(library) -> None:
    conn = library.connection()
    sample_case(conn)
    first = suggest(conn)
    again = suggest(conn)
    assert again.added == [] and again.already_there == len(first.added)
    case = cases.load_case(conn)
    ki67 = next(e for e in case.biomarkers if e.get("marker") == "Ki-67")
    cases.reject(conn, [ki67.id])
    cases.delete_entries(
        conn, [e.id for e in case.treatment_lines if e.get("regimen") == "capecitabine"]
    )
    cases.add_entry(conn, "treatment_line", {"line_number": 2}, drugs=["Xeloda"], person=PERSON)
    third = suggest(conn)
    assert third.added == [] and third.rejected_before == 1
    regimens = [e.get("regimen") for e in cases.load_case(conn).treatment_lines]
    assert regimens.count("capecitabine") == 1  # the person's own line, not a suggestion
    assert all(e.get("marker") != "Ki-67" for e in cases.load_case(conn).biomarkers)


def test_new_records_add_sources_to_waiting_suggestions(library) -> None:
    from tests.core.helpers import add_record

    conn = library.connection()
    sample_case(conn)
    suggest(conn)
    extra = add_record(
        conn, "Tumour board", ["Known HER2-negative disease (IHC 1+)."], date="2024-06-01"
    )
    from recordorg.core.catalogue.editing import RecordChange, apply_change

    apply_change(conn, [extra], RecordChange(person=PERSON))
    report = suggest(conn)
    assert report.added == [] and report.sources_added == 1
    her2 = next(e for e in cases.load_case(conn).biomarkers if e.get("marker") == "HER2")
    assert extra in {c.record_id for c in her2.citations}


def test_a_record_s_suggestions_read_its_dates_in_the_order_its_own_date_was_read(
    library,
) -> None:
    """One "08/02/2011" is one day in one record: with the library's dates read month
    first (its setting, or its other records), the procedure the record reports took place
    on 2 August 2011, the day the record itself is dated, not on 8 February."""
    from recordorg.core.catalogue.settings import DATE_ORDER, set_setting
    from recordorg.core.understanding.record_understanding import analyse_record
    from tests.core.helpers import add_record

    conn = library.connection()
    set_setting(conn, DATE_ORDER.key, "month-first")
    record_id = add_record(
        conn,
        "Colonoscopy",
        ["Procedure note\nDate of procedure: 08/02/2011\nColonoscopy performed 08/02/2011."],
        category="surgery",
    )
    analyse_record(conn, record_id)
    dated = conn.execute("SELECT clinical_date FROM records WHERE id = ?", (record_id,))
    assert dated.fetchone()[0] == "2011-08-02"
    suggest(conn, None)
    (procedure,) = [e for e in cases.load_case(conn, None).entries if e.kind == "procedure"]
    assert procedure.fields["performed_on"] == "2011-08-02"


def test_a_table_row_a_narrow_page_wrapped_is_one_row_again() -> None:
    page = (
        "IMPLANTS\n"
        "Implant | Area | Maker | Identifier | Lot | Date and Provider\n"
        "Drug eluting coronary stent (3.00 mm) | Left anterior descending artery | Maker\n"
        "| (01)00848486001048 | ABC124 | Implanted 04/13/2016 by\n"
        "Fleming, Barry\n"
        "Drug eluting coronary stent (2.75 mm) | Left anterior descending artery | Maker |\n"
        "(01)00848486001049 | ABC125 | Implanted 04/13/2016 by Fleming, Barry\n"
        "Short row | Area\n"
        "Another short row | Area\n"
    )
    said = sentences(page)
    assert said[2] == (
        "Drug eluting coronary stent (3.00 mm) | Left anterior descending artery | Maker "
        "| (01)00848486001048 | ABC124 | Implanted 04/13/2016 by Fleming, Barry"
    )
    assert said[3].startswith("Drug eluting coronary stent (2.75 mm)")
    assert said[3].endswith("| ABC125 | Implanted 04/13/2016 by Fleming, Barry")
    assert said[4:] == ["Short row | Area", "Another short row | Area"]  # rows not wrapped
