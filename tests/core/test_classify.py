"""Suggesting categories: keyword rules with their words, a local model, learning from choices."""

from __future__ import annotations

import os

import pytest

from recordorg.core.catalogue.settings import AUTO_CATEGORY
from recordorg.core.understanding.classify import Classifier, category_rules, seed_examples
from recordorg.core.understanding.naive_bayes import Speller
from recordorg.formats.ocr import tesseract_command
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


def test_a_portal_medication_list_is_filed_as_medication(classifier: Classifier) -> None:
    text = (
        "MEDICATIONS\nMedication | Instructions | Dosage | Status\n"
        "Ibuprofen 600mg Oral Tablet | take 1 tablet Every 6 Hours PRN for joint pain | 600 MG"
        " | Active\n"
    )
    suggestion = classifier.suggest(text)
    assert suggestion.category == "medication"
    assert suggestion.confidence >= float(AUTO_CATEGORY.default)


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


# Letters as clinics in each language the OCR reads write them (written for these tests).
LETTERS = [
    (
        "Pathologischer Befund\nEinsender: Gynäkologie. Material: Leberbiopsie.\n"
        "Diagnose: Metastase eines invasiven Karzinoms, am ehesten mammär.",
        "pathology",
    ),
    (
        "Arztbrief\nLieber Herr Kollege, Ihr Patient stellte sich am 3. Mai zur "
        "Wiedervorstellung in unserer Sprechstunde vor. Procedere: Kontrolle in 3 Monaten.",
        "clinic-letter",
    ),
    (
        "Entlassungsbericht\nAufnahmediagnose: Pneumonie. Stationärer Aufenthalt vom 2. bis "
        "9. Mai. Entlassungsmedikation: Amoxicillin.",
        "discharge-summary",
    ),
    (
        "Operationsbericht\nEingriff: laparoskopische Hemikolektomie rechts. Narkose: ITN. "
        "Operateur: Dr. Weber.",
        "surgery",
    ),
    (
        "CT-Befund Thorax/Abdomen mit Kontrastmittel\nBeurteilung: größenprogrediente "
        "Lebermetastasen.",
        "imaging-report",
    ),
    (
        "Compte rendu opératoire\nGeste : colectomie gauche par cœlioscopie. "
        "Opérateur : Dr Petit. Suites simples.",
        "surgery",
    ),
    (
        "Lettre de liaison\nPatient hospitalisé du 2 au 14 mars pour neutropénie fébrile. "
        "Date de sortie : 14 mars.",
        "discharge-summary",
    ),
    (
        "Compte rendu anatomopathologique\nExamen histologique : carcinome canalaire "
        "infiltrant de grade 2. Immunohistochimie : RE positifs.",
        "pathology",
    ),
    (
        "Informe de alta\nFecha de ingreso: 2 de mayo. Fecha de alta: 9 de mayo. "
        "Diagnóstico al alta: neumonía.",
        "discharge-summary",
    ),
    (
        "Informe anatomopatológico\nDescripción microscópica: adenocarcinoma de pulmón. "
        "Inmunohistoquímica: TTF-1 positivo.",
        "pathology",
    ),
    (
        "Informe radiológico\nTAC de tórax con contraste. Hallazgos: nódulo de 8 mm en "
        "lóbulo superior derecho.",
        "imaging-report",
    ),
    (
        "Referto istologico\nEsame microscopico: carcinoma duttale infiltrante, G3. "
        "Il medico patologo.",
        "pathology",
    ),
    (
        "Diagnosi di dimissione: polmonite\nData di ricovero 2 maggio, data di dimissione "
        "9 maggio. Paziente ricoverata in medicina interna.",
        "discharge-summary",
    ),
    (
        "Radioterapia oncologica\nSede: mammella sinistra. Dose totale 40 Gy in 15 frazioni.",
        "radiotherapy",
    ),
    (
        "PROGRESS NOTE\nChief complaint: fatigue. Assessment and plan: continue therapy.\n"
        "Hemoglobin 11.2 g/dL, platelets 150, WBC 4.1, creatinine 0.9, sodium 139, "
        "potassium 4.0, glucose 101, albumin 3.9 (reference range attached).",
        "clinic-letter",
    ),
]


