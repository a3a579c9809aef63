"""Suggesting categories: keyword rules with their words, a local model, learning from choices."""

from __future__ import annotations

import pytest

from recordorg.core.understanding.classify import Classifier, category_rules, seed_examples
from recordorg.samples.texts import LAB_ROWS, all_texts


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    return Classifier()


@pytest.mark.parametrize(
    ("text", "category", "word"),
    [
        (
            "SURGICAL PATHOLOGY\nSpecimen: left breast core biopsy. Final diagnosis: carcinoma.",
            "pathology",
            "surgical pathology",
        ),
        (
            "Tumour cells studied by immunohistochemistry: ER positive, PR positive, HER2 1+. "
            "Pathologist review of the specimen.",
            "pathology",
            "immunohistochemistry",
        ),
        (
            "CT CHEST WITH CONTRAST\nFindings: no pulmonary nodule. Impression: normal.",
            "imaging-report",
            "ct",
        ),
        (
            "DISCHARGE SUMMARY\nAdmitted with fever. Hospital course uneventful.",
            "discharge-summary",
            "discharge summary",
        ),
        (
            "Explanation of benefits. Claim for services. You owe $30.",
            "administrative",
            "explanation of benefits",
        ),
        (
            "Compte rendu anatomopathologique : carcinome canalaire infiltrant, biopsie du sein.",
            "pathology",
            "anatomopathologique",
        ),
        (
            "Entlassungsbrief: stationäre Aufnahme wegen Fieber, Entlassung nach Hause.",
            "discharge-summary",
            "entlassungsbrief",
        ),
    ],
)
def test_keyword_suggestions_say_which_words_decided(
    classifier: Classifier, text: str, category: str, word: str
) -> None:
    s = classifier.suggest(text)
    assert s.category == category, (s.category, s.alternatives)
    assert word in s.words and f'"{word}"' in s.reason
    assert 0.5 < s.confidence <= 1


def test_a_table_of_lab_values_is_laboratory(classifier: Classifier) -> None:
    table = "\n".join(f"{n}  {v}  {u}  {r}  {f}" for n, v, u, r, f in LAB_ROWS)
    assert classifier.suggest(table).category == "laboratory"


def test_the_demo_texts(classifier: Classifier) -> None:
    expected = {
        "Surgical Pathology Report": "pathology",
        "Laboratory Results": "laboratory",
        "Discharge Summary": "discharge-summary",
        "Oncology Consultation": "clinic-letter",
        "Comprehensive Genomic Profiling Report": "genomics",
    }
    for sample in all_texts():
        if sample.title in expected:
            text = "\n".join([sample.title, *sample.lines])
            assert classifier.suggest(text).category == expected[sample.title], sample.title


def test_dicom_is_an_imaging_study_and_no_text_is_no_suggestion(classifier: Classifier) -> None:
    assert classifier.suggest("", kind="dicom").category == "imaging-study"
    empty = classifier.suggest("  ")
    assert (empty.category, empty.confidence) == ("other", 0.0)
    assert "no text" in empty.reason


def test_learns_a_persons_own_category_from_their_choices() -> None:
    dental = [
        "Dental clinic visit. Molar extraction under local anaesthetic, periodontal "
        f"charting, dentist notes number {n}."
        for n in range(3)
    ]
    learned = Classifier([(text, "dental", 10 + n) for n, text in enumerate(dental)])
    s = learned.suggest(
        "Dental clinic visit. Molar extraction under local anaesthetic, "
        "periodontal charting, dentist notes number 9."
    )
    assert s.category == "dental"
    assert "record 1" in s.reason and "alike" in s.reason  # points at the record it followed
    assert Classifier().suggest(dental[0]).category != "dental"


def test_shipped_rules_and_seeds_cover_every_builtin_category() -> None:
    rules = category_rules()
    seeds = {slug for _, slug in seed_examples()}
    for slug in (
        "pathology",
        "imaging-report",
        "laboratory",
        "genomics",
        "medication",
        "surgery",
        "radiotherapy",
        "clinic-letter",
        "discharge-summary",
        "administrative",
    ):
        assert rules[slug] and slug in seeds
