"""Suggestions of procedures, radiotherapy, diagnoses, metastatic sites and events; negation,
hedging and plans; dates from the same sentence."""

from __future__ import annotations

import pytest

from recordorg.core.case import review as cases
from recordorg.core.case.negation import HEDGED, NEGATED, PLANNED, PRESENT, SOMEONE_ELSE, assertion
from recordorg.core.case.proposal import Place
from recordorg.core.case.reading import read_record
from recordorg.core.case.suggest import suggest
from recordorg.core.case.text_diagnosis import finish_diagnosis
from recordorg.core.understanding.dates import DAY_FIRST, DateOrder
from tests.core.helpers import add_record

ORDER = DateOrder(DAY_FIRST, "setting")


def read(text: str, category: str = "other", day: str | None = None) -> list:
    """The proposals a one-page record with this text makes, biomarkers aside."""
    return [p for p in read_record(1, category, day, [(1, text)]) if p.kind != "biomarker"]


def fields_of(text: str, kind: str, category: str = "other", day: str | None = None) -> list:
    return [p.fields for p in read(text, category, day) if p.kind == kind]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Left modified radical mastectomy with axillary dissection on 12 March 2021.",
            {
                "name": "modified radical mastectomy with axillary dissection",
                "site": "left breast",
                "performed_on": "2021-03-12",
            },
        ),
        (
            "Ultrasound-guided core needle biopsy of the right breast on 02/02/2023.",
            {"name": "core needle biopsy", "site": "right breast", "performed_on": "2023-02-02"},
        ),
        (
            "Port-a-cath inserted on 5 May 2023.",
            {"name": "port insertion", "site": "", "performed_on": "2023-05-05"},
        ),
        (
            "Liver biopsy on 30 April 2024 confirmed metastatic carcinoma.",
            {"name": "biopsy", "site": "liver", "performed_on": "2024-04-30"},
        ),
        (
            "A 6 mm polyp was found in the ascending colon and removed by snare on 9 Sept 2012.",
            {"name": "polypectomy", "site": "", "performed_on": "2012-09-09"},
        ),
    ],
)
def test_procedures_with_side_site_and_date(sentence: str, expected: dict) -> None:
    assert fields_of(sentence, "procedure") == [expected]


def test_an_operative_report_dates_its_operation_and_a_biopsy_its_specimen() -> None:
    [surgery] = fields_of(
        "Left modified radical mastectomy with axillary dissection",
        "procedure",
        "surgery",
        "2021-03-12",
    )
    assert surgery["performed_on"] == "2021-03-12" and surgery["site"] == "left breast"
    page = "Collected: 14/02/2023\nSPECIMEN: Left breast, ultrasound-guided core needle biopsy."
    [biopsy] = fields_of(page, "procedure", "pathology", "2023-02-17")
    assert biopsy["performed_on"] == "2023-02-14" and biopsy["site"] == "left breast"
    earlier = fields_of("Previous right mastectomy.", "procedure", "surgery", "2024-01-10")
    assert earlier[0]["performed_on"] is None  # not the report's own operation


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Palliative radiotherapy: T10-L2 spine, 30 Gy in 10 fractions, from 2 May 2024 to "
            "15 May 2024.",
            {
                "site": "T10-L2 spine",
                "dose_gy": 30.0,
                "fractions": 10,
                "start_date": "2024-05-02",
                "end_date": "2024-05-15",
                "intent": "palliative",
            },
        ),
        (
            "Radiotherapy to the right hip 8 Gy in 1 fraction on 3 June 2024.",
            {
                "site": "right hip",
                "dose_gy": 8.0,
                "fractions": 1,
                "start_date": "2024-06-03",
                "end_date": "2024-06-03",
                "intent": "",
            },
        ),
        (
            "Whole brain radiotherapy 5 x 4 Gy.",
            {
                "site": "Whole brain",
                "dose_gy": 20.0,
                "fractions": 5,
                "start_date": None,
                "end_date": None,
                "intent": "",
            },
        ),
    ],
)
def test_radiotherapy_site_dose_fractions_dates(sentence: str, expected: dict) -> None:
    assert fields_of(sentence, "radiotherapy") == [expected]


