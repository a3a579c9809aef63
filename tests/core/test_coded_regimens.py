"""Medicines coded in a health record: those started on one day are one regimen."""

from __future__ import annotations

import json

from recordorg.core.case.suggest_coded import coded_proposals


def _coded(kind: str, section: str, resource: str, number: int, name: str, start: str) -> dict:
    """One coded entry of a health record, as the FHIR reader stores it."""
    return {
        "kind": kind,
        "name": name,
        "start": start,
        "section": section,
        "entry": number,
        "resource": f"{resource}{number}",
    }


def _medicine(number: int, name: str, start: str) -> dict:
    return _coded("medication", "Medicines", "MedicationRequest/m", number, name, start)


def _row(entries: list[dict]) -> dict:
    meta = json.dumps({"coded_entries": entries})
    return {"id": 1, "meta": meta, "slug": "medication", "clinical_date": "1985-07-26"}


def test_medicines_started_on_one_day_are_one_line_citing_each() -> None:
    entries = [
        _medicine(1, "Cisplatin 50 MG Injection", "1985-07-26"),
        _medicine(2, "PACLitaxel 100 MG Injection", "1985-07-26"),
        _medicine(3, "Letrozole 2.5 MG Oral Tablet", "1990-01-05"),
    ]
    lines = [p for p in coded_proposals([_row(entries)]) if p.kind == "treatment_line"]
    assert [(p.fields["regimen"], p.fields["start_date"]) for p in lines] == [
        ("cisplatin + paclitaxel", "1985-07-26"),
        ("letrozole", "1990-01-05"),
    ]
    quote = lines[0].citations[0][2]
    assert "MedicationRequest/m1" in quote and "MedicationRequest/m2" in quote


def test_the_same_medicine_twice_on_one_day_stays_one_medicine() -> None:
    entries = [
        _medicine(1, "Cisplatin 50 MG Injection", "1985-07-26"),
        _medicine(2, "Cisplatin 50 MG Injection", "1985-07-26"),
    ]
    lines = [p for p in coded_proposals([_row(entries)]) if p.kind == "treatment_line"]
    assert {p.fields["regimen"] for p in lines} == {"cisplatin"}


def _procedure(number: int, name: str, start: str) -> dict:
    return _coded("procedure", "Procedures", "Procedure/p", number, name, start)


def test_a_procedure_coded_on_several_days_is_one_entry_a_day() -> None:
    """Three prostate biopsies years apart are three procedures, each on its own day; an
    organ removed once stays one."""
    entries = [
        _procedure(1, "Biopsy of prostate", "2003-08-20"),
        _procedure(2, "Biopsy of prostate", "2004-08-19"),
        _procedure(3, "Biopsy of prostate", "2009-09-23"),
        _procedure(4, "Appendectomy", "1990-05-01"),
        _procedure(5, "Appendectomy", "1990-05-01"),
    ]
    from recordorg.core.case.suggest import _merge

    merged: dict = {}
    for proposal in coded_proposals([_row(entries)]):
        _merge(merged, proposal)
    days = sorted((p.fields["name"], p.fields["performed_on"]) for p in merged.values())
    assert days == [
        ("appendectomy", "1990-05-01"),
        ("biopsy", "2003-08-20"),
        ("biopsy", "2004-08-19"),
        ("biopsy", "2009-09-23"),
    ]


def _problem(number: int, name: str, start: str) -> dict:
    return _coded("problem", "Problems", "Condition/c", number, name, start)


def test_a_stage_coded_with_the_diagnosis_is_the_stage_at_diagnosis() -> None:
    """A problem list's staged cancer, recorded the day after the diagnosis, says how it was
    found, not how it is now; a stage dated a year later is the stage now."""
    from recordorg.core.case.kinds import KINDS
    from recordorg.core.case.suggest import _merge
    from recordorg.core.case.text_diagnosis import finish_diagnosis

    def merged(entries: list[dict]) -> dict:
        found: dict = {}
        for proposal in coded_proposals([_row(entries)]):
            _merge(found, proposal)
        [diagnosis] = [p for p in found.values() if p.kind == "diagnosis"]
        return finish_diagnosis(diagnosis.fields)

    early = merged(
        [
            _problem(1, "Non-small cell lung cancer (disorder)", "1985-07-25"),
            _problem(2, "Non-small cell carcinoma of lung, TNM stage 1 (disorder)", "1985-07-26"),
        ]
    )
    assert (early["stage_at_diagnosis"], early.get("stage_now")) == ("I", None)
    assert KINDS["diagnosis"].summary(early) == (
        "non-small cell carcinoma of the lung, stage I at diagnosis"
    )
    later = merged(
        [
            _problem(1, "Non-small cell lung cancer (disorder)", "1985-07-25"),
            _problem(2, "Non-small cell carcinoma of lung, TNM stage 4 (disorder)", "1986-09-01"),
        ]
    )
    assert (later.get("stage_at_diagnosis"), later["stage_now"]) == (None, "IV")


def test_a_cancer_named_without_its_histology_is_said_in_words() -> None:
    from recordorg.core.case.kinds import KINDS

    summary = KINDS["diagnosis"].summary
    assert summary({"primary_site": "colon"}) == "cancer of the colon"
    assert summary({"histology": "adenocarcinoma"}) == "adenocarcinoma"


def test_a_stay_coded_only_by_its_class_is_called_a_hospital_stay() -> None:
    def stay(name: str) -> dict:
        return {
            "kind": "encounter", "name": name, "start": "1993-01-29", "end": "1993-01-30",
            "inpatient": True, "section": "Visits and stays", "entry": 1,
            "resource": "Encounter/e1",
        }  # fmt: skip

    [generic] = [p for p in coded_proposals([_row([stay("Encounter Inpatient")])])]
    assert (generic.fields["title"], generic.fields["detail"]) == (
        "Hospital stay",
        "Encounter Inpatient",
    )
    [named] = [p for p in coded_proposals([_row([stay("Admission for chemotherapy")])])]
    assert named.fields["title"] == "Admission for chemotherapy"
