"""Finding dates in text: formats, languages, day/month order, and what each date is about."""

from __future__ import annotations

from datetime import date

import pytest

from recordorg.core.understanding.date_words import language_of
from recordorg.core.understanding.dates import (
    DAY_FIRST,
    MONTH_FIRST,
    find_dates,
    read_record_dates,
    resolve_order,
)

TODAY = date(2026, 1, 15)


def values(text: str) -> list[str]:
    return [m.value for m in find_dates(text, today=TODAY)]


@pytest.mark.parametrize(
    "written",
    [
        "3 Dec 2025",
        "Dec. 3, 2025",
        "2025-12-03",
        "3rd December 2025",
        "December 3rd, 2025",
        "03-Dec-2025",
        "3. Dezember 2025",
        "3 décembre 2025",
        "3 de diciembre de 2025",
        "3 dicembre 2025",
        "03.12.2025",
        "3 Dez. 2025",
        "3 dic 2025",
        "12/03/2025 (month-first)",
    ],
)
def test_formats_people_meet(written: str) -> None:
    text = f"Seen on {written.split(' (')[0]}"
    if "month-first" in written:
        text += ". Other date: 12/31/2025."
    assert values(text)[0] == "2025-12-03"


def test_all_five_languages_month_names() -> None:
    text = "14. März 2025; 1er février 2025; 7 de agosto de 2024; 9 settembre 2023; Jan 2, 2022"
    assert values(text) == ["2025-03-14", "2025-02-01", "2024-08-07", "2023-09-09", "2022-01-02"]


def test_month_name_day_and_year_joined_by_hyphens() -> None:
    assert values("Effective Dates (start - stop): Mar-10-2013 - | Active") == ["2013-03-10"]
    assert values("Sept-9-2012 and Dec 3 2025") == ["2012-09-09", "2025-12-03"]


def test_numbers_that_are_not_dates() -> None:
    assert values("Ki-67 30%, 1.2 to 1.6 cm, version 4.1.0, tel 555-0100, 10^9/L") == []
    assert values("31/02/2025 and 2025-13-01") == []  # no such days


def test_day_and_month_order_comes_from_the_document() -> None:
    us = "Collected 02/14/2025. Reported 03/04/2025."
    mentions, order = read_record_dates([(1, us)], today=TODAY)
    assert order.order == MONTH_FIRST and order.why == "document"
    assert [m.value for m in mentions] == ["2025-02-14", "2025-03-04"]
    assert mentions[1].order == MONTH_FIRST  # the one that was ambiguous says so
    eu = "Collected 14/02/2025. Reported 03/04/2025."
    mentions, order = read_record_dates([(1, eu)], today=TODAY)
    assert order.order == DAY_FIRST and mentions[1].value == "2025-04-03"


def test_order_from_language_setting_library_then_default() -> None:
    assert resolve_order((0, 0), language="de").why == "language"
    assert resolve_order((0, 0), setting=MONTH_FIRST).order == MONTH_FIRST
    by_library = resolve_order((0, 0), library_votes=(1, 9))
    assert (by_library.order, by_library.why) == (MONTH_FIRST, "library")
    assert resolve_order((0, 0)).order == DAY_FIRST
    # the record itself beats the library's setting
    assert resolve_order((2, 0), setting=MONTH_FIRST).order == DAY_FIRST
    text = "Die Patientin wurde mit der Diagnose und dem Befund von der Station entlassen: 03/04/25"
    mentions, order = read_record_dates([(1, text)], setting=MONTH_FIRST, today=TODAY)
    assert order.why == "language" and mentions[0].value == "2025-04-03"