def test_a_dose_per_fraction_is_not_a_course() -> None:
    assert fields_of("Radiotherapy dose per fraction 2 Gy.", "radiotherapy") == []
    [course] = fields_of(
        "RT: 2 Gy per fraction to 50 Gy in 25 fractions to the chest wall.", "radiotherapy"
    )
    assert (course["dose_gy"], course["fractions"], course["site"]) == (50.0, 25, "chest wall")


def test_diagnosis_histology_site_stage_grade_tnm_receptors() -> None:
    [found] = read(
        "Diagnosis: de novo metastatic (stage IV) left breast invasive ductal carcinoma, "
        "grade 2, cT2 N1 M1, ER 95%, PR 20%, HER2 1+ (negative), diagnosed on 14 February 2023."
    )
    fields = finish_diagnosis(found.fields)
    assert fields == {
        "primary_site": "breast",
        "histology": "invasive ductal carcinoma, grade 2, ER-positive, PR-positive, HER2-negative",
        "diagnosed_on": "2023-02-14",
        "stage_at_diagnosis": "IV (cT2 N1 M1)",
    }
    [lung] = fields_of("Adenocarcinoma of the right lung, stage IIIA.", "diagnosis")
    assert (lung["primary_site"], lung["histology"], lung["stage_now"]) == (
        "lung",
        "adenocarcinoma",
        "IIIA",
    )


def test_a_toxicity_grade_is_not_a_tumour_grade() -> None:
    [found] = fields_of(
        "Breast carcinoma on capecitabine with CTCAE grade 3 diarrhoea.", "diagnosis"
    )
    assert found["grade"] == ""


def test_metastatic_sites_before_after_and_listed() -> None:
    text = (
        "Staging CT on 24 February 2023 showed liver and bone metastases.\n\n"
        "Breast cancer metastatic to the lungs.\n\n"
        "Metastatic breast cancer (brain, adrenal).\n\n"
        "Sentinel node: metastatic carcinoma in 2 of 3 axillary lymph nodes."
    )
    found = {f["site"]: f["first_seen"] for f in fields_of(text, "metastasis")}
    assert found == {
        "liver": "2023-02-24",
        "bone": "2023-02-24",
        "lung": None,
        "brain": None,
        "adrenal gland": None,
    }


def test_events_admissions_and_responses() -> None:
    page = (
        "Admitted: 03/08/2024   Discharged: 07/08/2024\n\n"
        "Reason for admission: neutropenic sepsis.\n\n"
        "CT of 22 April 2024 shows progressive disease (RECIST 1.1) in the liver.\n\n"
        "Partial response on PET of 3 March 2024.\n\n"
        "Stable disease."
    )
    found = {f["title"]: f for f in fields_of(page, "event")}
    assert set(found) == {
        "Hospital admission",
        "Progressive disease (RECIST 1.1)",
        "Partial response",
    }  # stable disease has no date here: not an event on the timeline
    admission = found["Hospital admission"]
    assert (admission["start_date"], admission["end_date"]) == ("2024-08-03", "2024-08-07")
    assert admission["detail"] == "Reason: neutropenic sepsis"
    assert found["Progressive disease (RECIST 1.1)"]["start_date"] == "2024-04-22"


def test_an_imaging_report_dates_what_it_shows_by_its_study() -> None:
    page = "IMPRESSION: Progressive disease: new liver metastases."
    [event] = fields_of(page, "event", "imaging-report", "2024-04-22")
    [liver] = fields_of(page, "metastasis", "imaging-report", "2024-04-22")
    assert event["start_date"] == liver["first_seen"] == "2024-04-22"
    assert fields_of(page, "event", "clinic-letter", "2024-04-22") == []


