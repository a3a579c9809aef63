"""Fictional clinical texts for one made-up stage-4 breast cancer case (no real patient data)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

PATIENT_NAME = "Maria Example"
DICOM_PATIENT_NAME = "EXAMPLE^MARIA"
BIRTH_DATE = date(1961, 4, 12)
MRN = "RG-0001"
HOSPITAL = "Riverside General Hospital"
HOSPITAL_ADDRESS = "400 Riverside Drive, Example City, EX 00000 - Tel. 555-0100"
ONCOLOGIST = "Dr. Alex Sample, MD (Medical Oncology)"
PATHOLOGIST = "Dr. Jordan Placeholder, MD"
RADIOLOGIST = "Dr. Casey Demo, MD"
GP = "Dr. Robin Fictitious, General Practice, 9 Nowhere Street, Example City"


class SampleText(NamedTuple):
    """A fictional document: its title, its lines (paragraphs) and the date it was issued."""

    title: str
    lines: list[str]
    date: date


def pathology_report() -> SampleText:
    """Surgical pathology report: left breast core biopsy, invasive ductal carcinoma."""
    return SampleText(
        "Surgical Pathology Report",
        [
            f"{HOSPITAL} - Department of Pathology",
            f"Patient: {PATIENT_NAME}    MRN: {MRN}    DOB: 04/12/1961    Sex: F",
            "Accession: SP-23-004512    Collected: 02/14/2023 09:40    Received: 02/14/2023 11:05",
            "Reported: 02/17/2023    Ordering physician: Dr. Lee Surname (Breast Surgery)",
            "SPECIMEN: Left breast, 2 o'clock, 4 cm from nipple, ultrasound-guided core needle "
            "biopsy (3 cores, 14G).",
            "CLINICAL HISTORY: 61-year-old woman with a palpable left breast mass, BI-RADS 5 on "
            "ultrasound.",
            "FINAL DIAGNOSIS: Left breast, core biopsy: INVASIVE DUCTAL CARCINOMA (invasive breast "
            "carcinoma of no special type), Nottingham grade 2 (tubules 3, nuclei 2, mitoses 1). "
            "Ductal carcinoma in situ, cribriform type, present. Lymphovascular invasion: not "
            "identified in the cores.",
            "BIOMARKERS (immunohistochemistry):",
            "Estrogen receptor (ER): POSITIVE, 95% of tumour cells, strong intensity (Allred 8/8).",
            "Progesterone receptor (PR): POSITIVE, 20% of tumour cells, moderate intensity.",
            "HER2 (clone 4B5): NEGATIVE, score 1+ by IHC. In situ hybridisation not required.",
            "Ki-67 (MIB-1): 30% of tumour nuclei.",
            "GROSS DESCRIPTION: Received in formalin labelled with the patient's name, three tan "
            "cores, 1.2 to 1.6 cm, entirely submitted in cassette A1. Cold ischaemia < 1 hour.",
            f"Electronically signed by {PATHOLOGIST} on 02/17/2023 14:22.",
        ],
        date(2023, 2, 17),
    )


def ct_report() -> SampleText:
    """CT chest, abdomen and pelvis with contrast showing progression."""
    return SampleText(
        "CT Chest, Abdomen and Pelvis with Contrast",
        [
            f"{HOSPITAL} - Department of Radiology",
            f"Name: EXAMPLE, Maria    MRN: {MRN}    DOB: 12-Apr-1961",
            "Exam date: 22-Apr-2024 10:15    Accession: CT-24-118734",
            "EXAM: CT CHEST ABDOMEN PELVIS WITH IV CONTRAST (100 mL iohexol 350).",
            "INDICATION: Metastatic ER-positive breast cancer on letrozole and palbociclib since "
            "March 2023. Rising CA 15-3. Restaging.",
            "COMPARISON: CT of 24-Oct-2023 and baseline CT of 24-Feb-2023.",
            "FINDINGS: Chest: new 9 mm nodule in the right lower lobe (series 3, image 41). "
            "Left axillary lymph node 14 mm short axis, previously 8 mm. No pleural effusion.",
            "Abdomen: multiple hepatic metastases, the largest in segment VII measuring 38 x 31 mm "
            "(previously 22 x 19 mm); at least two new lesions in segments II and IVa. Spleen, "
            "pancreas, adrenal glands and kidneys unremarkable.",
            "Bones: sclerotic metastases in T8, L2 and the right iliac bone, L2 lesion slightly "
            "larger. No pathological fracture.",
            "IMPRESSION: Progressive disease (RECIST 1.1): enlarging and new liver metastases, new "
            "pulmonary nodule, enlarging left axillary node. Stable-to-increasing bone metastases.",
            f"Reported by {RADIOLOGIST}. Report signed 2024-04-22 16:05.",
        ],
        date(2024, 4, 22),
    )


def mri_brain_report() -> SampleText:
    """MRI brain with and without gadolinium."""
    return SampleText(
        "MRI Brain with and without Contrast",
        [
            f"{HOSPITAL} - Neuroradiology",
            f"Patient: Maria Example    Date of birth: 12.04.1961    Patient ID: {MRN}",
            "Date of examination: 08.05.2024    Accession: MR-24-020931",
            "TECHNIQUE: Axial T1, T2, FLAIR, DWI, SWI, and post-gadolinium 3D T1 (gadobutrol "
            "0.1 mmol/kg).",
            "CLINICAL INFORMATION: Metastatic breast cancer with hepatic progression, new "
            "headaches. Exclude intracranial metastases.",
            "FINDINGS: A 6 mm ring-enhancing lesion in the right frontal lobe (post-contrast "
            "series 9, image 112) with mild surrounding vasogenic oedema. No other enhancing "
            "lesion. No hydrocephalus, no midline shift. No acute infarct. Dural venous sinuses "
            "patent.",
            "IMPRESSION: Solitary 6 mm right frontal brain metastasis. Recommend neuro-oncology / "
            "stereotactic radiosurgery discussion.",
            f"{RADIOLOGIST}, 08.05.2024",
        ],
        date(2024, 5, 8),
    )


LAB_ROWS = [
    ("White blood cells", "5.8", "10^9/L", "4.0 - 11.0", ""),
    ("Haemoglobin", "11.2", "g/dL", "12.0 - 15.5", "L"),
    ("Platelets", "210", "10^9/L", "150 - 400", ""),
    ("Neutrophils", "3.9", "10^9/L", "1.8 - 7.5", ""),
    ("Lymphocytes", "1.2", "10^9/L", "1.0 - 4.0", ""),
    ("MCV", "88", "fL", "80 - 100", ""),
    ("ALT", "42", "U/L", "7 - 35", "H"),
    ("Alkaline phosphatase", "180", "U/L", "40 - 129", "H"),
    ("Creatinine", "0.8", "mg/dL", "0.5 - 1.1", ""),
    ("CEA", "12.4", "ng/mL", "< 5.0", "H"),
    ("CA 15-3", "86", "U/mL", "< 30", "H"),
]


def lab_results() -> SampleText:
    """Laboratory results table: CBC, chemistry and tumour markers with reference ranges."""
    header = f"{'Test':<22}{'Result':>8}  {'Units':<8}{'Reference range':<16}Flag"
    rows = [f"{n:<22}{v:>8}  {u:<8}{r:<16}{f}" for n, v, u, r, f in LAB_ROWS]
    return SampleText(
        "Laboratory Results",
        [
            f"{HOSPITAL} - Clinical Laboratory",
            f"Patient: EXAMPLE, MARIA   DOB 1961-04-12   MRN {MRN}",
            "Collected 2024-04-19 07:55   Received 2024-04-19 08:30   Reported 2024-04-19 13:10",
            header,
            "-" * len(header),
            *rows,
            "Previous CA 15-3: 34 U/mL (2023-10-20); 22 U/mL (2023-06-12).",
            "Validated by: Sam Technologist, BSc (Clinical Biochemistry).",
        ],
        date(2024, 4, 19),
    )


def consultation_letter() -> SampleText:
    """Oncology consultation letter starting first-line letrozole plus palbociclib."""
    return SampleText(
        "Oncology Consultation",
        [
            f"{HOSPITAL} - Cancer Centre",
            "2 March 2023",
            f"To: {GP}",
            f"Re: {PATIENT_NAME}, date of birth: 12 April 1961, hospital number {MRN}",
            "Dear Dr. Fictitious,",
            "Thank you for referring Mrs Example, whom I saw today in the breast oncology clinic "
            "with her daughter.",
            "Diagnosis: de novo metastatic (stage IV) left breast invasive ductal carcinoma, "
            "ER 95%, PR 20%, HER2 1+ (negative), Ki-67 30% (core biopsy 14 February 2023). "
            "Staging CT on 24 February 2023 showed liver and bone metastases.",
            "She is fit (ECOG performance status 1). We discussed that treatment is not curative "
            "but aims at long control of the disease with good quality of life.",
            "Plan: first-line letrozole 2.5 mg daily plus palbociclib 125 mg daily for 21 days of "
            "28, with denosumab 120 mg every 4 weeks for the bone metastases. Blood counts every "
            "two weeks for the first two cycles. Restaging CT after 3 months.",
            "We will also request genomic testing of the tumour should the disease progress.",
            "Yours sincerely,",
            ONCOLOGIST,
        ],
        date(2023, 3, 2),
    )


def followup_letter() -> SampleText:
    """Oncology follow-up letter: progression and second-line capecitabine."""
    return SampleText(
        "Oncology Clinic Letter",
        [
            f"{HOSPITAL} - Cancer Centre",
            "May 16, 2024",
            f"Patient: {PATIENT_NAME}   DOB: Apr 12, 1961   MRN: {MRN}",
            "Dear colleague,",
            "Mrs Example attended the clinic to review her restaging. After 14 months of "
            "letrozole plus palbociclib (first line, March 2023 to April 2024) her CT of "
            "April 22, 2024 shows progressive disease in the liver and a new lung nodule. The MRI "
            "brain of May 8, 2024 shows a solitary 6 mm right frontal metastasis, referred for "
            "stereotactic radiosurgery.",
            "Tumour genomic profiling found a PIK3CA H1047R mutation; BRCA1/2 not detected. "
            "Alpelisib with fulvestrant was discussed as a later option given her diabetes risk.",
            "Plan: second-line capecitabine 1000 mg/m2 twice daily, days 1-14 every 21 days, "
            "starting May 20, 2024. Letrozole and palbociclib stopped.",
            "Kind regards,",
            ONCOLOGIST,
        ],
        date(2024, 5, 16),
    )


def discharge_summary() -> SampleText:
    """Discharge summary after admission for capecitabine-related diarrhoea."""
    return SampleText(
        "Discharge Summary",
        [
            f"{HOSPITAL} - Ward 7B (Oncology)",
            f"Patient: Maria EXAMPLE   Date of birth: 12/04/1961   Hospital no.: {MRN}",
            "Admitted: 03/08/2024   Discharged: 07/08/2024   Consultant: Dr. Alex Sample",
            "Reason for admission: grade 3 diarrhoea and dehydration on cycle 4 of capecitabine, "
            "with acute kidney injury (creatinine 1.6 mg/dL).",
            "Course: IV fluids, loperamide, stool cultures negative (C. difficile negative). "
            "Creatinine back to 0.9 mg/dL on 06/08/2024. Capecitabine withheld.",
            "Diagnoses: 1) Capecitabine-induced diarrhoea CTCAE grade 3. 2) Acute kidney injury, "
            "prerenal, resolved. 3) Metastatic breast cancer (liver, bone, brain).",
            "Medications on discharge: loperamide 2 mg as needed, denosumab continues, "
            "dexamethasone tapering after radiosurgery, capecitabine to restart at 75% dose after "
            "clinic review.",
            "Follow-up: oncology clinic on 14/08/2024; bloods 2 days before.",
            "Summary written by Dr. Pat Resident, 07/08/2024.",
        ],
        date(2024, 8, 7),
    )


def genomic_report() -> SampleText:
    """Tumour genomic profiling report: PIK3CA H1047R, BRCA1/2 negative, TMB 4, MSS."""
    return SampleText(
        "Comprehensive Genomic Profiling Report",
        [
            "Example Genomics Laboratory (fictional) for " + HOSPITAL,
            f"Patient: {PATIENT_NAME}   DOB: 1961-04-12   MRN: {MRN}",
            "Specimen: liver core biopsy (segment VII), tumour content 60%",
            "Specimen collected: 2024-04-30   Received: May 2, 2024   Report date: 2024-05-14",
            "Test: 324-gene DNA next-generation sequencing panel (tissue).",
            "GENOMIC FINDINGS:",
            "PIK3CA H1047R (c.3140A>G), variant allele frequency 31% - MUTATED (Tier I).",
            "ESR1: no mutation detected.   TP53: no mutation detected.",
            "BRCA1 / BRCA2: no pathogenic variant detected.",
            "BIOMARKERS: Tumour mutational burden (TMB): 4 mut/Mb (low).  Microsatellite status: "
            "MSI stable (MSS).",
            "THERAPY ASSOCIATIONS: PIK3CA H1047R - alpelisib + fulvestrant; capivasertib + "
            "fulvestrant (approved in this indication).",
            "Reviewed by: Dr. Quinn Molecular, PhD, FACMG (fictional).",
        ],
        date(2024, 5, 14),
    )


def insurance_eob() -> SampleText:
    """Insurance explanation of benefits for the MRI brain."""
    return SampleText(
        "Explanation of Benefits - This is not a bill",
        [
            "Northwind Example Health Plan (fictional)",
            "Statement date: June 3, 2024",
            "Member: MARIA EXAMPLE   Birth date: 04-12-1961   Member ID: NWX-000-111-22",
            "Group: 0000-EXAMPLE   Plan: Example PPO (fictional)",
            f"Provider: {HOSPITAL}   Claim number: 2024-0000-5678",
            "Date of service   Description             Billed     Allowed   Plan paid   You owe",
            "05/08/2024        MRI brain w/wo contrast  $2,450.00  $1,180.00  $944.00    $236.00",
            "05/16/2024        Office visit, oncology   $310.00    $182.00    $152.00    $30.00",
            "Totals                                     $2,760.00  $1,362.00  $1,096.00  $266.00",
            "Your deductible met this year: $1,500.00 of $1,500.00.",
            "Questions? Call member services at 555-0199 (fictional).",
        ],
        date(2024, 6, 3),
    )


ALL_TEXTS: list[Callable[[], SampleText]] = [
    pathology_report,
    ct_report,
    mri_brain_report,
    lab_results,
    consultation_letter,
    followup_letter,
    discharge_summary,
    genomic_report,
    insurance_eob,
]


def all_texts() -> list[SampleText]:
    """Every sample text, oldest first."""
    return sorted((make() for make in ALL_TEXTS), key=lambda t: t.date)