@pytest.mark.parametrize(("text", "category"), LETTERS)
def test_letters_in_every_language_the_ocr_reads(
    classifier: Classifier, text: str, category: str
) -> None:
    s = classifier.suggest(text)
    assert s.category == category, (s.category, s.words, s.alternatives)
    assert s.confidence >= float(AUTO_CATEGORY.default)  # sure enough to be filed there


def _as_scanned(text: str) -> str:
    """Text as a phone photo reads it: accents lost, letters misread, case shouted."""
    swaps = {"i": "l", "e": "c", "o": "0", "ü": "u", "é": "e", "ä": "a", "ó": "o"}
    out, n = [], 0
    for char in text:
        if char.lower() in swaps and char.isalpha():
            n += 1
            if n % 3 == 0:
                char = swaps[char.lower()]
        out.append(char)
    return "".join(out).upper()


@pytest.mark.parametrize(("text", "category"), LETTERS)
def test_misread_letters_are_still_filed(classifier: Classifier, text: str, category: str) -> None:
    noisy = _as_scanned(text)
    assert noisy != text.upper()
    s = classifier.suggest(noisy)
    assert s.category == category, (noisy, s.category, s.words, s.alternatives)


def test_speller_mends_misread_words_and_leaves_others() -> None:
    speller = Speller(["pathologischer", "entlassungsbericht", "histology", "befund"])
    assert speller.mend("pathologlscher befumd") == "pathologischer befund"
    assert speller.mend("entlassungsbcricht h1stology") == "entlassungsbericht histology"
    assert speller.mend("garden kitchen") == "garden kitchen"  # too unlike any word it knows
    assert Speller(["note", "progress"]).mend("pr0gress n0te") == "progress note"
    assert Speller(["consulta"]).mend("consult") == "consult"  # another word, not a misreading


def test_vague_text_stays_a_suggestion(classifier: Classifier) -> None:
    s = classifier.suggest("Notes from the meeting on Tuesday about the garden and the kitchen.")
    assert s.confidence < float(AUTO_CATEGORY.default)  # offered, not filed without asking


def test_accents_and_case_do_not_matter(classifier: Classifier) -> None:
    a = classifier.suggest("COMPTE RENDU OPÉRATOIRE. Intervention : mastectomie.")
    b = classifier.suggest("compte rendu operatoire. intervention : mastectomie.")
    assert a.category == b.category == "surgery"
    assert a.confidence == pytest.approx(b.confidence)


def test_procedure_names_count_by_their_shape(classifier: Classifier) -> None:
    s = classifier.suggest("Sigmoidoskopie und Polypektomie am 3. Mai, komplikationslos.")
    assert s.category == "surgery", (s.category, s.alternatives)


@pytest.mark.skipif(
    tesseract_command() is None and not os.environ.get("CI"),
    reason="Tesseract is not installed here (.ci/run installs it, so CI runs these)",
)
@pytest.mark.parametrize(
    ("lines", "category"),
    [
        (
            [
                "Pathologischer Befund",
                "Material: Stanzbiopsie der Leber, Segment VII.",
                "Mikroskopie: Infiltrate eines Adenokarzinoms.",
                "Diagnose: Metastase eines invasiven Karzinoms.",
            ],
            "pathology",
        ),
        (
            [
                "Oncology clinic",
                "Dear Dr Hughes,",
                "I saw Mrs Example in clinic today. She is well and has no new symptoms.",
                "We will continue her current treatment and see her in three months.",
                "Yours sincerely, Dr A. Patel",
            ],
            "clinic-letter",
        ),
    ],
)
def test_a_photographed_letter_read_by_ocr_is_filed(
    classifier: Classifier, lines: list[str], category: str
) -> None:
    from PIL import ImageFilter

    from recordorg.formats.ocr import ocr_image
    from recordorg.samples.render import render_page

    photo = render_page(lines, (1240, 1754), paper=225, ink=45).rotate(1.5, fillcolor=190)
    text = ocr_image(photo.filter(ImageFilter.GaussianBlur(1.2))).text
    s = classifier.suggest(text)
    assert s.category == category, (text, s.category, s.alternatives)
    assert s.confidence >= float(AUTO_CATEGORY.default)