@pytest.mark.parametrize(
    ("sentence", "state"),
    [
        ("Pertuzumab was not funded.", NEGATED),
        ("She declined mastectomy.", NEGATED),
        ("Capecitabine held because of diarrhoea.", NEGATED),
        ("No evidence of liver metastases.", NEGATED),
        ("Negative for bone metastases.", NEGATED),
        ("Liver metastases were not seen.", NEGATED),
        ("Mastectomy is planned for next month.", PLANNED),
        ("Radiotherapy was recommended.", PLANNED),
        ("Referred for stereotactic radiosurgery.", PLANNED),
        ("Surgery was considered.", HEDGED),
        ("Chemotherapy was discussed.", HEDGED),
        ("To rule out bone metastases.", HEDGED),
        ("?bone metastases.", HEDGED),
        ("Possible liver metastases.", HEDGED),
        ("Liver metastases cannot be excluded.", HEDGED),
        ("Her mother had breast cancer.", SOMEONE_ELSE),
        ("No change in the liver metastases.", PRESENT),
        ("Known liver metastases, enlarging.", PRESENT),
    ],
)
def test_negation_and_hedging_forms(sentence: str, state: str) -> None:
    for word in (
        "Pertuzumab",
        "Capecitabine",
        "mastectomy",
        "Mastectomy",
        "Radiotherapy",
        "radiosurgery",
        "Surgery",
        "Chemotherapy",
        "metastases",
        "breast cancer",
    ):
        if word in sentence:
            start = sentence.index(word)
            assert assertion(sentence, start, start + len(word)) == state
            return
    raise AssertionError("no word of the sentence was looked at")


@pytest.mark.parametrize(
    "text",
    [
        "Pertuzumab was not funded.",
        "She declined chemotherapy with docetaxel.",
        "Capecitabine held for diarrhoea.",
        "Palbociclib is planned from next month.",
        "Fulvestrant was recommended.",
        "Alpelisib was considered.",
        "She declined a left mastectomy.",
        "A left mastectomy is planned.",
        "Radiotherapy 20 Gy in 5 fractions to the spine was recommended.",
        "Adjuvant radiotherapy to the left breast, 40 Gy in 15 fractions, is planned.",
        "No evidence of metastatic disease in the liver.",
        "Exclude intracranial metastases.",
        "?bone metastases.",
        "Possible adenocarcinoma of the lung.",
        "Her sister had breast cancer.",
        "Rule out disease progression on CT of 3 May 2024.",
        "If progressive disease on CT of 3 May 2024, change treatment.",
        "Admission on 3 May 2024 was not required.",
        "PLAN OF CARE\nColonoscopy | 12/05/2024",
        "Family history:\nBreast cancer in her mother, ovarian cancer in her aunt.",
        "Port-a-cath removed on 4 June 2024.",
        "We will arrange a liver biopsy next week.",
        "A liver biopsy was attempted but abandoned.",
        "The liver lesion is a haemangioma, not a metastasis.",
        "Metastasis to the liver is unlikely.",
        "Brain MRI showed no metastases.",
        "BRCA testing for breast cancer risk.",
        "Negative for metastatic carcinoma in the liver.",
        "Pertuzumab: not funded.",
        "Lung cancer screening CT shows no suspicious nodule.",
    ],
)
def test_denied_planned_or_doubted_facts_suggest_nothing(text: str) -> None:
    assert read(text) == []


def test_a_planned_course_is_not_suggested_as_given() -> None:
    assert (
        fields_of("Stereotactic radiosurgery 21 Gy in 1 fraction is planned.", "radiotherapy") == []
    )


def test_dates_only_from_the_same_sentence() -> None:
    text = "Left mastectomy.\nSeen in clinic on 3 March 2024."
    [surgery] = fields_of(text, "procedure")
    assert surgery["performed_on"] is None
    [line] = fields_of("She started letrozole on 10 April 2023.", "treatment_line")
    assert line["start_date"] == "2023-04-10"
    [line] = fields_of(
        "Paclitaxel was started on 1 May 2024 and stopped on 3 June 2024.", "treatment_line"
    )
    assert (line["start_date"], line["end_date"]) == ("2024-05-01", "2024-06-03")
    [line] = fields_of("She progressed on FOLFOX on 3 May 2024.", "treatment_line")
    assert line["start_date"] is None  # the day of progression, not of the start


