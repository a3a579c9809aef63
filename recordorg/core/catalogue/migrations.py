"""The catalogue's versioned migrations; the schema version is SQLite's user_version."""

from __future__ import annotations

import json
from collections.abc import Callable

from recordorg.core.paths import resources_dir

BASE_TABLES = """
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at TEXT NOT NULL
);
CREATE TABLE categories (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    builtin INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE batches (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    sources TEXT NOT NULL DEFAULT '[]',
    summary TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    category_id INTEGER NOT NULL REFERENCES categories(id),
    kind TEXT NOT NULL CHECK (kind IN ('pdf', 'image', 'dicom', 'other')),
    title TEXT NOT NULL DEFAULT '',
    clinical_date TEXT,
    date_source TEXT,
    date_confirmed INTEGER NOT NULL DEFAULT 0,
    notes TEXT NOT NULL DEFAULT '',
    original_name TEXT NOT NULL DEFAULT '',
    original_path TEXT NOT NULL DEFAULT '',
    mime TEXT NOT NULL DEFAULT '',
    size INTEGER NOT NULL DEFAULT 0,
    sha256 TEXT UNIQUE,
    study_instance_uid TEXT UNIQUE,
    page_count INTEGER NOT NULL DEFAULT 0,
    locked INTEGER NOT NULL DEFAULT 0,
    warnings TEXT NOT NULL DEFAULT '',
    meta TEXT NOT NULL DEFAULT '{}',
    batch_id INTEGER REFERENCES batches(id),
    imported_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((kind = 'dicom') = (sha256 IS NULL))
);
CREATE INDEX records_person ON records(person_id);
CREATE INDEX records_category ON records(category_id);
CREATE INDEX records_date ON records(clinical_date);
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE record_tags (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (record_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX record_tags_tag ON record_tags(tag_id);
CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    text TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'none' CHECK (source IN ('text-layer', 'ocr', 'none')),
    UNIQUE (record_id, number)
);
CREATE TABLE found_dates (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    value TEXT NOT NULL,
    source TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'document'
);
CREATE INDEX found_dates_record ON found_dates(record_id);
CREATE TABLE dicom_series (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    series_instance_uid TEXT NOT NULL UNIQUE,
    modality TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    number INTEGER,
    body_part TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dicom_series_record ON dicom_series(record_id);
CREATE TABLE dicom_instances (
    id INTEGER PRIMARY KEY,
    series_id INTEGER NOT NULL REFERENCES dicom_series(id) ON DELETE CASCADE,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    sop_instance_uid TEXT NOT NULL UNIQUE,
    sop_class_uid TEXT NOT NULL,
    transfer_syntax TEXT NOT NULL DEFAULT '',
    instance_number INTEGER,
    rows INTEGER NOT NULL DEFAULT 0,
    columns INTEGER NOT NULL DEFAULT 0,
    frames INTEGER NOT NULL DEFAULT 1,
    slice_location REAL,
    position TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    original_path TEXT NOT NULL DEFAULT ''
);
CREATE INDEX dicom_instances_series ON dicom_instances(series_id);
CREATE INDEX dicom_instances_record ON dicom_instances(record_id);
CREATE INDEX dicom_instances_sha ON dicom_instances(sha256);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Full-text search: one row per page (rowid = pages.id) and one per record for its title,
# file name, notes and tags (rowid = -records.id), kept in step by triggers.
RECORD_BODY = """coalesce(NEW.original_name, '') || ' ' || coalesce(NEW.notes, '') || ' ' ||
    coalesce((SELECT group_concat(t.name, ' ') FROM record_tags rt JOIN tags t
              ON t.id = rt.tag_id WHERE rt.record_id = NEW.id), '')"""

SEARCH_INDEX = f"""
CREATE VIRTUAL TABLE search_index USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER records_ai AFTER INSERT ON records BEGIN
    INSERT INTO search_index(rowid, title, body) VALUES (-NEW.id, NEW.title, {RECORD_BODY});