def test_the_reason_says_which_words_the_scan_misread(classifier: Classifier) -> None:
    s = classifier.suggest("Pathologlscher Befund\nDiagnose: Metastase eines Karzinoms.")
    assert s.category == "pathology"
    assert '"pathologischer befund"' in s.reason and "misread" in s.reason
    clean = classifier.suggest("Pathologischer Befund\nDiagnose: Metastase eines Karzinoms.")
    assert "misread" not in clean.reason


def test_a_visit_summary_follows_what_was_done_at_the_visit(classifier: Classifier) -> None:
    visit = "Encounter for problem\nPatient: A Person\nDate of visit: 10/05/2008\n\n"
    scan = classifier.suggest(visit + "Procedure: Computed tomography of chest, on 10/05/2008")
    biopsy = classifier.suggest(visit + "Procedure: Biopsy of prostate, performed 10/05/2008")
    talk = classifier.suggest(visit + "Diagnosis: Neoplasm of colon (onset 10/05/2008)")
    assert (scan.category, biopsy.category, talk.category) == (
        "imaging-report",
        "surgery",
        "clinic-letter",
    )
    assert "computed tomography" in scan.words and "biopsy" in biopsy.words
    assert len(scan.words) == len(set(scan.words))  # a deciding word is named once


def test_a_procedure_named_in_running_text_is_no_procedure_line(classifier: Classifier) -> None:
    letter = (
        "Dear Dr Smith,\nThank you for referring Mrs Jones. We discussed a CT scan of the chest "
        "and a biopsy.\nProcedure planned: none today.\nYours sincerely"
    )
    assert classifier.suggest(letter).category == "clinic-letter"


def test_a_visit_that_made_a_diagnosis_is_the_visits_letter(classifier: Classifier) -> None:
    """A scan at a visit that made a diagnosis was part of the work-up; a biopsy's diagnosis is
    the biopsy's result; a stay in hospital is not a visit."""
    visit = "Encounter for problem\nPatient: A Person\nDate of visit: 10/12/2008\n\n"
    found = "Diagnosis: Non-small cell carcinoma of lung (onset 10/12/2008)\n"
    staging = classifier.suggest(visit + found + "Procedure: Magnetic resonance imaging of brain")
    biopsy = classifier.suggest(visit + found + "Procedure: Biopsy of lung, performed 10/12/2008")
    drugs = classifier.suggest(
        visit + found + "Prescribed: Naproxen sodium 220 MG Oral Tablet on 10/12/2008"
    )
    stay = classifier.suggest(
        "Encounter Inpatient\nDate of visit: 10/12/2008\n\nDiagnosis: Appendicitis\n"
        "Admitted through the emergency department."
    )
    assert (staging.category, biopsy.category, drugs.category) == (
        "clinic-letter",
        "surgery",
        "clinic-letter",
    )
    assert "diagnosis" in staging.words
    emergency = "Emergency room admission\nDate of visit: 07/14/1953\n\n"
    analgesic = classifier.suggest(emergency + "Prescribed: Meperidine 50 MG Oral Tablet")
    cycle = classifier.suggest(
        visit
        + "Procedure: Combined chemotherapy and radiation therapy, performed 10/12/2008\n"
        + "Prescribed: Cisplatin 50 MG Injection\nPrescribed: Paclitaxel 100 MG Injection"
    )
    assert (analgesic.category, cycle.category) == ("clinic-letter", "medication")
    assert stay.category == "discharge-summary"
    pathology = classifier.suggest(
        "Pathologischer Befund\nEingangsdatum: 12.03.2024\nDiagnose: Metastase eines Karzinoms."
    )
    assert pathology.category == "pathology"  # a diagnosis line without a visit


@pytest.mark.parametrize(
    "text",
    [
        "SOCIAL HISTORY\nDate | Assessment | Value\n06/22/2015 | Do you have a job? | Yes",
        "FUNCTIONAL STATUS\nDependence on walking stick, assessed August 15, 2012",
        "MENTAL STATUS\nPHQ-9 questionnaire: little interest in doing things, several days. "
        "Total score 12.",
        "FAMILY HISTORY\nFather | Stroke | 72\nMother | No known problems",
        "Familienanamnese\nVater: Schlaganfall mit 72 Jahren. Mutter: keine Erkrankungen.",
    ],
)
def test_a_history_survey_or_status_alone_is_no_visit(classifier: Classifier, text: str) -> None:
    assert classifier.suggest(text).category == "other"