def test_medicines_started_the_same_day_are_one_regimen() -> None:
    text = (
        "Prescribed: Cisplatin 50 MG Injection on 26/07/2023\n\n"
        "Prescribed: Paclitaxel 100 MG Injection on 26/07/2023"
    )
    [line] = fields_of(text, "treatment_line")
    assert line["regimen"] == "cisplatin + paclitaxel" and line["start_date"] == "2023-07-26"


def test_place_reads_the_collection_date_once() -> None:
    place = Place(1, "pathology", None, 1, ORDER, "Collected: 14/02/2023 09:40")
    assert place.collected == "2023-02-14"


def test_suggest_stores_every_kind_with_its_source(library) -> None:
    conn = library.connection()
    operation = add_record(
        conn,
        "Operative report",
        ["OPERATION\nLeft modified radical mastectomy with axillary dissection."],
        category="surgery",
        date="2021-03-12",
    )
    add_record(
        conn,
        "Radiotherapy summary",
        ["Treatment: T10-L2 spine, 30 Gy in 10 fractions, from 2 May 2024 to 15 May 2024."],
        category="radiotherapy",
        date="2024-05-15",
    )
    add_record(
        conn,
        "Clinic letter",
        [
            "Pertuzumab was not funded.\n\n"
            "She started letrozole and palbociclib on 10 April 2023.\n\n"
            "Diagnosis: left breast invasive lobular carcinoma, stage IV at diagnosis."
        ],
        category="clinic-letter",
        date="2023-04-20",
    )
    report = suggest(conn)
    case = cases.load_case(conn)
    by_kind = {e.kind: e for e in case.entries}
    assert set(by_kind) == {"procedure", "radiotherapy", "treatment_line", "diagnosis"}
    surgery = by_kind["procedure"]
    assert surgery.get("performed_on") == "2021-03-12" and surgery.get("site") == "left breast"
    [citation] = surgery.citations
    assert (citation.record_id, citation.page) == (operation, 1)
    assert citation.quote == "Left modified radical mastectomy with axillary dissection."
    assert by_kind["radiotherapy"].get("dose_gy") == 30.0
    assert [e.get("regimen") for e in case.treatment_lines] == ["letrozole + palbociclib"]
    assert case.treatment_lines[0].get("start_date") == "2023-04-10"
    assert by_kind["diagnosis"].get("stage_at_diagnosis") == "IV"
    assert len(report.added) == 4
    again = suggest(conn)
    assert again.added == [] and again.already_there == 4


def test_a_person_entered_procedure_is_not_suggested_again(library) -> None:
    conn = library.connection()
    add_record(conn, "Operative report", ["Right lumpectomy on 3 May 2022."], date="2022-05-03")
    cases.add_entry(
        conn, "procedure", {"name": "Lumpectomy", "performed_on": "2022-05-03", "site": "right"}
    )
    report = suggest(conn)
    assert report.added == [] and report.already_there == 1


def test_a_radiotherapy_summary_gives_its_course_site_and_dates_on_labelled_lines() -> None:
    summary = (
        "Radiotherapy treatment summary\n"
        "Site: T10-L2 spine\n"
        "Prescription: 30 Gy in 10 fractions\n"
        "Start date: 02/05/2024\n"
        "End date: 15/05/2024"
    )
    [course] = fields_of(summary, "radiotherapy", "radiotherapy", "2024-05-20")
    assert course["site"] == "T10-L2 spine"
    assert (course["start_date"], course["end_date"]) == ("2024-05-02", "2024-05-15")
    two = summary + "\n\nBoost: 10 Gy in 5 fractions."
    assert {c["start_date"] for c in fields_of(two, "radiotherapy", "radiotherapy")} == {None}
    assert fields_of(summary, "radiotherapy", "clinic-letter")[0]["start_date"] is None


