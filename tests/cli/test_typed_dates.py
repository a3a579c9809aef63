"""Dates typed on the command line are read as the window's date fields read them."""

from __future__ import annotations

import json

from recordorg.core.catalogue.library import Library
from recordorg.core.understanding.typed_dates import read_typed_date


def test_the_window_and_the_command_line_read_one_way() -> None:
    assert read_typed_date("15/10/2024").iso == "2024-10-15"  # 15 can only be a day
    assert read_typed_date("15 Oct 2024").iso == "2024-10-15"
    assert read_typed_date("Mar 2023").iso == "2023-03"
    assert read_typed_date("05/04/2024").guessed_order  # nothing says which comes first
    assert not read_typed_date("05/04/2024", "month-first").guessed_order
    assert read_typed_date("05/04/2024", "month-first").iso == "2024-05-04"
    assert read_typed_date("05/04/2024", "auto", (0, 3)).iso == "2024-05-04"  # the library's
    assert read_typed_date("soon") is None and read_typed_date("31/02/2024") is None


def test_case_add_takes_a_date_as_typed_in_the_window(tmp_path, cli) -> None:
    root = tmp_path / "library"
    Library.open(root).close()
    code, out, err = cli(
        "--library", root, "case", "add", "treatment_line", "--drug", "letrozole",
        "--start-date", "15/10/2024", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)[0]["fields"]["start_date"] == "2024-10-15"

    code, _, err = cli("--library", root, "case", "add", "diagnosis", "--diagnosed-on", "soon")
    assert code != 0 and '"soon" is not a date this can read' in err
    code, _, err = cli(
        "--library", root, "case", "add", "treatment_line", "--start-date", "05/04/2024"
    )
    assert code != 0 and "could be read day first (5 April 2024) or month first" in err

    cli("--library", root, "settings", "date_order", "month-first")
    code, out, err = cli(
        "--library", root, "case", "add", "treatment_line", "--drug", "capecitabine",
        "--start-date", "05/04/2024", "--json",
    )  # fmt: skip
    assert code == 0, err
    assert json.loads(out)[0]["fields"]["start_date"] == "2024-05-04"
    entry = json.loads(out)[0]["id"]
    code, out, err = cli(
        "--library", root, "case", "edit", str(entry), "--end-date", "June 2024", "--json"
    )
    assert code == 0, err
    assert json.loads(out)[0]["fields"]["end_date"] == "2024-06"
