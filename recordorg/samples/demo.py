"""A realistic, deterministic mix of one fictional person's records for demos and tests."""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from recordorg.samples import texts
from recordorg.samples.dicom import make_medium
from recordorg.samples.documents import make_text_pdf
from recordorg.samples.photos import make_letter_photo

# (maker, file name, pages, monospace, created hh:mm) - names as families really save them
PDFS = [
    (texts.pathology_report, "Pathology report Feb 2023.pdf", 1, False, (14, 22)),
    (texts.ct_report, "CT_CAP_2024-04-22.pdf", 1, False, (16, 5)),
    (texts.mri_brain_report, "scan0001.pdf", 1, False, (17, 40)),
    (texts.lab_results, "Labs.pdf", 1, True, (13, 10)),
    (texts.consultation_letter, "Oncology consultation.pdf", 1, False, (12, 0)),
    (texts.followup_letter, "document(3).pdf", 1, False, (11, 30)),
    (texts.discharge_summary, "Discharge summary August.pdf", 2, False, (15, 45)),
    (texts.genomic_report, "Genomic_Report_Example_M.pdf", 2, False, (9, 12)),
    (texts.insurance_eob, "EOB_June_2024.pdf", 1, False, (6, 0)),
]
DEMO_STUDIES = [
    {
        "modality": "CT",
        "slices": 24,
        "rows": 256,
        "cols": 256,
        "study_date": "20240422",
        "study_time": "101500",
        "study_id": "1",
        "series_description": "AXIAL 5MM SOFT TISSUE",
    },
    {
        "modality": "MR",
        "slices": 16,
        "rows": 256,
        "cols": 256,
        "study_date": "20240508",
        "study_time": "083000",
        "study_id": "2",
        "series_description": "AX T1 POST GD",
    },
]


def write_demo_files(folder: str | Path) -> list[Path]:
    """Write report PDFs, phone photos of letters and a hospital CD; return every file."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for make, name, pages, monospace, (hour, minute) in PDFS:
        text = make()
        created = datetime.combine(text.date, time(hour, minute))
        written.append(
            make_text_pdf(
                folder / name,
                text.title,
                text.lines,
                pages=pages,
                creation_date=created,
                author=texts.HOSPITAL,
                monospace=monospace,
            )
        )
    consult, followup, eob = (
        texts.consultation_letter(),
        texts.followup_letter(),
        texts.insurance_eob(),
    )
    written.append(
        make_letter_photo(
            folder / "IMG_20230302_180511.jpg",
            [consult.title, *consult.lines],
            taken=datetime(2023, 3, 2, 18, 5, 11),
            skew_degrees=2.5,
            seed=1,
        )
    )
    written.append(
        make_letter_photo(
            folder / "IMG_20240516_193002.jpg",
            [followup.title, *followup.lines],
            taken=datetime(2024, 5, 16, 19, 30, 2),
            orientation=6,
            skew_degrees=-1.5,
            seed=2,
        )
    )
    written.append(
        make_letter_photo(
            folder / "IMG_4127.HEIC",
            [eob.title, *eob.lines],
            fmt="HEIC",
            taken=datetime(2024, 6, 5, 8, 47, 55),
            size=(1200, 1500),
            noise=False,
            seed=3,
        )
    )
    medium = make_medium(folder / "CD_Riverside_General", studies=DEMO_STUDIES)
    written += [
        medium["dicomdir"],
        *medium["dicom_files"],
        *medium["junk_files"],
        medium["report_pdf"],
    ]
    return written