def test_two_lines_given_both_are_two_lines_or_nothing() -> None:
    from recordorg.core.case.text_treatments import find_regimens

    two = find_regimens("Paclitaxel and fulvestrant were both given.")
    assert [f.regimen for f in two] == ["paclitaxel", "fulvestrant"]
    assert find_regimens("Letrozole and palbociclib and fulvestrant were both given.") == []
    [one] = find_regimens("Letrozole and palbociclib were started.")
    assert one.regimen == "letrozole + palbociclib"


def test_a_procedure_is_dated_by_its_own_clause_and_a_port_by_its_insertion() -> None:
    [scar] = fields_of("Mastectomy scar healthy on examination on 3 May 2024.", "procedure")
    assert scar["performed_on"] is None  # the day of the examination, not of the operation
    assert fields_of("Port-a-cath flush on 3 May 2024.", "procedure") == []
    [biopsy] = fields_of("Breast cancer, ER 95% (core biopsy 14 February 2023).", "procedure")
    assert biopsy["performed_on"] == "2023-02-14" and biopsy["site"] == ""


def test_only_distant_lymph_nodes_are_a_metastatic_site() -> None:
    assert fields_of("Mediastinal lymph node metastases.", "metastasis") == []
    assert fields_of("Distant lymph node metastases.", "metastasis") == [
        {"site": "lymph nodes", "first_seen": None}
    ]


def test_an_admission_a_person_entered_is_not_suggested_again(library) -> None:
    conn = library.connection()
    add_record(conn, "Discharge summary", ["Admitted: 03/08/2024   Discharged: 07/08/2024"])
    cases.add_entry(
        conn,
        "event",
        {
            "event_type": "admission",
            "title": "Diarrhoea on capecitabine",
            "start_date": "2024-08-03",
        },
    )
    report = suggest(conn)
    assert report.added == [] and report.already_there == 1


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "Diagnose: Metastase eines invasiven Karzinoms der Mamma in der Leber.",
            "metastasis",
            [{"site": "liver (Leber)", "first_seen": None}],
        ),
        (
            "Diagnosi: adenocarcinoma del colon sigmoideo.",
            "diagnosis",
            [
                {
                    "primary_site": "colon (colon sigmoideo)",
                    "histology": "adenocarcinoma",
                    "diagnosed_on": None,
                    "grade": "",
                    "tnm": "",
                    "receptors": "",
                }
            ],
        ),
        (
            "Intervention : mastectomie totale gauche avec curage axillaire le 06/11/2023.",
            "procedure",
            [
                {
                    "name": "mastectomy (mastectomie totale) with axillary dissection "
                    "(curage axillaire)",
                    "performed_on": "2023-11-06",
                    "site": "left breast",
                }
            ],
        ),
        (
            "Pour le suivi de son cancer du sein gauche.",
            "diagnosis",
            [
                {
                    "primary_site": "breast (sein)",
                    "histology": "",
                    "diagnosed_on": None,
                    "grade": "",
                    "tnm": "",
                    "receptors": "",
                }
            ],
        ),
    ],
)
def test_other_languages_keep_the_words_as_written(text: str, kind: str, expected: list) -> None:
    assert fields_of(text, kind) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Kein Hinweis auf Metastasen in der Leber.",
        "Verdacht auf Metastasen in der Leber.",
        "Pas de métastases du foie.",
        "Sospetto adenocarcinoma del colon.",
        "Il pertuzumab non è stato rimborsato.",
        "La mamma della paziente ha avuto un carcinoma della mammella.",
        "Seine Mutter hatte ein Karzinom der Mamma.",
        "Das Karzinom ist sein Problem.",
    ],
)
def test_other_languages_deny_doubt_and_name_relatives(text: str) -> None:
    assert read(text) == []


def test_a_name_english_shares_with_another_language_is_not_marked_as_written() -> None:
    [colon] = fields_of("Adenocarcinoma of the colon, grade 2.", "diagnosis")
    assert colon["primary_site"] == "colon"


