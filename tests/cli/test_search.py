"""`recordorg search` narrowed by person, category, tag, kind and dates, as in the window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recordorg.core.catalogue.library import Library
from tests.cli.conftest import Cli
from tests.core.helpers import add_two_peoples_records


@pytest.fixture
def two_people(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A library where "tumour" is in three records: two of Maria's, one of Jon's."""
    root = tmp_path / "library"
    library = Library.open(root)
    ids = add_two_peoples_records(library.connection())
    library.close()
    return root, ids


def test_filters_narrow_the_search(two_people, cli: Cli) -> None:
    root, ids = two_people

    def found(*options: str) -> set[int]:
        code, out, err = cli("--library", root, "search", "tumour", *options, "--json")
        assert code == 0, err
        return {hit["record"]["id"] for hit in json.loads(out)}

    assert found() == {ids["maria-lab"], ids["maria-scan"], ids["jon-lab"]}
    assert found("--person", "Maria") == {ids["maria-lab"], ids["maria-scan"]}
    assert found("--person", "Maria", "--category", "laboratory") == {ids["maria-lab"]}
    assert found("--tag", "trial") == {ids["jon-lab"]}
    assert found("--from", "2024-06-01", "--to", "2024-06-01") == {ids["maria-scan"]}
    assert found("--kind", "dicom") == set()


def test_narrowed_search_in_words(two_people, cli: Cli) -> None:
    root, ids = two_people
    code, out, _ = cli("--library", root, "search", "tumour", "--person", "Jon")
    assert code == 0
    assert "Liver panel" in out and "[tumour]" in out
    assert "Blood count" not in out and "CT chest" not in out
    code, out, _ = cli("--library", root, "search", "tumour", "--category", "clinic-letter")
    assert code == 0 and out.strip() == "No records match."


def test_the_command_line_finds_what_the_window_finds(tmp_path: Path, cli: Cli) -> None:
    """Prefixes as the window matches them while you type, and words ending in *."""
    from tests.core.helpers import add_record

    root = tmp_path / "library"
    library = Library.open(root)
    conn = library.connection()
    letter = add_record(conn, "Letter", ["started letrozole and osimertinib"], date="2024-01-02")
    add_record(conn, "Bloods", ["haemoglobin normal"], date="2024-01-03")
    library.close()

    def found(query: str) -> list[int]:
        code, out, err = cli("--library", root, "search", query, "--json")
        assert code == 0, err
        return [hit["record"]["id"] for hit in json.loads(out)]

    assert found("letroz") == [letter]
    assert found("osimer*") == [letter]
    assert found("osimer* letrozole") == [letter]
    assert found('"letroz"') == []  # a quoted word is matched whole
