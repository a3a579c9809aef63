"""A study imported from a disc reads as people write it, in list, show and the case review."""

from __future__ import annotations

from recordorg.samples.dicom import make_series


def test_study_labels_become_readable_titles_everywhere(tmp_path, cli) -> None:
    make_series(tmp_path / "in" / "knee", "MR", slices=2, study_description="MRI KNEE LT")
    make_series(
        tmp_path / "in" / "chest",
        "CT",
        slices=2,
        study_description="CT CHEST W/O CONTRAST",
        body_part="CHEST",
        study_date="20250304",
    )
    root = tmp_path / "library"
    assert cli("--library", root, "import", tmp_path / "in")[0] == 0
    code, out, _ = cli("--library", root, "list")
    assert "MRI left knee — 3 Mar 2025" in out and "CT chest — 4 Mar 2025" in out
    assert "CHEST" not in out
    record = next(line.split()[0] for line in out.splitlines() if "CT chest" in line)
    code, out, _ = cli("--library", root, "show", record)
    assert "Study label:   CT CHEST W/O CONTRAST" in out  # the label as written, kept
    cli("--library", root, "case", "suggest")
    code, out, _ = cli("--library", root, "case", "show")
    assert "CT chest" in out and "MRI left knee" in out and "CT CHEST" not in out