def test_medicines_started_the_same_day_far_apart_are_two_lines() -> None:
    text = (
        "Started paclitaxel on 5 March 2024.\n\nCreatinine normal.\n\nFollow-up in 3 weeks."
        "\n\nStarted letrozole on 5 March 2024."
    )
    regimens = {f["regimen"] for f in fields_of(text, "treatment_line")}
    assert regimens == {"paclitaxel", "letrozole"}


def test_two_lines_in_one_sentence_stay_two() -> None:
    text = "Progressed on FOLFOX, then switched to FOLFIRI plus bevacizumab on 3 May 2024."
    regimens = [f["regimen"] for f in fields_of(text, "treatment_line")]
    assert regimens == ["FOLFOX", "FOLFIRI + bevacizumab"]


MEDICATION_TABLE = """MEDICATIONS
Medication | Instructions | Dosage | Effective Date(s) | Status
4 ML bevacizumab 25 MG/ML Injection | 5 mg/kg | 2018-02-15 | Active
"""


def test_a_table_row_gives_its_line_the_dates_and_status_of_its_columns() -> None:
    """A row with a cell fewer than its header still pairs its one date with the one date
    column; "Active" with no end date is a line still given."""
    (line,) = fields_of(MEDICATION_TABLE, "treatment_line")
    assert line["regimen"] == "bevacizumab"
    assert line["start_date"] == "2018-02-15" and line.get("ongoing") is True
    table = (
        "Medication | Dose | Start date | Stop date | Status\n"
        "Letrozole 2.5 mg tablet | 2.5 mg daily | 2023-03-10 | 2024-04-20 | Stopped\n"
        "Capecitabine 500 mg tablet | 1000 mg/m2 | 2024-05-20 | | Active\n"
    )
    letrozole, capecitabine = fields_of(table, "treatment_line")
    assert (letrozole["start_date"], letrozole["end_date"]) == ("2023-03-10", "2024-04-20")
    assert not letrozole.get("ongoing")
    assert capecitabine["start_date"] == "2024-05-20" and capecitabine.get("ongoing") is True
    ranged = (
        "Medication | Effective Dates (start - stop) | Status\n"
        "Tamoxifen 20 mg | 2019-01-01 - 2023-12-31 | Completed\n"
    )
    (tamoxifen,) = fields_of(ranged, "treatment_line")
    assert (tamoxifen["start_date"], tamoxifen["end_date"]) == ("2019-01-01", "2023-12-31")


def test_a_date_under_a_column_that_does_not_say_is_not_a_start() -> None:
    table = "Medication | Dose | Reviewed\nLetrozole 2.5 mg tablet | 2.5 mg | 2024-01-05\n"
    (line,) = fields_of(table, "treatment_line")
    assert line["start_date"] is None and not line.get("ongoing")


def test_a_table_of_planned_treatment_gives_no_line() -> None:
    table = "Planned medication | Planned start\nCapecitabine 500 mg tablet | 2024-05-20\n"
    assert fields_of(table, "treatment_line") == []


def test_a_result_takes_the_date_written_right_after_it_or_none() -> None:
    """Of several dates in a sentence, a result takes the one written right after its value;
    when none is plainly its own it has no date, never the page's collection date."""
    page = (
        "LABORATORY RESULTS\nCollected: 19/04/2024\n"
        "CA 15-3                     86  U/mL    < 30            H\n"
        "Previous CA 15-3: 34 U/mL (2023-10-20); 22 U/mL (2023-06-12).\n"
        "HER2 negative (IHC 1+) on biopsy of 14/02/2023 and 03/05/2024.\n"
    )
    found = {
        (p.fields["marker"], p.fields["result"]): p.fields["specimen_date"]
        for p in read_record(1, "laboratory", "2024-04-19", [(1, page)])
        if p.kind == "biomarker"
    }
    assert found[("CA 15-3", "86 U/mL")] == "2024-04-19"  # its row: the collection date
    assert found[("CA 15-3", "34 U/mL")] == "2023-10-20"  # not the page's collection date
    assert found[("HER2", "negative (IHC 1+)")] is None  # two biopsies: which is not said


