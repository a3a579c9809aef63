"""Every file the package opens at the lowest level is opened as bytes on Windows too:
without O_BINARY, Windows turns line ends around and stops reading at byte 0x1A, which would
change a record's bytes (and its SHA-256) on the way into the library or a bundle."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "recordorg"
# Where no file's bytes pass: locks, folders, Linux-only calls, the null device.
NO_BYTES_PASS = {
    ("jobs/backup.py", "settle"),
    ("core/catalogue/library.py", "_fsync_dir"),
    ("core/catalogue/unfinished_exports.py", "start"),
    ("core/catalogue/unfinished_exports.py", "_stopped"),
    ("cli/main.py", "main"),
}


def _low_level_opens() -> list[tuple[str, str, str]]:
    """(file, function, function source) of every os.open call in the package."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "open"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "os"
                ):
                    relative = path.relative_to(PACKAGE).as_posix()
                    source = ast.get_source_segment(text, function) or ""
                    found.append((relative, function.name, source))
    return found


def test_files_opened_at_the_lowest_level_are_opened_as_bytes() -> None:
    opens = _low_level_opens()
    assert len(opens) > 5  # the scan finds them
    text_mode = sorted(
        {(file, name) for file, name, source in opens if "O_BINARY" not in source} - NO_BYTES_PASS
    )
    assert text_mode == []
