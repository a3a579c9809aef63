"""The layer rule: nothing outside gui/ (and app.py) imports Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "recordorg"
ORDER = {"core": 0, "formats": 1, "samples": 1, "jobs": 2, "bundle": 2}


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = list(relative.parts)
        if "gui" in parts or parts[-1] == "app":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_no_qt_outside_gui() -> None:
    modules = _modules()
    assert "recordorg.core.catalogue.library" in modules and "recordorg.cli.main" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt imported outside gui/: {result.stdout}"


def test_imports_point_one_way() -> None:
    """core imports nothing above it; formats only core; jobs and bundle not gui or cli."""
    problems = []
    for path in PACKAGE.rglob("*.py"):
        layer = path.relative_to(PACKAGE).parts[0]
        if layer not in ORDER:
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                target = node.module
            elif isinstance(node, ast.Import):
                target = node.names[0].name
            else:
                continue
            parts = target.split(".")
            if parts[0] != "recordorg" or len(parts) < 2:
                continue
            other = parts[1]
            if other in ("gui", "cli", "app", "cli_output"):
                problems.append(f"{path.name} imports {target}")
            elif other in ORDER and ORDER[other] > ORDER[layer]:
                problems.append(f"{path.name} ({layer}) imports {target}")
    assert problems == []
