"""A case-review bundle found inside a folder or on a disc being imported: its own files
(index, metadata, signature) are set aside as the bundle's, each with its own reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from recordorg.jobs.discovery import discover
from tests.bundle.conftest import bundle, demo_library  # noqa: F401 (fixtures)


@pytest.fixture
def disc_with_a_bundle(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A disc whose folder BUNDLE holds a bundle (with its DICOMDIR, as burned)."""
    made = request.getfixturevalue("bundle")
    disc = tmp_path / "disc"
    shutil.copytree(made, disc / "BUNDLE")
    assert (disc / "BUNDLE" / "DICOMDIR").is_file() and (disc / "BUNDLE" / "MANIFEST.SIG").is_file()
    return disc


def test_a_bundles_signature_is_set_aside_as_its_signature(disc_with_a_bundle: Path) -> None:
    skipped = {
        p.relative_to(disc_with_a_bundle).as_posix(): r
        for p, r in discover([disc_with_a_bundle]).skipped
    }
    assert skipped["BUNDLE/MANIFEST.SIG"] == (
        "The bundle's signature (it vouches for the bundle's manifest), not a record."
    )
    for own in ("BUNDLE/INDEX.HTM", "BUNDLE/README.TXT", "BUNDLE/MANIFEST.JSN"):
        assert skipped[own] == "Part of a case-review bundle (its index or metadata), not a record."
    assert not [name for name, reason in skipped.items() if "support file of the disc" in reason]
