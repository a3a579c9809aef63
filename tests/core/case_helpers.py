"""A fictional case in a fresh library, for tests of the case review, timeline and checklist."""

from __future__ import annotations

import json
import sqlite3
from hashlib import sha1

from recordorg.core.catalogue.categories import category_id
from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.editing import RecordChange, apply_change
from recordorg.samples.texts import all_texts
from tests.core.helpers import add_record

CATEGORIES = {
    "Surgical Pathology Report": "pathology",
    "CT Chest, Abdomen and Pelvis with Contrast": "imaging-report",
    "MRI Brain with and without Contrast": "imaging-report",
    "Laboratory Results": "laboratory",
    "Oncology Consultation": "clinic-letter",
    "Oncology Clinic Letter": "clinic-letter",
    "Discharge Summary": "discharge-summary",
    "Comprehensive Genomic Profiling Report": "genomics",
}
PERSON = "Maria Example"


def add_study(
    conn: sqlite3.Connection, title: str, day: str, modality: str = "CT", body_part: str = "CHEST"
) -> int:
    """A DICOM study record with no files (enough for the case review)."""
    stamp = now()
    uid = f"1.2.826.0.1.{int(sha1(title.encode()).hexdigest()[:12], 16)}"
    with transaction(conn):
        return int(
            conn.execute(
                "INSERT INTO records(category_id, kind, title, clinical_date, date_source, "
                "study_instance_uid, meta, imported_at, updated_at) "
                "VALUES (?, 'dicom', ?, ?, 'dicom-study-date', ?, ?, ?, ?)",
                (
                    category_id(conn, "imaging-study"),
                    title,
                    day,
                    uid,
                    json.dumps({"modalities": [modality], "body_part": body_part}),
                    stamp,
                    stamp,
                ),
            ).lastrowid
        )


def sample_case(conn: sqlite3.Connection, person: str = PERSON) -> dict[str, int]:
    """The sample texts as one-page records of a person, plus a CT study; ids by title."""
    ids = {}
    for text in all_texts():
        ids[text.title] = add_record(
            conn,
            text.title,
            ["\n".join(text.lines)],
            category=CATEGORIES.get(text.title, "administrative"),
            date=text.date.isoformat(),
        )
    ids["CT study"] = add_study(conn, "CT CHEST ABDOMEN PELVIS", "2024-04-22")
    apply_change(conn, list(ids.values()), RecordChange(person=person))
    return ids
