"""The procedure vocabulary: each name names one procedure."""

from __future__ import annotations

import json
from collections import Counter

from recordorg.core.paths import resources_dir


def test_no_name_is_given_to_two_procedures() -> None:
    raw = json.loads((resources_dir() / "vocabularies" / "procedures.json").read_text())
    names = Counter(
        name.lower()
        for item in raw["procedures"]
        for name in item["names"] + item.get("names_foreign", [])
    )
    assert [name for name, count in names.items() if count > 1] == []
