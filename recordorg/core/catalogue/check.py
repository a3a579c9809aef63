"""Checking a library: catalogue whole and built as this version builds it, originals present
and intact, no orphans, search index whole."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field
from typing import Any

from recordorg.core.catalogue.database import transaction
from recordorg.core.catalogue.library import Library, hash_file
from recordorg.core.catalogue.migrations import RECORD_BODY, latest_version
from recordorg.core.catalogue.structure import compare_structure
from recordorg.core.catalogue.unfinished_exports import (
    clean_unfinished_exports,
    unfinished_exports,
)


@dataclass
class Problem:
    what: str  # "missing-original", "damaged-original", "orphan", "search-index", ...
    message: str
    repairable: bool = False


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    originals_checked: int = 0
    records: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "records": self.records,
            "originals_checked": self.originals_checked,
            "problems": [asdict(p) for p in self.problems],
            "repaired": self.repaired,
        }


def check_library(library: Library, *, repair: bool = False, quick: bool = False) -> CheckReport:
    """Look at everything; with repair, fix what is safe to fix and look again."""
    report = _check(library, quick=quick)
    report.repaired = [
        f"Removed what an export that stopped left behind: {path}"
        for path in library.cleaned_exports
    ]
    if repair and any(p.repairable for p in report.problems):
        with library.writer_lock():
            repaired = _repair(library, report)
        report = _check(library, quick=quick)
        report.repaired += repaired
    return report


def _check(library: Library, *, quick: bool) -> CheckReport:
    conn = library.connection()
    report = CheckReport()
    report.records = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version != latest_version():
        report.problems.append(
            Problem("schema", f"The catalogue is at version {version}, not {latest_version()}.")
        )
    integrity = conn.execute("PRAGMA quick_check").fetchone()[0]
    if integrity != "ok":
        report.problems.append(Problem("catalogue", f"The catalogue is damaged: {integrity}"))
    for row in conn.execute("PRAGMA foreign_key_check"):
        report.problems.append(
            Problem("catalogue", f"A row in {row[0]} points at a missing {row[2]} row.")
        )
    if version == latest_version():
        for finding in compare_structure(conn):
            report.problems.append(Problem("structure", finding.message, bool(finding.repair)))
    _check_originals(library, conn, report, quick)
    _check_search_index(conn, report)
    staged = [p for p in library.staging.glob("*") if p.is_file()]
    if staged:
        report.problems.append(
            Problem("staging", f"{len(staged)} unfinished import file(s) in staging.", True)
        )
    for path in unfinished_exports(library.staging):
        report.problems.append(
            Problem("unfinished-export", f"An export that stopped left {path} behind.", True)
        )
    return report


def _check_originals(
    library: Library, conn: sqlite3.Connection, report: CheckReport, quick: bool
) -> None:
    expected: dict[str, tuple[int, str]] = {}
    for row in conn.execute(
        "SELECT sha256, size, original_path FROM records WHERE sha256 NOT NULL "
        "UNION ALL SELECT sha256, size, original_path FROM dicom_instances"
    ):
        expected[row[0]] = (row[1], row[2])
    for sha, (size, source) in expected.items():
        path = library.original_path(sha)
        report.originals_checked += 1
        if not path.exists():
            report.problems.append(
                Problem(
                    "missing-original",
                    f"The stored copy of {source} is missing; import that file again.",
                )
            )
        elif path.stat().st_size != size or (not quick and hash_file(path) != sha):
            report.problems.append(
                Problem(
                    "damaged-original",
                    f"The stored copy of {source} has changed since import; import it again.",
                )
            )
    for path in library.stored_originals():
        if path.name not in expected:
            report.problems.append(
                Problem("orphan", f"originals/{path.parent.name}/{path.name} has no record.", True)
            )


def _check_search_index(conn: sqlite3.Connection, report: CheckReport) -> None:
    try:
        conn.execute("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)")
    except sqlite3.DatabaseError as error:
        report.problems.append(
            Problem("search-index", f"The search index is damaged: {error}", True)
        )
        return
    missing = conn.execute(
        """SELECT (SELECT count(*) FROM records WHERE -id NOT IN (SELECT rowid FROM search_index))
                + (SELECT count(*) FROM pages WHERE id NOT IN (SELECT rowid FROM search_index))"""
    ).fetchone()[0]
    extra = conn.execute(
        """SELECT count(*) FROM search_index WHERE
             (rowid < 0 AND -rowid NOT IN (SELECT id FROM records)) OR
             (rowid > 0 AND rowid NOT IN (SELECT id FROM pages))"""
    ).fetchone()[0]
    if missing or extra:
        report.problems.append(
            Problem(
                "search-index",
                f"The search index is out of step ({missing} missing, {extra} extra entries).",
                True,
            )
        )


def rebuild_search_index(conn: sqlite3.Connection) -> None:
    body = RECORD_BODY.replace("NEW.", "records.")
    with transaction(conn):
        conn.execute("DELETE FROM search_index")
        conn.execute(
            f"INSERT INTO search_index(rowid, title, body) SELECT -id, title, {body} FROM records"
        )
        conn.execute("INSERT INTO search_index(rowid, title, body) SELECT id, '', text FROM pages")


def _repair(library: Library, report: CheckReport) -> list[str]:
    done: list[str] = []
    kinds = {p.what for p in report.problems if p.repairable}
    if "structure" in kinds:
        conn = library.connection()
        repairs = [f.repair for f in compare_structure(conn) if f.repair]
        with transaction(conn):
            for statements in repairs:
                for sql in statements:
                    conn.execute(sql)
        rebuild_search_index(conn)  # changes made while a trigger was missing
        done.append(
            f"Put back {len(repairs)} part(s) of the catalogue's structure and "
            "rebuilt the search index."
        )
        kinds.discard("search-index")
    if "orphan" in kinds or "staging" in kinds:
        removed = library.empty_staging()
        done.append(f"Removed {removed} unfinished import file(s).")
    if "search-index" in kinds:
        rebuild_search_index(library.connection())
        done.append("Rebuilt the search index.")
    if "unfinished-export" in kinds:
        for path in clean_unfinished_exports(library.staging):
            done.append(f"Removed what an export that stopped left behind: {path}")
    return done
