"""Write the synthetic files test_deb_in_debootstrap.sh imports: a PDF letter and a disc."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from recordorg.samples.dicom import make_medium
from recordorg.samples.documents import make_text_pdf


def write_samples(folder: Path) -> None:
    """A one-page PDF letter and a hospital CD (DICOMDIR, a CT and an MR series, a report)."""
    folder.mkdir(parents=True, exist_ok=True)
    make_text_pdf(
        folder / "letter.pdf",
        "Clinic letter",
        ["Dear colleague, Sam Sample was seen in clinic today. The CT is attached."],
        creation_date=datetime(2025, 3, 4),
        author="Sample Hospital",
    )
    make_medium(
        folder / "disc",
        studies=[
            {"modality": "CT", "slices": 24, "series_number": 1, "study_date": "20250303"},
            {"modality": "MR", "slices": 12, "series_number": 1, "study_date": "20250310"},
        ],
    )


if __name__ == "__main__":
    write_samples(Path(sys.argv[1]))
