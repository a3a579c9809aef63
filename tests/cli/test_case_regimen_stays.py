"""`case show` on a health-record download: the overnight stays in which a regimen's cycles
were given are sources of the treatment line, not an 'Other event' each."""

from __future__ import annotations

from tests.cli.case_download import case_shown
from tests.samplemakers import fhir as make


def test_the_stays_of_each_cycle_are_sources_of_the_line(tmp_path, cli) -> None:
    resources = make.regimen_history(12, stays=True)
    resources.append(
        make.encounter("fall", "IMP", "Encounter for problem", "2023-06-20", "2023-06-23")
    )
    out = case_shown(tmp_path, cli, resources)
    events = out[out.index("Other events") :].split("\n\n")[0]
    assert events.count("\n  #") == 1 and "2023-06-20 to 2023-06-23" in events
    line = out[out.index("cisplatin + paclitaxel") :].split("\n\n")[0]
    assert "record 1 p.2, Medicines: 12 entries, 10 Jan 2023 – 10 Dec 2023" in line
    assert ", Visits and stays: 12 entries, 10 Jan 2023 – 10 Dec 2023" in line