END;
CREATE TRIGGER records_au AFTER UPDATE OF title, notes, original_name ON records BEGIN
    DELETE FROM search_index WHERE rowid = -OLD.id;
    INSERT INTO search_index(rowid, title, body) VALUES (-NEW.id, NEW.title, {RECORD_BODY});
END;
CREATE TRIGGER records_ad AFTER DELETE ON records BEGIN
    DELETE FROM search_index WHERE rowid = -OLD.id;
END;
CREATE TRIGGER pages_ai AFTER INSERT ON pages BEGIN
    INSERT INTO search_index(rowid, title, body) VALUES (NEW.id, '', NEW.text);
END;
CREATE TRIGGER pages_au AFTER UPDATE OF text ON pages BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id;
    INSERT INTO search_index(rowid, title, body) VALUES (NEW.id, '', NEW.text);
END;
CREATE TRIGGER pages_ad AFTER DELETE ON pages BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id;
END;
"""

TAG_TRIGGERS = """
CREATE TRIGGER record_tags_ai AFTER INSERT ON record_tags BEGIN
    UPDATE records SET notes = notes WHERE id = NEW.record_id;
END;
CREATE TRIGGER record_tags_ad AFTER DELETE ON record_tags BEGIN
    UPDATE records SET notes = notes WHERE id = OLD.record_id;
END;
CREATE TRIGGER tags_au AFTER UPDATE OF name ON tags BEGIN
    UPDATE records SET notes = notes
    WHERE id IN (SELECT record_id FROM record_tags WHERE tag_id = NEW.id);
END;
"""


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

SUGGESTION_TABLES = """
ALTER TABLE found_dates ADD COLUMN confidence REAL NOT NULL DEFAULT 0;
ALTER TABLE found_dates ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE found_dates ADD COLUMN written TEXT NOT NULL DEFAULT '';
ALTER TABLE found_dates ADD COLUMN page INTEGER;
CREATE TABLE suggestions (
    record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    category TEXT,
    category_confidence REAL NOT NULL DEFAULT 0,
    category_reason TEXT NOT NULL DEFAULT '',
    category_words TEXT NOT NULL DEFAULT '[]',
    category_applied INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL DEFAULT '',
    title_applied TEXT,
    date_value TEXT,
    date_kind TEXT,
    date_source TEXT,
    date_confidence REAL NOT NULL DEFAULT 0,
    date_reason TEXT NOT NULL DEFAULT '',
    day_first_votes INTEGER NOT NULL DEFAULT 0,
    month_first_votes INTEGER NOT NULL DEFAULT 0,
    applying INTEGER NOT NULL DEFAULT 0,
    analysed_at TEXT NOT NULL
);
CREATE TABLE category_choices (
    record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    category_id INTEGER NOT NULL REFERENCES categories(id) ON DELETE CASCADE,
    chosen_at TEXT NOT NULL
);
CREATE TRIGGER records_category_chosen AFTER UPDATE OF category_id ON records
WHEN OLD.category_id IS NOT NEW.category_id
  AND NOT coalesce((SELECT applying FROM suggestions WHERE record_id = NEW.id), 0)
