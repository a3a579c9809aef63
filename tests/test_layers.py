"""The layer rule: import-linter contracts in pyproject.toml, and no Qt loaded outside gui/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "recordorg"


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package under root, with root's pyproject.toml."""
    code = "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run(
        [sys.executable, "-c", code, "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
    )


def test_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "forbidden", "contract"),
    [
        ("core/catalogue/records.py", "from recordorg.core.case import review", "Inside core"),
        ("core/errors.py", "from recordorg.core.catalogue import people", "Inside core"),
        ("formats/pdf.py", "from recordorg.jobs import importer", "Layers"),
        ("gui/library/sidebar.py", "from recordorg.cli import output", "Layers"),
        ("bundle/manifest.py", "import PySide6.QtCore", "Qt only"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(
    tmp_path: Path, module: str, forbidden: str, contract: str
) -> None:
    shutil.copytree(PACKAGE, tmp_path / "recordorg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "recordorg" / module
    target.write_text(target.read_text() + f"\n{forbidden}  # added by the test\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert any(line.startswith(contract) for line in broken), result.stdout


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if "gui" in parts or parts[-1] in ("app", "__main__"):
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_no_qt_loaded_outside_gui() -> None:
    """Importing every module outside gui/ and app.py loads no Qt at all (lazy imports too)."""
    modules = _modules()
    assert "recordorg.core.catalogue.library" in modules and "recordorg.cli.main" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(','.join(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"Qt imported outside gui/: {result.stdout}"


def test_no_import_circle_anywhere() -> None:
    """No two modules of the package import each other, directly or through others; every
    import counts, also those for type hints only and those inside functions."""
    graph = grimp.build_graph("recordorg", include_external_packages=False)
    circles = sorted(
        {
            tuple(sorted((module, imported)))
            for module in graph.modules
            for imported in graph.find_modules_directly_imported_by(module)
            if graph.find_shortest_chain(importer=imported, imported=module)
        }
    )
    assert circles == []
