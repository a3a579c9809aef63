"""Words and formats shown in more than one place: sizes, dates and where a date came from."""

from __future__ import annotations

from recordorg.core import wording


def test_sizes_as_people_read_them() -> None:
    assert wording.human_size(812) == "812 bytes"
    assert wording.human_size(3 * 1024 * 1024 + 400_000) == "3.4 MB"


def test_dates_shown_short_and_long() -> None:
    assert wording.short_date("2025-03-03") == "3 Mar 2025"
    assert wording.long_date("2024-08-07") == "7 August 2024"
    assert wording.short_date(None) == "" and wording.short_date("soon") == "soon"


def test_partial_dates_shown_as_written() -> None:
    assert wording.short_date("2023-03-01", "month") == "Mar 2023"
    assert wording.long_date("2023-03-01", "month") == "March 2023"
    assert wording.short_date("2024-04-01", "quarter") == "Q2 2024"
    assert wording.short_date("2021-01-01", "year") == "2021"
    # a reduced ISO date says its own precision
    assert wording.short_date("2023-03") == "Mar 2023" and wording.short_date("2021") == "2021"


def test_a_period_is_shown_from_start_to_end() -> None:
    assert wording.date_span("2025-04-01", "2025-04-14") == "1 Apr 2025 – 14 Apr 2025"
    assert wording.date_span("2023-03-01", "2023-05-01", "month") == "Mar 2023 – May 2023"
    assert wording.date_span("2025-04-01") == "1 Apr 2025"


def test_date_source_in_plain_words() -> None:
    assert wording.describe_date_source(None) == "no date found"
    assert wording.describe_date_source("user") == "set by a person"
    assert wording.describe_date_source("exif", confirmed=True) == (
        "from the day the photo was taken, confirmed"
    )
    assert "guess" in wording.describe_date_source("file-time")
    assert wording.source_name("pdf-metadata", "modified") == "the day the PDF file was last saved"


def test_sources_ranked_once_person_scanner_text_then_file_dates() -> None:
    ranked = sorted(
        [
            "file-time",
            "text",
            "exif",
            "clinical-document",
            "user",
            "pdf-metadata",
            "dicom-study-date",
        ],
        key=wording.source_rank,
    )
    assert ranked == [
        "user",
        "dicom-study-date",
        "clinical-document",
        "text",
        "exif",
        "pdf-metadata",
        "file-time",
    ]
    assert all(s.is_file_date for s in wording.DATE_SOURCES[4:])
    assert not any(s.is_file_date for s in wording.DATE_SOURCES[:4])


def test_a_long_quote_is_cut_in_its_middle_keeping_its_date() -> None:
    from recordorg.core.wording import elided

    quote = (
        "Procedures, entry 3 (Procedure/3b7ca7ce-ee7a-4f9d-9aaa-a42bc3a93150): "
        "Biopsy of prostate (SNOMED CT 65575008), 2003-08-20"
    )
    short = elided(quote, 80)
    assert len(short) <= 80 and short.startswith("Procedures, entry 3")
    assert short.endswith("2003-08-20") and "…" in short
    assert elided("HER2 negative.", 80) == "HER2 negative."
