"""`case show` on a health-record download: a regimen's monthly prescriptions are one source
(how many, and from when to when), not a line for each prescription."""

from __future__ import annotations

from tests.cli.case_download import case_shown
from tests.samplemakers import fhir as make


def test_a_regimens_prescriptions_are_one_source_with_their_span(tmp_path, cli) -> None:
    out = case_shown(tmp_path, cli, make.regimen_history(12))
    line = out[out.index("cisplatin + paclitaxel") :].split("\n\n")[0]
    sources = [s.strip() for s in line.splitlines() if "source" in s]
    assert len(sources) == 1, line
    assert sources[0].endswith("record 1 p.2, Medicines: 12 entries, 10 Jan 2023 – 10 Dec 2023")
    assert sources[0].startswith("sources ")
