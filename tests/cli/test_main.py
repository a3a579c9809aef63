"""The command line as a whole: the table of commands, `--help`, and `python -m recordorg`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from recordorg.cli.main import BY_NAME, COMMANDS, build_parser
from tests.cli.conftest import Cli

# What README's command table promises.
EXPECTED = (
    "import list show edit delete people categories tags search check unlock backup restore "
    "case timeline export verify open ocr suggest settings"
).split()


def test_every_command_is_in_the_table_once() -> None:
    assert [command.name for command in COMMANDS] == EXPECTED
    assert len(BY_NAME) == len(COMMANDS)
    assert {c.name for c in COMMANDS if not c.needs_library} == {"verify", "open", "restore"}


@pytest.mark.parametrize("name", EXPECTED)
def test_every_command_has_its_help(name: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args([name, "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    command = BY_NAME[name]
    assert out.startswith(f"usage: recordorg {name}")
    assert "".join((command.description or command.help).split()) in "".join(out.split())


def test_a_command_without_a_library_opens_none(tmp_path: Path, cli: Cli) -> None:
    library = tmp_path / "library"
    code, _, err = cli("--library", library, "verify", tmp_path / "no-such-bundle")
    assert code == 2 and err.startswith("recordorg: ")
    assert not library.exists()
    code, _, _ = cli("--library", library, "tags")
    assert code == 0 and (library / "catalogue.sqlite").exists()


def test_python_dash_m_recordorg_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "recordorg", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: recordorg ")
    listed = result.stdout.split("COMMAND", 1)[1]
    assert all(f"    {name} " in listed for name in EXPECTED)
