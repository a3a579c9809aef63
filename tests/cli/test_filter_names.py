"""`list`, `search` and `export` with a person, category or tag the library does not have
say so and stop; names match whatever their letter case."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from recordorg.core.catalogue.editing import RecordChange, apply_change
from recordorg.core.catalogue.library import Library
from tests.cli.conftest import Cli
from tests.core.helpers import add_two_peoples_records


@pytest.fixture
def two_people(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """Maria's two records, Jon's one (tagged "trial"), Élodie's letter."""
    root = tmp_path / "library"
    library = Library.open(root)
    conn = library.connection()
    ids = add_two_peoples_records(conn)
    apply_change(conn, [ids["letter"]], RecordChange(person="Élodie"))
    library.close()
    return root, ids


@pytest.mark.parametrize("command", [["list"], ["search", "tumour"]])
@pytest.mark.parametrize(
    ("option", "name", "words"),
    [
        (
            "--person",
            "Marie",
            "No person called 'Marie' in this library. People: Élodie, Jon, Maria.",
        ),
        ("--tag", "urgent", "No tag called 'urgent' in this library. Tags: trial."),
        ("--category", "radiology", "No category called 'radiology' in this library. Categories: "),
    ],
)
def test_a_name_the_library_does_not_have_stops_the_command(
    two_people, cli: Cli, command: list[str], option: str, name: str, words: str
) -> None:
    root, _ids = two_people
    code, out, err = cli("--library", root, *command, option, name)
    assert code != 0
    assert out == ""
    assert words in err
    if option == "--category":
        assert "Laboratory" in err


def test_export_with_an_unknown_person_names_the_people(two_people, cli: Cli, tmp_path) -> None:
    root, _ids = two_people
    code, _out, err = cli("--library", root, "export", "--person", "Nobody", "--preview")
    assert code != 0
    assert "No person called 'Nobody' in this library. People: Élodie, Jon, Maria." in err


def test_names_match_whatever_their_case(two_people, cli: Cli) -> None:
    root, ids = two_people

    def listed(*options: str) -> set[int]:
        code, out, err = cli("--library", root, "list", *options, "--json")
        assert code == 0, err
        return {r["id"] for r in json.loads(out)}

    assert listed("--person", "MARIA") == {ids["maria-lab"], ids["maria-scan"]}
    assert listed("--person", "élodie") == {ids["letter"]}
    assert listed("--person", unicodedata.normalize("NFD", "ÉLODIE")) == {ids["letter"]}
    assert listed("--tag", "TRIAL") == {ids["jon-lab"]}
    assert listed("--category", "LABORATORY") == {ids["maria-lab"], ids["jon-lab"]}
    code, out, err = cli("--library", root, "search", "tumour", "--person", "jon", "--json")
    assert code == 0, err
    assert [hit["record"]["id"] for hit in json.loads(out)] == [ids["jon-lab"]]


def test_an_empty_library_says_it_has_no_people(tmp_path: Path, cli: Cli) -> None:
    code, _out, err = cli("--library", tmp_path / "empty", "list", "--person", "Maria")
    assert code != 0
    assert "No person called 'Maria' in this library. It has no people yet." in err
