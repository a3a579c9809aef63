"""The catalogue's versioned migrations; the schema version is SQLite's user_version."""

from __future__ import annotations

import json
from collections.abc import Callable

from recordorg.core.case_schema import case_review_tables
from recordorg.core.paths import resources_dir
from recordorg.core.suggestions import suggestions_migration

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
    return SEARCH_INDEX + """
INSERT INTO search_index(rowid, title, body)
    SELECT -id, title, original_name || ' ' || notes FROM records;
INSERT INTO search_index(rowid, title, body) SELECT id, '', text FROM pages;
"""


def _v3_tags_in_search() -> str:
    return TAG_TRIGGERS + "UPDATE records SET notes = notes;"


Migration = Callable[[], str]

# Append only: migration N returns the SQL that brings a catalogue from version N-1 to N.
MIGRATIONS: list[Migration] = [_v1_base, _v2_search, _v3_tags_in_search]
# Later migrations are appended below, each by the module that owns its tables.
MIGRATIONS.append(case_review_tables)  # issue 5: the case review
MIGRATIONS.append(suggestions_migration)  # issue 4: found-date reasons, suggestions, choices


def _v6_found_date_detail() -> str:
    """Which field a file's date came from (a PDF's "created" or "modified"): the date
    chooser trusts a PDF's making more than its last saving, and it was lost at import."""
    return "ALTER TABLE found_dates ADD COLUMN detail TEXT NOT NULL DEFAULT '';"


MIGRATIONS.append(_v6_found_date_detail)


def latest_version() -> int:
    return len(MIGRATIONS)
