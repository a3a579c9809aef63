"""`recordorg export`, `verify`, `open` and `import BUNDLE` from the command line, end to end."""

from __future__ import annotations

import json
from pathlib import Path

from tests.bundle.conftest import PERSON
from tests.cli.conftest import Cli

PASSPHRASE = "lamp river orbit cello"


def test_cli_export_zip_encrypted_verify_open_import(
    demo_library: Path, tmp_path: Path, cli: Cli
) -> None:
    import shutil

    library = tmp_path / "library"
    shutil.copytree(demo_library, library)
    target = tmp_path / "case.zip"
    code, out, err = cli(
        "--library",
        str(library),
        "export",
        "--person",
        PERSON,
        "--category",
        "pathology",
        "--out",
        str(target),
        "--encrypt",
        "--passphrase",
        PASSPHRASE,
        "--question",
        "Next line?",
        "--json",
    )
    assert code == 0, err
    report = json.loads(out)
    assert report["records"] == 1 and report["encrypted"] and target.is_file()
    assert "Passphrase strength" in err
    code, out, _ = cli("verify", str(target), "--passphrase", PASSPHRASE)
    assert code == 0 and "nothing changed" in out
    code, out, _ = cli("open", str(target), "--passphrase", PASSPHRASE, "--json")
    opened = json.loads(out)
    assert code == 0 and opened["verified"]["ok"]
    assert opened["about"]["question"] == "Next line?"
    assert [r["category"] for r in opened["about"]["records"]] == ["pathology"]
    code, out, err = cli("open", str(target), "--passphrase", PASSPHRASE)
    assert code == 0 and "Verified: all" in out and "Case review: Maria Example" in out


def test_cli_weak_passphrase_and_plain_folder_encryption_refused(
    demo_library: Path, tmp_path: Path, cli: Cli
) -> None:
    code, _, err = cli(
        "--library",
        str(demo_library),
        "export",
        "--out",
        str(tmp_path / "x.zip"),
        "--encrypt",
        "--passphrase",
        "secret1",
    )
    assert code == 2 and "too easy to guess" in err and not (tmp_path / "x.zip").exists()
    code, _, err = cli(
        "--library",
        str(demo_library),
        "export",
        "--out",
        str(tmp_path / "folder"),
        "--encrypt",
        "--passphrase",
        PASSPHRASE,
    )
    assert code == 2 and "Only a zip can be encrypted" in err


def test_cli_preview_and_ids_in_hand_order(demo_library: Path, tmp_path: Path, cli: Cli) -> None:
    code, out, _ = cli("--library", str(demo_library), "list", "--json")
    ids = [r["id"] for r in json.loads(out)][:3]
    code, out, _ = cli(
        "--library",
        str(demo_library),
        "export",
        "--ids",
        *map(str, ids),
        "--out",
        str(tmp_path / "b"),
        "--preview",
        "--json",
    )
    preview = json.loads(out)
    assert code == 0 and [r["id"] for r in preview["records"]] == ids
    assert not (tmp_path / "b").exists()
    code, out, _ = cli("--library", str(demo_library), "export", "--preview")
    assert code == 0 and "record(s)" in out  # a preview needs nowhere to write
    code, _, err = cli("--library", str(demo_library), "export")
    assert code == 2 and "Say where to write the bundle" in err


def test_cli_open_reports_a_changed_bundle(bundle_copy: Path, cli: Cli) -> None:
    (bundle_copy / "FHIR.JSN").write_text("{}")
    code, out, _ = cli("open", str(bundle_copy))
    assert code == 1 and "changed: FHIR.JSN" in out and "Case review" in out


def test_import_command_recognises_a_bundle(bundle: Path, tmp_path: Path, cli: Cli) -> None:
    code, out, err = cli("--library", str(tmp_path / "lib"), "import", str(bundle), "--json")
    report = json.loads(out)
    assert code == 0, err
    assert report["counts"]["records"] >= 10
    assert not any(i["path"].endswith("REVIEW.PDF") for i in report["imported"])


def test_verify_cli_exit_codes(bundle_copy: Path, cli: Cli) -> None:
    code, out, _ = cli("verify", bundle_copy)
    assert code == 0 and "nothing changed" in out
    (bundle_copy / "README.TXT").write_text("changed")
    code, out, _ = cli("verify", bundle_copy)
    assert code == 1 and "changed: README.TXT" in out


def test_open_prints_the_question_first(bundle: Path, cli: Cli) -> None:
    """Exported without a question of its own, the bundle still asks the case's question,
    and `open` says it right after whose case it is, before anything else."""
    code, out, _ = cli("open", str(bundle))
    assert code == 0
    lines = [line for line in out.splitlines() if line.strip()]
    heading = next(n for n, line in enumerate(lines) if line.startswith("Case review:"))
    assert lines[heading + 1] == (
        "Question for the reviewer: Is <b>capivasertib</b> the best next line?"
    )


def test_index_and_review_pdf_put_the_question_first(deid_bundle: Path) -> None:
    from recordorg.bundle.reader import read_bundle
    from tests.bundle.conftest import pdf_texts

    index = (deid_bundle / "INDEX.HTM").read_text(encoding="utf-8")
    question = index.index("Question for the reviewer")
    assert "box warning" in index  # a de-identified bundle says so, after the question
    assert question < index.index("box warning") < index.index("<nav>")
    cover = " ".join(pdf_texts(deid_bundle / "REVIEW.PDF")[0].split())
    opened = read_bundle(deid_bundle)
    warnings = opened.about["warnings"]
    opened.close()
    assert warnings and cover.index("Question for the reviewer") < cover.index("capivasertib")
    first_note = " ".join(warnings[0].split()[:4])
    assert cover.index("capivasertib") < cover.index(first_note)


def test_verify_expect_names_the_signer(bundle_copy: Path, demo_library: Path, cli: Cli) -> None:
    from recordorg.bundle.signature import SIGNATURE, library_key

    fingerprint = library_key(demo_library).fingerprint
    code, out, _ = cli("verify", bundle_copy, "--expect", fingerprint)
    assert code == 0 and f"key fingerprint {fingerprint}" in out and "holds" in out
    code, out, _ = cli("verify", bundle_copy, "--expect", "0123 4567 89AB CDEF 0123")
    assert code == 1 and "expected the key with fingerprint 0123" in out
    code, out, _ = cli("open", str(bundle_copy))
    assert code == 0 and f"key fingerprint {fingerprint}" in out
    (bundle_copy / SIGNATURE).unlink()
    code, out, _ = cli("verify", bundle_copy, "--expect", fingerprint)
    assert code == 1 and "Not signed" in out


def test_import_fails_like_verify_on_a_file_added_to_a_bundle(
    bundle_copy: Path, tmp_path: Path, cli: Cli
) -> None:
    (bundle_copy / "NOTES.TXT").write_text("added later")
    code, out, _ = cli("verify", bundle_copy)
    assert code == 1
    code, out, _ = cli("--library", tmp_path / "lib", "import", bundle_copy, "--json")
    report = json.loads(out)
    assert code != 0  # some files failed, as `verify` fails
    added = [i for i in report["failed"] if i["path"] == "NOTES.TXT"]
    assert added and "does not verify" in added[0]["reason"]
    assert report["counts"]["records"] >= 10  # the bundle's own records are still imported