BEGIN
    INSERT OR REPLACE INTO category_choices(record_id, category_id, chosen_at)
    VALUES (NEW.id, NEW.category_id, strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'));
END;
INSERT INTO category_choices(record_id, category_id, chosen_at)
    SELECT r.id, r.category_id, r.updated_at FROM records r
    JOIN categories c ON c.id = r.category_id
    WHERE c.slug NOT IN ('other', 'imaging-study');
"""


PATIENT_TABLES = """
CREATE TABLE person_identity (
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT '',
    identifiers TEXT NOT NULL DEFAULT '[]',
    learned INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE record_patients (
    record_id INTEGER PRIMARY KEY REFERENCES records(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('dicom', 'text')),
    name TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    patient_id TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT ''
);
INSERT INTO record_patients(record_id, source, name, birth_date, patient_id)
    SELECT id, 'dicom', coalesce(json_extract(meta, '$.patient_name'), ''),
           coalesce(json_extract(meta, '$.patient_birth_date'), ''),
           coalesce(json_extract(meta, '$.patient_id'), '')
    FROM records WHERE kind = 'dicom' AND json_valid(meta);
CREATE TRIGGER records_person_moved AFTER UPDATE OF person_id ON records
WHEN NEW.person_id IS NOT OLD.person_id AND json_valid(NEW.meta)
    AND json_extract(NEW.meta, '$.other_patient') IS NOT NULL
BEGIN
    UPDATE records SET meta = json_remove(meta, '$.other_patient') WHERE id = NEW.id;
END;
"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _v1_base() -> str:
    categories = json.loads((resources_dir() / "vocabularies" / "categories.json").read_text())
    seed = "\n".join(
        f"INSERT INTO categories(slug, name, builtin) VALUES ({_quote(c['slug'])}, "
        f"{_quote(c['name'])}, 1);"
        for c in categories
    )
    return BASE_TABLES + seed


def _v2_search() -> str:
    return (
        SEARCH_INDEX
        + """
INSERT INTO search_index(rowid, title, body)
    SELECT -id, title, original_name || ' ' || notes FROM records;
INSERT INTO search_index(rowid, title, body) SELECT id, '', text FROM pages;
"""
    )


def _v3_tags_in_search() -> str:
    return TAG_TRIGGERS + "UPDATE records SET notes = notes;"


def _v4_case_review() -> str:
    """The case review: entries by kind, their details, drugs and citations."""
    return CASE_TABLES


def _v5_suggestions() -> str:
    """Confidence and reasons on found dates; stored suggestions; the categories a person chose
    (kept by a trigger, so any change made outside the suggestion code counts as a choice;
    categories set before this version were chosen by a person, as imports used "other")."""
    return SUGGESTION_TABLES


def _v6_found_date_detail() -> str:
    """Which field a file's date came from (a PDF's "created" or "modified"): the date
    chooser trusts a PDF's making more than its last saving, and it was lost at import."""
    return "ALTER TABLE found_dates ADD COLUMN detail TEXT NOT NULL DEFAULT '';"


def _v7_patients() -> str:
    """Whose records these are: the patient each record names (from DICOM or its text) and
    each person's identity (name, date of birth, identifiers), set by the user or learned at
    import; moving a record to another person drops its "another patient" flag until it is
    checked again."""
    return PATIENT_TABLES


def _v8_date_periods() -> str:
    """A record's date keeps its precision ("Mar 2023" is a month, not the 1st) and the
    period it covers (a course of treatment, a stay in hospital); so do found dates and the
    date suggested."""
    return """
ALTER TABLE records ADD COLUMN date_precision TEXT NOT NULL DEFAULT 'day';
ALTER TABLE records ADD COLUMN clinical_date_start TEXT;
ALTER TABLE records ADD COLUMN clinical_date_end TEXT;
ALTER TABLE found_dates ADD COLUMN precision TEXT NOT NULL DEFAULT 'day';
ALTER TABLE found_dates ADD COLUMN end_value TEXT NOT NULL DEFAULT '';
ALTER TABLE suggestions ADD COLUMN date_precision TEXT NOT NULL DEFAULT 'day';
ALTER TABLE suggestions ADD COLUMN date_start TEXT;
ALTER TABLE suggestions ADD COLUMN date_end TEXT;
"""


def _v9_ids_not_theirs() -> str:
    """A patient ID the user removed from a person ("not theirs") is remembered, so importing
    the disc that taught it does not teach it again."""
    return "ALTER TABLE person_identity ADD COLUMN not_theirs TEXT NOT NULL DEFAULT '[]';"


Migration = Callable[[], str]

# Append only: migration N returns the SQL that brings a catalogue from version N-1 to N.
MIGRATIONS: list[Migration] = [
    _v1_base,
    _v2_search,
    _v3_tags_in_search,
    _v4_case_review,
    _v5_suggestions,
    _v6_found_date_detail,
    _v7_patients,
    _v8_date_periods,
    _v9_ids_not_theirs,
]


def latest_version() -> int:
    return len(MIGRATIONS)
