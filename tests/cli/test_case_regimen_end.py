"""`case show` on a health-record download: a regimen prescribed month after month, every
prescription stopped, ends on its last cycle instead of 'to ?'."""

from __future__ import annotations

from tests.samplemakers import fhir as make


def _line(tmp_path, cli, resources) -> str:
    tmp_path.mkdir(exist_ok=True)
    download = make.write_bundle(tmp_path / "record.json", resources)
    library = tmp_path / "library"
    assert cli("--library", library, "import", download)[0] == 0
    assert cli("--library", library, "case", "suggest")[0] == 0
    code, out, _ = cli("--library", library, "case", "show")
    assert code == 0
    return next(line for line in out.splitlines() if "cisplatin + paclitaxel" in line)


def test_a_regimen_of_stopped_prescriptions_ends_on_its_last_cycle(tmp_path, cli) -> None:
    assert "2023-01-10 to 2023-12-10" in _line(tmp_path, cli, make.regimen_history(12))


def test_one_prescription_or_one_still_active_gives_no_end(tmp_path, cli) -> None:
    resources = make.regimen_history(3)
    resources[-1]["status"] = "active"
    assert "2023-01-10 to ?" in _line(tmp_path / "active", cli, resources)
    assert "2023-01-10 to ?" in _line(tmp_path / "one", cli, make.regimen_history(1))
