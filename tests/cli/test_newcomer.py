"""The command line a newcomer meets: exit codes said in --help, passphrases without a
terminal, error words on a line of their own, and imports filed under the only person."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from recordorg.cli.importing import SOME_FAILED
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.people import ensure_person
from recordorg.core.errors import UserError
from recordorg.core.progress import Progress
from tests.bundle.conftest import PERSON
from tests.cli.conftest import Cli

PASSPHRASE = "lamp river orbit cello"


def test_import_with_files_that_failed_exits_with_its_own_code(
    tmp_path: Path, cli: Cli, capsys: pytest.CaptureFixture
) -> None:
    from recordorg.cli.main import build_parser

    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    code, out, _ = cli("--library", tmp_path / "library", "import", folder)
    assert code == SOME_FAILED != 0 and code not in (1, 2)
    assert "FAILED" in out
    with pytest.raises(SystemExit):
        build_parser().parse_args(["import", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert f"{SOME_FAILED} when some files could not be imported" in shown


def test_import_files_records_under_the_librarys_only_person(tmp_path: Path, cli: Cli) -> None:
    from recordorg.core.catalogue.database import transaction
    from recordorg.samples.documents import make_text_pdf

    root = tmp_path / "library"
    library = Library.open(root)
    with transaction(library.connection()):
        ensure_person(library.connection(), "Maria Example")
    library.close()
    letter = tmp_path / "letter.pdf"
    make_text_pdf(letter, "Clinic letter", ["Seen in clinic today."])
    code, out, err = cli("--library", root, "import", letter, "--json")
    assert code == 0, err
    code, out, _ = cli("--library", root, "list", "--json")
    assert [r["person"] for r in json.loads(out)] == ["Maria Example"]


@pytest.fixture(scope="module")
def encrypted_zip(demo_library: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from recordorg.cli.main import main

    library = tmp_path_factory.mktemp("lib") / "library"
    shutil.copytree(demo_library, library)
    target = tmp_path_factory.mktemp("zip") / "case.zip"
    args = ["--library", str(library), "export", "--person", PERSON, "--category", "pathology"]
    args += ["--out", str(target), "--encrypt", "--passphrase", PASSPHRASE, "--json"]
    assert main(args) == 0
    return target


def test_verify_reads_the_passphrase_from_standard_input(
    encrypted_zip: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RECORDORG_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSPHRASE + "\n"))
    code, out, err = cli("verify", encrypted_zip)
    assert code == 0 and "nothing changed" in out, err


def test_verify_reads_the_passphrase_from_the_environment(
    encrypted_zip: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RECORDORG_PASSPHRASE", PASSPHRASE)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = cli("verify", encrypted_zip)
    assert code == 0 and "nothing changed" in out, err
    code, out, err = cli("open", encrypted_zip, "--json")
    assert code == 0 and json.loads(out)["verified"]["ok"], err


def test_without_any_passphrase_it_says_how_to_give_one(
    encrypted_zip: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RECORDORG_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = cli("verify", encrypted_zip)
    assert code == 2 and "RECORDORG_PASSPHRASE" in err and err.endswith("\n")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_an_error_during_a_job_starts_on_a_line_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from recordorg.cli.progress import run_job

    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)

    def job():
        yield Progress(1, 3, "reading letter.pdf")
        raise UserError("The disc was removed.")

    with pytest.raises(UserError):
        run_job(job())
    drawn = terminal.getvalue()
    assert "reading letter.pdf" in drawn
    assert drawn.endswith("\r")  # the bar is wiped: what follows starts the line