def test_a_serum_level_never_takes_a_tissue_tests_method() -> None:
    page = (
        "Biopsy 02/03/2023: ER positive (90%), HER2 1+ by IHC.\n"
        "CEA 12.4 ng/mL.\n"
        "EGFR exon 19 deletion.\n"
        "Tumour markers: CA 15-3 86 U/mL by IHC.\n"
    )
    methods = {
        p.fields["marker"]: p.fields["method"]
        for p in read_record(1, "laboratory", "2024-04-19", [(1, page)])
        if p.kind == "biomarker"
    }
    assert methods["HER2"] == "IHC" and methods["ER"] == "IHC"
    assert methods["CEA"] == "" and methods["CA 15-3"] == ""  # a blood test, never stained
    assert methods["EGFR"] == ""  # a mutation is not found by IHC


@pytest.mark.parametrize(
    "sentence",
    [
        "Type 2 diabetes mellitus with hyperglycemia (HCC)",
        "Diabetes with chronic kidney disease on chronic dialysis (CMS/HCC) | Active",
        "Morbid obesity (CMS-HCC)",
    ],
)
def test_a_billing_category_tag_is_no_liver_cancer(sentence: str) -> None:
    """US problem lists tag billable problems "(HCC)": a Hierarchical Condition Category."""
    assert fields_of(sentence, "diagnosis") == []


def test_hcc_written_as_the_disease_is_still_read() -> None:
    [found] = fields_of("Chronic hepatitis B with HCC in the right lobe, BCLC B.", "diagnosis")
    assert (found["primary_site"], found["histology"]) == ("liver", "hepatocellular carcinoma")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Cardiac pacemaker | Insertion of intracardiac pacemaker | Upper chest wall | 2012",
            ["pacemaker insertion"],
        ),
        (
            "Breast Implant | Date: 14-Jul-2020 | Serial: bi1234 | Implant Status: Implantable",
            ["breast implant insertion"],
        ),
        ("Breast implant rupture is seen on the MRI.", []),  # its own name says no insertion
        ("Implanted port in situ, flushed today.", []),
        ("Pacemaker checked in clinic, working well.", []),
    ],
)
def test_an_implant_is_a_procedure_only_where_it_was_put_in(sentence: str, expected: list) -> None:
    assert sorted({f["name"] for f in fields_of(sentence, "procedure")}) == expected


def test_a_device_on_a_list_of_implants_was_put_in() -> None:
    """Under an equipment or implants heading each device listed was put in, on its day; the
    same line elsewhere says nothing of the kind, and a cane is no procedure."""
    listed = "MEDICAL EQUIPMENT\nCane, February 2, 2003\nBiliary Stent, May 5, 2013\n"
    assert [(f["name"], f["performed_on"]) for f in fields_of(listed, "procedure")] == [
        ("stent insertion", "2013-05-05")
    ]
    assert fields_of("MEDICATIONS\nBiliary Stent, May 5, 2013\n", "procedure") == []


def test_a_section_goes_on_over_a_pages_end() -> None:
    """A heading at the foot of one page heads the lines at the top of the next: a plan's
    items are not read as done, an implants list's devices are."""
    ends_in_a_plan = [(1, "HISTORY\nWell.\nPLAN\n"), (2, "Right mastectomy on 12/03/2024.\n")]
    assert not [p for p in read_record(1, "other", None, ends_in_a_plan) if p.kind == "procedure"]
    ends_in_implants = [(1, "IMPLANTS\n"), (2, "Biliary stent, May 5, 2013\n")]
    found = [p.fields for p in read_record(1, "other", None, ends_in_implants)]
    assert [f["name"] for f in found] == ["stent insertion"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Left total knee arthroplasty on 03/02/2019.", [("knee replacement", "left knee")]),
        ("Status post right hip replacement in 2015.", [("hip replacement", "right hip")]),
        ("Hip replacement is planned for the spring.", []),
    ],
)
def test_joint_replacements_are_procedures_with_their_side(sentence: str, expected: list) -> None:
    assert [(f["name"], f["site"]) for f in fields_of(sentence, "procedure")] == expected
