"""`case show` on a health-record download: a regimen prescribed month after month, every
prescription stopped, ends on its last cycle instead of 'to ?'."""

from __future__ import annotations

from tests.cli.case_download import case_shown
from tests.samplemakers import fhir as make


def _line(tmp_path, cli, resources) -> str:
    out = case_shown(tmp_path, cli, resources)
    return next(line for line in out.splitlines() if "cisplatin + paclitaxel" in line)


def test_a_regimen_of_stopped_prescriptions_ends_on_its_last_cycle(tmp_path, cli) -> None:
    assert "2023-01-10 to 2023-12-10" in _line(tmp_path, cli, make.regimen_history(12))


def test_one_prescription_or_one_still_active_gives_no_end(tmp_path, cli) -> None:
    resources = make.regimen_history(3)
    resources[-1]["status"] = "active"
    assert "2023-01-10 to ?" in _line(tmp_path / "active", cli, resources)
    assert "2023-01-10 to ?" in _line(tmp_path / "one", cli, make.regimen_history(1))
