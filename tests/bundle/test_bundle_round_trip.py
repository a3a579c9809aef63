"""A bundle comes back whole: export, then import into an empty library, gives the same
records (names, dates, categories, words) and the same case review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recordorg.bundle.case_file import CaseFileError, read_case_file
from recordorg.core.case.review import load_case
from recordorg.core.catalogue.library import Library
from recordorg.jobs.bundle_import import import_bundle
from tests.bundle.conftest import PERSON, run

RECORD_COLUMNS = (
    "r.original_name, r.title, c.slug, r.clinical_date, r.date_precision, "
    "r.clinical_date_start, r.clinical_date_end, r.notes, r.kind"
)


def _records(root: Path) -> list[tuple]:
    library = Library.open(root)
    try:
        rows = library.connection().execute(
            f"SELECT {RECORD_COLUMNS}, r.id FROM records r "
            "JOIN categories c ON c.id = r.category_id"
        )
        tags = library.connection().execute(
            "SELECT rt.record_id, t.name FROM record_tags rt JOIN tags t ON t.id = rt.tag_id"
        )
        tagged: dict[int, set[str]] = {}
        for record_id, name in tags:
            tagged.setdefault(record_id, set()).add(name)
        return sorted(((*row[:-1], sorted(tagged.get(row[-1], ()))) for row in rows), key=repr)
    finally:
        library.close()


def _case(root: Path, person: str) -> tuple[str, list[tuple]]:
    library = Library.open(root)
    try:
        conn = library.connection()
        titles = {row[0]: row[1] for row in conn.execute("SELECT id, title FROM records")}
        case = load_case(conn, person, include_rejected=True)
        entries = sorted(
            (
                e.kind,
                e.status,
                e.origin,
                e.note,
                e.suggestion_key,
                json.dumps(e.fields, sort_keys=True),
                tuple(d.name for d in e.drugs),
                tuple((titles[c.record_id], c.page, c.quote) for c in e.citations),
            )
            for e in case.entries
        )
        return case.question, entries
    finally:
        library.close()


def test_export_then_import_gives_the_same_records_and_case(
    bundle: Path, demo_library: Path, tmp_path: Path
) -> None:
    library = Library.open(tmp_path / "clinic")
    report = run(import_bundle(library, bundle))
    library.close()
    assert not report.failed, report.failed
    before, after = _records(demo_library), _records(tmp_path / "clinic")
    assert len(after) == len(before)
    for old, new in zip(before, after, strict=True):
        assert new == old  # name, title, category, date, precision, period, notes, tags
    assert any(row[-1] == ["admission"] for row in after)
    assert not any(name.startswith("DOC0") for name, *_ in after)
    question, entries = _case(demo_library, PERSON)
    assert question == "Is <b>capivasertib</b> the best next line?"
    assert _case(tmp_path / "clinic", PERSON) == (question, entries)
    assert len(entries) >= 5 and any(e[6] for e in entries)  # sources came back too


def test_a_second_import_keeps_the_case_review_it_has(bundle: Path, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "clinic")
    run(import_bundle(library, bundle))
    count = len(load_case(library.connection(), PERSON).entries)
    report = run(import_bundle(library, bundle))
    assert len(load_case(library.connection(), PERSON).entries) == count
    assert any(item.path == "CASE.JSN" for item in report.skipped)
    library.close()


def test_a_deidentified_bundle_keeps_no_date_where_it_states_none(
    deid_bundle: Path, tmp_path: Path
) -> None:
    about = json.loads((deid_bundle / "MANIFEST.JSN").read_text())["about"]
    library = Library.open(tmp_path / "clinic")
    report = run(import_bundle(library, deid_bundle))
    assert not report.failed, report.failed
    rows = library.connection().execute("SELECT title, clinical_date FROM records").fetchall()
    dated = {r["title"]: r.get("date_day") for r in about["records"]}
    assert any(day is None for day in dated.values())  # the anonymised study has no date
    assert {title: day for title, day in rows} == dated
    case = load_case(library.connection(), about["subject"])
    assert case.entries and "Maria" not in json.dumps([e.fields for e in case.entries])
    library.close()


def test_a_case_file_that_is_not_one_is_refused_with_a_reason() -> None:
    with pytest.raises(CaseFileError, match="not readable"):
        read_case_file(b"{not json")
    with pytest.raises(CaseFileError, match="not a recordorg case review"):
        read_case_file(b'{"format": "something else"}')
    assert read_case_file(b'{"format": "recordorg case review", "entries": []}') == []


def test_a_changed_case_review_is_reported_not_restored(bundle_copy: Path, tmp_path: Path) -> None:
    case = bundle_copy / "CASE.JSN"
    case.write_text(case.read_text().replace("letrozole", "tamoxifen"))
    library = Library.open(tmp_path / "clinic")
    report = run(import_bundle(library, bundle_copy))
    assert any(item.path == "CASE.JSN" for item in report.failed)
    assert not load_case(library.connection(), PERSON).entries
    library.close()


def test_an_opened_bundle_reads_its_case_review(bundle: Path, capsys) -> None:
    from recordorg.bundle.reader import print_summary, read_bundle

    opened = read_bundle(bundle)
    try:
        kinds = sorted(e["kind"] for e in opened.case_entries())
        assert {"diagnosis", "biomarker", "treatment_line", "procedure", "question"} <= set(kinds)
        line = next(e for e in opened.case_entries() if e["kind"] == "treatment_line")
        assert [d["name"] for d in line["drugs"]] == ["letrozole", "palbociclib"]
        print_summary(opened)
        assert "travels as data too" in capsys.readouterr().out
    finally:
        opened.close()


def test_a_rejected_suggestion_stays_rejected_after_the_import(
    demo_library: Path, tmp_path: Path
) -> None:
    import shutil

    from recordorg.core.case.edit import insert_entry, resolve_person
    from recordorg.core.catalogue.database import transaction
    from tests.bundle.conftest import export

    source = Path(shutil.copytree(demo_library, tmp_path / "source"))
    library = Library.open(source)
    conn = library.connection()
    with transaction(conn):
        pid, _ = resolve_person(conn, PERSON)
        insert_entry(
            conn,
            "biomarker",
            {"marker": "AR", "result": "positive"},
            person_id=pid,
            status="rejected",
            origin="suggested",
            suggestion_key="biomarker|AR|positive",
        )
    library.close()
    bundle = export(source, tmp_path / "B")
    library = Library.open(tmp_path / "clinic")
    run(import_bundle(library, bundle))
    case = load_case(library.connection(), PERSON, include_rejected=True)
    rejected = [e for e in case.entries if e.status == "rejected"]
    assert [(e.suggestion_key, e.origin) for e in rejected] == [
        ("biomarker|AR|positive", "suggested")
    ]
    library.close()
