"""Fixtures for import tests: folders of synthetic records made at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordorg.core.progress import run_to_end
from recordorg.jobs.importer import ImportReport, import_paths


def run_import(library, paths, **kwargs) -> ImportReport:
    return run_to_end(import_paths(library, [Path(p) for p in paths], **kwargs))


@pytest.fixture(scope="session")
def hospital_disc(tmp_path_factory) -> dict:
    from recordorg.samples.dicom import make_medium

    root = tmp_path_factory.mktemp("disc") / "CD"
    return make_medium(
        root,
        studies=[
            {"modality": "CT", "slices": 6, "series_number": 1, "study_date": "20250303"},
            {
                "modality": "CT",
                "slices": 4,
                "series_number": 2,
                "study_date": "20250303",
                "series_description": "Bone window",
            },
        ],
    )