def test_language_of_text() -> None:
    assert (
        language_of(
            "Le patient est venu pour la consultation avec les résultats des examens "
            "dans une lettre"
        )
        == "fr"
    )
    assert language_of("The patient was seen in the clinic with the results of the scan") == "en"
    assert language_of("12 3 4") == ""


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Patient: Jane Example    DOB: 04/12/1961", "birth"),
        ("Name: Max Beispiel, geb. 12.04.1961", "birth"),
        ("Née le 12/04/1961", "birth"),
        ("Fecha de nacimiento: 12/04/1961", "birth"),
        ("Jane Example (born 12 April 1961)", "birth"),
        ("Birth date: 1961-04-12", "birth"),
        ("Electronically signed by Dr. Sample, MD on 02/17/2023 14:22", "report"),
        ("Report date: 2024-05-14", "report"),
        ("Collected: 2024-04-19 07:55", "collection"),
        ("Specimen collected 2024-04-19", "collection"),
        ("Exam date: 22-Apr-2024", "procedure"),
        ("Date of operation: 2024-04-22", "procedure"),
        ("Untersuchung vom 22.04.2024", "procedure"),
        ("Seen in clinic on 2024-04-22", "visit"),
        ("Admission date: 2024-08-03", "admission"),
        ("Discharge date: 2024-08-07", "discharge"),
        ("Fecha de alta: 07/08/2024", "discharge"),
        ("FAX 555-0100   2024-08-21 14:02   P.001", "printed"),
        ("Printed 2024-08-21 09:15", "printed"),
        ("COMPARISON: CT of 24-Oct-2023", "history"),
        ("She started treatment on 2023-03-01 and is well.", "history"),
        ("Follow-up: oncology clinic on 14/08/2024", "planned"),
        ("Statement date: June 3, 2024", "document"),
        ("Berlin, den 14.02.2025", "document"),
        ("2 March 2023", "document"),
        ("the mass measured 2 cm on 2023-03-01 in the left breast of the patient", "unknown"),
    ],
)
def test_what_a_date_is_about(line: str, kind: str) -> None:
    found = find_dates(line, today=TODAY)
    assert found and found[-1].kind == kind, [(m.kind, m.cue) for m in found]


def test_a_label_in_an_earlier_sentence_does_not_count() -> None:
    found = find_dates(
        "We saw her in our clinic today. Treatment began on 01.02.2024 well.", today=TODAY
    )
    assert found[0].kind == "history"


def test_table_rows_take_their_kind_from_the_column_heading() -> None:
    text = (
        "Date of service   Description   Billed\n05/08/2024   MRI brain   $2,450.00\n"
        "05/16/2024   Office visit   $310.00"
    )
    assert [m.kind for m in find_dates(text, today=TODAY)] == ["procedure", "procedure"]


def test_pages_are_numbered_and_dates_carry_the_words_that_told() -> None:
    mentions, _ = read_record_dates(
        [(1, "no dates here"), (2, "Reported: 2024-02-03")], today=TODAY
    )
    assert (mentions[0].page, mentions[0].cue, mentions[0].written) == (2, "reported", "2024-02-03")


def test_dotted_dates_are_day_first_even_in_a_month_first_library() -> None:
    us_library = resolve_order((0, 0), library_votes=(0, 5))
    assert us_library.order == MONTH_FIRST
    found = find_dates("Date of examination: 08.05.2024", us_library, today=TODAY)
    assert found[0].value == "2024-05-08"
    assert find_dates("Seen 08/05/2024", us_library, today=TODAY)[0].value == "2024-08-05"


def test_ocr_slips_inside_words_are_forgiven() -> None:
    found = find_dates("C0llected: 0ct. 15, 2021   Fecha de a1ta: 23/03/2022", today=TODAY)
    assert [(m.value, m.kind) for m in found] == [
        ("2021-10-15", "collection"),
        ("2022-03-23", "discharge"),
    ]
    assert values("1st March 2024, 5mg") == ["2024-03-01"]  # ordinals and units stay


@pytest.mark.parametrize(
    ("written", "first_day", "precision"),
    [
        ("March 2023", "2023-03-01", "month"),
        ("Mar. 2023", "2023-03-01", "month"),
        ("März 2023", "2023-03-01", "month"),
        ("marzo de 2023", "2023-03-01", "month"),
        ("03/2024", "2024-03-01", "month"),
        ("3.2024", "2024-03-01", "month"),
        ("2024-03", "2024-03-01", "month"),
        ("Q2 2024", "2024-04-01", "quarter"),
        ("2024 Q3", "2024-07-01", "quarter"),
        ("4th quarter 2023", "2023-10-01", "quarter"),
        ("since 2021", "2021-01-01", "year"),
        ("seit 2019", "2019-01-01", "year"),
    ],
)
def test_dates_written_without_a_day_keep_their_precision(
    written: str, first_day: str, precision: str
) -> None:
    (mention,) = find_dates(f"On treatment {written}.", today=TODAY)
    assert (mention.value, mention.precision) == (first_day, precision)