def test_a_visit_note_with_history_sections_stays_a_visit_note(classifier: Classifier) -> None:
    note = (
        "HISTORY AND PHYSICAL\nChief complaint: cough.\nFamily history: father had a stroke."
        "\nSocial history: non-smoker.\nFunctional status: walks unaided.\nAssessment and plan:"
        " viral bronchitis, fluids and rest."
    )
    assert classifier.suggest(note).category == "clinic-letter"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("IMMUNIZATIONS\nInfluenza vaccine, intramuscular, given on 11/15/2015", "medication"),
        ("Impfpass\nImpfung gegen Grippe am 15.11.2015, Impfstoff Influvac.", "medication"),
        ("Death Certification\nU.S. standard certificate of death, 10/17/2012", "administrative"),
        ("Todesbescheinigung\nSterbedatum: 17.10.2012", "administrative"),
        ("Advance Care Plan\nPatient: A Person\nCreated: April 20, 2020", "administrative"),
        ("LabCorp\nTests Ordered\nTESTS RESULT FLAG UNITS REFERENCE INTERVAL LAB", "laboratory"),
        ("Patientenverfügung und Vorsorgevollmacht, unterschrieben am 3.2.2021", "administrative"),
        ("I appoint my wife as my healthcare agent; advance medical directives.", "administrative"),
        ("SUBJECTIVE DATA\nI used the nerve stimulator for five days; less pain.", "clinic-letter"),
        ("OBJECTIVE DATA\nChest: clear to auscultation. Heart: normal sounds.", "clinic-letter"),
        ("My Care Team\nCare Coordination\nName | Role | Specialty | Phone", "administrative"),
        ("Checkup Examination at Community Urgent Care, September 27, 2012", "clinic-letter"),
        (
            "IMPLANTS\nDrug eluting coronary stent, left anterior descending artery. "
            "Implanted 04/13/2016 by Dr Fleming.",
            "surgery",
        ),
        (
            "PLAN OF TREATMENT\nPLANNED PROCEDURES\nLaparoscopic appendectomy | 05/02/2015 | "
            "Scheduled",
            "other",
        ),
    ],
)
def test_vaccines_certificates_notes_implants_and_plans(
    classifier: Classifier, text: str, category: str
) -> None:
    assert classifier.suggest(text).category == category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("REVIEW OF SYSTEMS\nWeakness for two weeks; no fever.", "clinic-letter"),
        ("PHYSICAL EXAM\nAlert, chest clear.", "clinic-letter"),
        ("Körperliche Untersuchung:\nWacher Patient, Lunge frei.", "clinic-letter"),
        ("HOSPITAL COURSE\nStarted on enoxaparin on day two.", "discharge-summary"),
        ("Diagnostic de sortie\nPneumopathie droite.", "discharge-summary"),
        ("PROCEDURE DISPOSITION\nTo recovery in stable condition.", "surgery"),
        ("ANESTHESIA\nConscious sedation with propofol 200 mg IV.", "surgery"),
        ("RESULTS\nSodium | 140 mmol/L | 135-145", "laboratory"),
        ("IMMUNIZATIONS\nInfluenza | Nov 1999 | Completed", "medication"),
        ("Medicación actual\nParacetamol 1 g cada 8 horas", "medication"),
        ("PAYERS\nPlan | Member number", "administrative"),
        ("VITAL SIGNS (LAST FILED)\nBlood pressure | 120/80", "other"),
        ("ALLERGIES, ADVERSE REACTIONS, ALERTS\nPenicillin | Hives | Moderate", "other"),
    ],
)
def test_a_part_of_a_record_sent_alone_goes_with_its_record(
    classifier: Classifier, text: str, category: str
) -> None:
    assert classifier.suggest(text).category == category


@pytest.mark.parametrize(
    "text",
    [
        # a heading further down a letter is one of its parts, not what the letter is
        "Oncology Clinic, Hospital Road\nDear Dr Smith,\nRESULTS\nSodium 140 mmol/L",
        # a heading that goes on in words is a title of its own ("Encounter for problem")
        "Results of the multidisciplinary meeting\nWe discussed your case.",
    ],
)
def test_only_a_first_line_that_is_a_parts_heading_counts(
    classifier: Classifier, text: str
) -> None:
    assert classifier.suggest(text).category != "laboratory"
