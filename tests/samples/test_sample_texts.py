"""The fictional clinical texts carry the facts and the varied dates the app must find."""

import re
from datetime import date

from recordorg.samples import texts


def _joined(sample: texts.SampleText) -> str:
    return "\n".join(sample.lines)


def test_every_text_has_title_lines_and_date() -> None:
    samples = texts.all_texts()
    assert len(samples) == len(texts.ALL_TEXTS) == 9
    assert [s.date for s in samples] == sorted(s.date for s in samples)
    for sample in samples:
        title, lines, issued = sample  # a plain 3-tuple for callers
        assert title and len(lines) >= 5 and all(isinstance(line, str) for line in lines)
        assert date(2023, 1, 1) <= issued <= date(2024, 12, 31)
        body = _joined(sample)
        assert "1961" in body, f"{title} lacks a birth-date line"
        assert re.search(r"maria|example", body, re.IGNORECASE)


def test_pathology_biomarkers() -> None:
    body = _joined(texts.pathology_report())
    for fact in [
        "INVASIVE DUCTAL CARCINOMA",
        "95%",
        "20%",
        "1+",
        "NEGATIVE",
        "Ki-67",
        "30%",
        "Collected: 02/14/2023",
        "DOB: 04/12/1961",
        "Left breast",
    ]:
        assert fact in body


def test_genomic_report_findings() -> None:
    body = _joined(texts.genomic_report())
    for fact in ["PIK3CA H1047R", "BRCA1 / BRCA2: no pathogenic variant", "4 mut/Mb", "MSI stable"]:
        assert fact in body


def test_letters_tell_the_treatment_lines() -> None:
    first = _joined(texts.consultation_letter())
    later = _joined(texts.followup_letter())
    assert "letrozole" in first and "palbociclib" in first and "first-line" in first
    assert "progressive disease" in later and "second-line capecitabine" in later


def test_lab_table_has_units_and_ranges() -> None:
    body = _joined(texts.lab_results())
    for name in ["White blood cells", "Haemoglobin", "Platelets", "CEA", "CA 15-3"]:
        row = next(line for line in body.splitlines() if line.startswith(name))
        assert re.search(r"\d", row) and ("-" in row or "<" in row)
    assert "ng/mL" in body and "U/mL" in body and "10^9/L" in body


def test_dates_come_in_varied_formats() -> None:
    body = "\n".join(_joined(s) for s in texts.all_texts())
    patterns = {
        "us": r"\b04/12/1961\b",
        "iso": r"\b1961-04-12\b",
        "dotted": r"\b12\.04\.1961\b",
        "dd-mon": r"\b12-Apr-1961\b",
        "long": r"\b12 April 1961\b",
        "mon-dd": r"\bApr 12, 1961\b",
        "uk-slash": r"\b12/04/1961\b",
    }
    for name, pattern in patterns.items():
        assert re.search(pattern, body), name


def test_only_fictional_people_and_places() -> None:
    body = "\n".join(_joined(s) for s in texts.all_texts())
    assert "Riverside General Hospital" in body
    assert texts.PATIENT_NAME == "Maria Example" and texts.BIRTH_DATE == date(1961, 4, 12)
    assert "555-01" in body  # phone numbers from the range reserved for fiction