def test_a_whole_date_is_never_read_as_a_month() -> None:
    found = find_dates("Seen on 3 March 2023 and on 2024-03-05; CT 12/03/2024.", today=TODAY)
    assert [(m.value, m.precision) for m in found] == [
        ("2023-03-03", "day"),
        ("2024-03-05", "day"),
        ("2024-03-12", "day"),
    ]


def test_a_year_alone_is_a_date_only_after_words_that_say_so() -> None:
    assert values("ICD-10 version 2019, 2021 guidelines, 1.2 to 1.6 cm") == []
    assert [m.kind for m in find_dates("Tamoxifen since 2021.", today=TODAY)] == ["history"]


@pytest.mark.parametrize(
    "text",
    [
        "Treatment dates: 04/01/2025 - 04/14/2025",
        "Radiotherapy from 1 April 2025 to 14 April 2025.",
        "Chemotherapy 2025-04-01 – 2025-04-14",
        "Traitement du 1 avril 2025 au 14 avril 2025",
        "Bestrahlung vom 01.04.2025 bis 14.04.2025",
    ],
)
def test_a_period_is_a_start_with_its_end(text: str) -> None:
    start, end = find_dates(text, today=TODAY)
    assert (start.value, start.end, start.ends_period) == ("2025-04-01", "2025-04-14", False)
    assert (end.value, end.ends_period) == ("2025-04-14", True)


def test_a_period_of_months_and_dates_that_are_no_period() -> None:
    start, _ = find_dates("Letrozole between March 2023 and May 2023.", today=TODAY)
    assert (start.value, start.end, start.precision) == ("2023-03-01", "2023-05-01", "month")
    listed = find_dates("Seen 2025-04-01, 2025-04-14.", today=TODAY)
    assert [m.end for m in listed] == ["", ""]
    backwards = find_dates("2025-04-14 - 2025-04-01", today=TODAY)
    assert backwards[0].end == ""  # a period runs forwards in time


def test_a_date_written_out_may_wrap_before_its_year() -> None:
    """PDF text of tables and narrow columns breaks lines inside dates."""
    found = find_dates("Checkup | Urgent care | September 27,\n2012 at 1:00pm | done")
    assert [(m.value, m.written) for m in found] == [("2012-09-27", "September 27, 2012")]
    assert [m.value for m in find_dates("Admitted 12 March\n2024.")] == ["2024-03-12"]
    assert [m.value for m in find_dates("rose in March\n2024 again")] == ["2024-03-01"]
    assert find_dates("Room 27\n2012 patients were seen") == []
    assert find_dates("March\n\n2024") == []  # a paragraph apart: not one date


def test_eight_digits_are_a_date_only_where_a_label_or_column_says_so() -> None:
    table = "Medication | Directions | Start Date | Status\nProventil | 2 puffs | 20070103 | Active"
    assert [m.value for m in find_dates(table)] == ["2007-01-03"]
    assert [m.value for m in find_dates("Date of service: 20240315")] == ["2024-03-15"]
    for not_a_date in ("MRN: 20240315", "Accession 20070103 received", "20240315", "ID 20241399"):
        assert find_dates(not_a_date) == [], not_a_date


def test_a_date_the_records_own_order_cannot_read_is_no_date() -> None:
    """Among a US form's month-first dates, "26/05/21" (an age: years/months/days) can only
    be read day-first: two to one against it, it is not taken for 26 May 2021."""
    form = (
        "Date Collected 07/14/16\nDate Reported 07/15/16\nAge (Y/M/D) Date of Birth\n"
        "26/05/21 01/23/90\n"
    )
    mentions, order = read_record_dates([(1, form)], today=date(2026, 1, 1))
    assert order.order == MONTH_FIRST
    assert "2021-05-26" not in {m.value for m in mentions}
    assert {"2016-07-14", "2016-07-15"} <= {m.value for m in mentions}
    mixed = "Seen 07/15/16. Letter of 26/05/21."  # one against one: both kept
    assert "2021-05-26" in {m.value for m in read_record_dates([(1, mixed)])[0]}
