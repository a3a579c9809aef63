"""Catalogue migrations: a fresh library, an older one upgraded, a newer one refused."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from recordorg.core.catalogue import database as catalogue
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.migrations import latest_version
from recordorg.core.errors import LibraryTooNew


def test_new_library_is_current_with_wal_and_categories(library: Library) -> None:
    conn = library.connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    slugs = [r[0] for r in conn.execute("SELECT slug FROM categories ORDER BY id")]
    assert slugs[0] == "pathology" and "imaging-study" in slugs and slugs[-1] == "other"
    assert len(slugs) == 12


def test_older_library_is_upgraded_and_keeps_its_records(tmp_path) -> None:
    root = tmp_path / "old"
    root.mkdir()
    conn = catalogue.connect(root / catalogue.CATALOGUE_NAME)
    catalogue.migrate(conn, upto=1)  # a library written before search existed
    conn.execute(
        "INSERT INTO records(category_id, kind, title, sha256, imported_at, updated_at) "
        "VALUES (1, 'pdf', 'Biopsy report', 'ab', 't', 't')"
    )
    conn.execute("INSERT INTO pages(record_id, number, text) VALUES (1, 1, 'carcinoma')")
    conn.close()

    library = Library.open(root)
    conn = library.connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    assert conn.execute("SELECT title FROM records").fetchone()[0] == "Biopsy report"
    hits = conn.execute("SELECT rowid FROM search_index WHERE search_index MATCH 'carcinoma'")
    assert [r[0] for r in hits] == [1]
    library.close()


def test_newer_library_is_refused_untouched(tmp_path) -> None:
    root = tmp_path / "newer"
    root.mkdir()
    path = root / catalogue.CATALOGUE_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future(x)")
    conn.execute(f"PRAGMA user_version = {latest_version() + 5}")
    conn.commit()
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    listing = sorted(p.name for p in root.iterdir())

    with pytest.raises(LibraryTooNew, match="newer version of recordorg"):
        Library.open(root)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in root.iterdir()) == listing


def test_failed_migration_leaves_version_unchanged(tmp_path, monkeypatch) -> None:
    from recordorg.core.catalogue import migrations as schema

    conn = catalogue.connect(tmp_path / "x.sqlite")
    catalogue.migrate(conn, upto=1)
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS[:1], lambda: "CREATE TABLE;"])
    monkeypatch.setattr(catalogue, "MIGRATIONS", schema.MIGRATIONS)
    monkeypatch.setattr(catalogue, "latest_version", lambda: 2)
    with pytest.raises(sqlite3.OperationalError):
        catalogue.migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
