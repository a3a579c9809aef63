"""`recordorg backup` and `recordorg restore` on the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.conftest import Cli


def test_backup_then_restore_gives_a_library_whose_check_passes(
    cli: Cli, demo_library: Path, tmp_path: Path
) -> None:
    library = tmp_path / "family"
    shutil.copytree(demo_library, library)
    code, out, _ = cli("--library", library, "backup", tmp_path / "drive")
    assert code == 0 and "every file checked" in out
    assert "on the same disk as the library" in out  # tmp_path holds both
    code, out, _ = cli("--library", library, "backup", tmp_path / "drive", "--json")
    again = json.loads(out)
    assert code == 0 and again["copied"] == 0 and again["records"] > 0
    code, out, _ = cli("restore", tmp_path / "drive", tmp_path / "restored")
    assert code == 0 and f"Restored {again['records']} records" in out
    code, out, _ = cli("--library", tmp_path / "restored", "check")
    assert code == 0 and out.strip().endswith("OK")
    code, out, _ = cli("--library", tmp_path / "restored", "list", "--json")
    _, original, _ = cli("--library", library, "list", "--json")
    assert json.loads(out) == json.loads(original)


def test_restore_refuses_a_folder_that_is_not_empty(cli: Cli, tmp_path: Path) -> None:
    code, _, _ = cli("--library", tmp_path / "empty", "backup", tmp_path / "drive")
    assert code == 0
    target = tmp_path / "library"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    code, _, err = cli("restore", tmp_path / "drive", target)
    assert code == 2 and "not empty" in err
    code, _, err = cli("restore", target, tmp_path / "new")
    assert code == 2 and "not a recordorg backup" in err
    assert not (tmp_path / "new").exists() or not any((tmp_path / "new").iterdir())
