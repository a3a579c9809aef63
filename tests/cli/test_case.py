"""The case review from the command line: show, suggest, add, edit, confirm, reject, timeline."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from recordorg.core.catalogue.library import Library
from tests.core.case_helpers import sample_case


def test_case_commands_end_to_end(tmp_path, cli) -> None:
    root = tmp_path / "library"
    library = Library.open(root)
    ids = sample_case(library.connection())
    library.close()

    code, out, _ = cli("--library", root, "case", "show")
    assert code == 0 and "Nothing yet" in out
    code, out, _ = cli("--library", root, "case", "suggest")
    assert code == 0 and "new suggestion(s)" in out
    code, out, _ = cli("--library", root, "case", "show")
    assert "HER2: negative (IHC 1+)" in out and "UNCONFIRMED" in out
    assert '"HER2 (clone 4B5): NEGATIVE, score 1+ by IHC."' in out

    code, out, _ = cli("--library", root, "case", "show", "--json")
    data = json.loads(out)
    her2 = next(e for e in data["sections"]["biomarker"] if e["fields"]["marker"] == "HER2")
    ki67 = next(e for e in data["sections"]["biomarker"] if e["fields"]["marker"] == "Ki-67")
    assert her2["confirmed"] is False and her2["citations"][0]["page"] == 1
    code, out, _ = cli("--library", root, "case", "confirm", str(her2["id"]))
    assert code == 0 and "UNCONFIRMED" not in out
    cli("--library", root, "case", "reject", str(ki67["id"]))

    code, out, _ = cli(
        "--library",
        root,
        "case",
        "add",
        "treatment_line",
        "--line-number",
        "3",
        "--drug",
        "Enhertu",
        "--start-date",
        "2024-09-02",
        "--ongoing",
        "yes",
        "--cite",
        f"{ids['Oncology Clinic Letter']}:1",
        "--quote",
        "plan",
    )
    assert code == 0 and "trastuzumab deruxtecan" in out and "ongoing" in out
    line_id = int(out.split("#")[1].split()[0])
    code, out, _ = cli("--library", root, "case", "edit", str(line_id), "--best-response", "SD")
    assert "best response SD" in out
    code, _, err = cli("--library", root, "case", "edit", str(line_id), "--marker", "ER")
    assert code == 2 and "has no field" in err
    code, _, err = cli("--library", root, "case", "add", "diagnosis", "--diagnosed-on", "soon")
    assert code == 2 and "20/04/2024, 20 April 2024 or 2024-04-20" in err
    cli("--library", root, "case", "question", "Is a trial possible?")

    code, out, _ = cli("--library", root, "case", "checklist", "--json", "--today", "2024-09-01")
    checklist = json.loads(out)
    assert checklist["ready"] is False
    assert {i["key"] for i in checklist["items"]} >= {
        "pathology",
        "biomarkers",
        "imaging",
        "treatment_lines",
        "medications",
        "letter",
        "question",
    }
    code, out, _ = cli("--library", root, "case", "checklist")
    assert code == 0 and "look for:" in out

    code, out, _ = cli("--library", root, "case", "show", "--all", "--json")
    statuses = {e["id"]: e["status"] for e in json.loads(out)["sections"]["biomarker"]}
    assert statuses[ki67["id"]] == "rejected" and statuses[her2["id"]] == "confirmed"

    svg = tmp_path / "timeline.svg"
    code, out, _ = cli("--library", root, "timeline", "--out", str(svg), "--today", "2024-09-10")
    assert code == 0 and "marked unconfirmed" in out
    assert ET.parse(svg).getroot().tag.endswith("svg")
    code, _, err = cli("--library", root, "timeline", "--out", str(tmp_path / "t.bmp"))
    assert code == 2 and ".svg, .png or .pdf" in err


def test_overlapping_ongoing_lines_are_warned_of_not_refused(tmp_path, cli) -> None:
    root = tmp_path / "library"
    Library.open(root).close()
    line = ("--library", root, "case", "add", "treatment_line")
    code, _, err = cli(
        *line, "--line-number", "2", "--start-date", "2024-10-15", "--ongoing", "yes"
    )
    assert code == 0 and "Warning" not in err
    code, out, err = cli(*line, "--line-number", "3", "--start-date", "2024-11-01")
    assert code == 0 and "Line 3" in out
    assert "Warning: Line 2 is still ongoing since 15 October 2024: end it, or keep both?" in err
    third = int(out.split("#")[1].split()[0])
    code, _, err = cli("--library", root, "case", "edit", str(third), "--start-date", "2024-12-01")
    assert code == 0 and "Line 2 is still ongoing" in err


def test_a_suggested_line_is_not_warned_of_until_confirmed(tmp_path, cli) -> None:
    root = tmp_path / "library"
    Library.open(root).close()
    line = ("--library", root, "case", "add", "treatment_line")
    code, out, _ = cli(*line, "--line-number", "2", "--start-date", "2024-10-15", "--suggested")
    suggested = int(out.split("#")[1].split()[0])
    code, _, err = cli(*line, "--line-number", "3", "--start-date", "2024-11-01")
    assert code == 0 and "Warning" not in err
    cli("--library", root, "case", "confirm", str(suggested))
    code, _, err = cli(*line, "--line-number", "4", "--start-date", "2024-12-01")
    assert "Warning: Line 2 is still ongoing since 15 October 2024" in err
