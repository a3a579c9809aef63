"""A frozen (installed) start: freeze support at both entries, resources found in the layout."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from recordorg.cli import main as cli_main
from recordorg.core import paths

SOURCE_RESOURCES = Path(__file__).resolve().parents[2] / "resources"


def _resources_in(folder: Path) -> Path:
    (folder / "resources" / "icons").mkdir(parents=True)
    (folder / "resources" / "icons" / "recordorg.svg").write_text("<svg/>")
    return folder / "resources"


def test_resources_found_in_a_one_folder_build(tmp_path, monkeypatch):
    internal = tmp_path / "recordorg" / "_internal"
    wanted = _resources_in(internal)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(internal), raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "recordorg" / "recordorg"))
    assert paths.resources_dir() == wanted
    assert (paths.resources_dir() / "icons" / "recordorg.svg").is_file()


def test_resources_found_beside_the_program(tmp_path, monkeypatch):
    wanted = _resources_in(tmp_path / "app")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "app" / "recordorg"))
    assert paths.resources_dir() == wanted


def test_source_tree_resources_when_not_frozen(monkeypatch):
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.frozen_resources_dir() is None
    assert paths.resources_dir() == SOURCE_RESOURCES


class FreezeSupportRan(Exception):
    pass


def test_main_calls_freeze_support_before_anything_else(monkeypatch):
    def answered_as_a_child() -> None:
        raise FreezeSupportRan

    monkeypatch.setattr(cli_main.multiprocessing, "freeze_support", answered_as_a_child)
    # --version would end the run in argparse: freeze support must come first.
    with pytest.raises(FreezeSupportRan):
        cli_main.main(["--version"])


def test_module_entry_answers_freeze_support_before_importing_the_application():
    """The frozen program runs recordorg/__main__.py; a run that is a reader's server must be
    answered before the whole application is imported."""
    probe = (
        "import multiprocessing, runpy, sys\n"
        "def child_run():\n"
        "    print('recordorg.cli.main' in sys.modules)\n"
        "    sys.exit(7)\n"
        "multiprocessing.freeze_support = child_run\n"
        "runpy.run_module('recordorg', run_name='__main__')\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 7, done.stderr
    assert done.stdout.strip() == "False"


def test_module_entry_runs_the_command_line():
    done = subprocess.run(
        [sys.executable, "-m", "recordorg", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("recordorg ")


PACKAGING = SOURCE_RESOURCES / "packaging"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _desktop_entry(name: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / name, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_desktop_entries_run_the_installed_command():
    window = _desktop_entry("recordorg.desktop")
    opener = _desktop_entry("recordorg-bundle.desktop")
    assert window["Exec"] == "recordorg" and window["Icon"] == "recordorg"
    program, command, argument = opener["Exec"].split()
    assert (program, argument) == ("recordorg", "%f")
    assert command in cli_main.BY_NAME
    assert (SOURCE_RESOURCES / "icons" / f"{window['Icon']}.svg").is_file()


def test_the_bundle_mime_type_is_a_zip_the_bundle_opener_claims():
    types = ElementTree.parse(PACKAGING / "recordorg-mime.xml").getroot()
    mime = types.find(f"{MIME_NS}mime-type")
    assert mime is not None
    assert mime.find(f"{MIME_NS}sub-class-of").get("type") == "application/zip"
    claimed = _desktop_entry("recordorg-bundle.desktop")["MimeType"].strip(";").split(";")
    assert claimed == [mime.get("type")]
