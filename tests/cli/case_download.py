"""What `case show` prints for a health-record download made of the given resources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.samplemakers import fhir as make


def case_shown(tmp_path: Path, cli, resources: list[dict[str, Any]]) -> str:
    """Import the resources as one FHIR download into a new library, suggest, show."""
    tmp_path.mkdir(exist_ok=True)
    download = make.write_bundle(tmp_path / "record.json", resources)
    library = tmp_path / "library"
    assert cli("--library", library, "import", download)[0] == 0
    assert cli("--library", library, "case", "suggest")[0] == 0
    code, out, _ = cli("--library", library, "case", "show")
    assert code == 0
    return out
