"""Every library the application imports is installed by `pip install .` (not only by an
extra): a missing one broke zip bundles for people who followed the quick start."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _imported_modules() -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "recordorg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "recordorg"}


def test_every_imported_library_is_a_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = {_name(r) for r in project["dependencies"]}
    reachable = set(declared)
    for name in declared:  # and what those bring with them (jinja2 brings markupsafe)
        for requirement in metadata.requires(name) or []:
            if "extra ==" not in requirement:
                reachable.add(_name(requirement))
    owners = metadata.packages_distributions()
    missing = []
    for module in sorted(_imported_modules()):
        distributions = {d.lower().replace("_", "-") for d in owners.get(module, [])}
        assert distributions, f"{module} is imported but not installed here"
        if not distributions & reachable:
            missing.append(f"{module} (from {', '.join(sorted(distributions))})")
    assert missing == [], f"imported but not in [project] dependencies: {missing}"
