"""The case review's catalogue tables: entries by kind, their details, drugs and citations."""

from __future__ import annotations

# Every fact of a case review is one row of case_entries (who it is about, its kind, whether
# the application suggested it and whether a person confirmed or rejected it) with its
# details in the table of its kind (one row per entry, keyed by entry_id), and the pages it
# was read from in case_citations. Deleting an entry deletes its details and citations;
# deleting a record deletes the citations of its pages and unlinks it from imaging entries.
CASE_TABLES = """
CREATE TABLE case_entries (
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('diagnosis', 'metastasis', 'biomarker',
        'treatment_line', 'procedure', 'radiotherapy', 'imaging', 'event', 'question')),
    status TEXT NOT NULL DEFAULT 'suggested'
        CHECK (status IN ('suggested', 'confirmed', 'rejected')),
    origin TEXT NOT NULL DEFAULT 'person' CHECK (origin IN ('suggested', 'person')),
    suggestion_key TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX case_entries_person ON case_entries(person_id, kind);
CREATE INDEX case_entries_key ON case_entries(suggestion_key);

CREATE TABLE case_diagnoses (
    entry_id INTEGER PRIMARY KEY REFERENCES case_entries(id) ON DELETE CASCADE,
    primary_site TEXT NOT NULL DEFAULT '',
    histology TEXT NOT NULL DEFAULT '',
    diagnosed_on TEXT,
    stage_at_diagnosis TEXT NOT NULL DEFAULT '',
    stage_now TEXT NOT NULL DEFAULT ''
);
CREATE TABLE case_metastatic_sites (
    entry_id INTEGER PRIMARY KEY REFERENCES case_entries(id) ON DELETE CASCADE,
    site TEXT NOT NULL DEFAULT '',
    first_seen TEXT,
    diagnosis_id INTEGER REFERENCES case_entries(id) ON DELETE SET NULL
);
CREATE TABLE case_biomarkers (
    entry_id INTEGER PRIMARY KEY REFERENCES case_entries(id) ON DELETE CASCADE,
    marker TEXT NOT NULL DEFAULT '',
    result TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL DEFAULT '',
    specimen_date TEXT,
    lab TEXT NOT NULL DEFAULT ''
);
CREATE TABLE case_treatment_lines (
    entry_id INTEGER PRIMARY KEY REFERENCES case_entries(id) ON DELETE CASCADE,
    line_number INTEGER,
    intent TEXT NOT NULL DEFAULT '',
    regimen TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    ongoing INTEGER NOT NULL DEFAULT 0,
    cycles INTEGER,
    best_response TEXT NOT NULL DEFAULT ''
        CHECK (best_response IN ('', 'CR', 'PR', 'SD', 'PD', 'NE')),
    reason_stopped TEXT NOT NULL DEFAULT ''
);
CREATE TABLE case_treatment_drugs (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES case_entries(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    drug_class TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_treatment_drugs_entry ON case_treatment_drugs(entry_id, position);
CREATE TABLE case_procedures (
    entry_id INTEGER PRIMARY KEY REFERENCES case_entries(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    performed_on TEXT,
    site TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT ''
);
CREATE TABLE case_radiotherapy (
    entry_id INTEGER PRIMARY KEY REFERENCES case_entries(id) ON DELETE CASCADE,
    site TEXT NOT NULL DEFAULT '',
    dose_gy REAL,
    fractions INTEGER,
    start_date TEXT,
    end_date TEXT,
    intent TEXT NOT NULL DEFAULT ''
);
CREATE TABLE case_imaging (
    entry_id INTEGER PRIMARY KEY REFERENCES case_entries(id) ON DELETE CASCADE,
    modality TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    study_date TEXT,
    finding TEXT NOT NULL DEFAULT '',
    study_record_id INTEGER REFERENCES records(id) ON DELETE SET NULL,
    report_record_id INTEGER REFERENCES records(id) ON DELETE SET NULL
);
CREATE INDEX case_imaging_study ON case_imaging(study_record_id);
CREATE INDEX case_imaging_report ON case_imaging(report_record_id);
CREATE TABLE case_events (
    entry_id INTEGER PRIMARY KEY REFERENCES case_entries(id) ON DELETE CASCADE,
    event_type TEXT NOT NULL DEFAULT 'other'
        CHECK (event_type IN ('admission', 'lab result', 'trial enrolment', 'other')),
    title TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    end_date TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE case_questions (
    entry_id INTEGER PRIMARY KEY REFERENCES case_entries(id) ON DELETE CASCADE,
    question TEXT NOT NULL DEFAULT ''
);
CREATE TABLE case_citations (
    id INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES case_entries(id) ON DELETE CASCADE,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    page INTEGER,
    quote TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_citations_entry ON case_citations(entry_id);
CREATE INDEX case_citations_record ON case_citations(record_id);
"""


def case_review_tables() -> str:
    """The migration that adds the case review (appended to schema.MIGRATIONS)."""
    return CASE_TABLES
