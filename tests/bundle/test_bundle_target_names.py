"""A bundle is named so that it opens on any computer: names Windows refuses are refused
before anything is written, with a name that works offered instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordorg.bundle.plan import plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.core.errors import UserError
from recordorg.jobs.export import export_bundle
from tests.bundle.conftest import PERSON


@pytest.mark.parametrize(
    ("name", "offered"),
    [
        ("CON", "_CON"),
        ("aux.zip", "_aux.zip"),
        ("Case: Maria", "Case_ Maria"),
        ("Review.", "Review"),
    ],
)
def test_export_refuses_a_name_windows_refuses(
    demo_library: Path, tmp_path: Path, name: str, offered: str
) -> None:
    library = Library.open(demo_library)
    try:
        job = export_bundle(library, plan_bundle(library, person=PERSON), tmp_path / name)
        with pytest.raises(UserError, match=f"Try “{offered}”"):
            next(job)
        assert list(tmp_path.iterdir()) == []  # nothing written
    finally:
        library.close()
