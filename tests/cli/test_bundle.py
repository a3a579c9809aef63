"""`recordorg export`, `open` and `import BUNDLE` from the command line, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recordorg.cli.main import main
from recordorg.core.catalogue.library import Library
from recordorg.jobs.bundle_import import import_bundle
from tests.bundle.conftest import PERSON, run

PASSPHRASE = "lamp river orbit cello"


def _cli(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_bundle_brings_records_not_bundle_files(bundle: Path, tmp_path: Path) -> None:
    library = Library.open(tmp_path / "clinic")
    report = run(import_bundle(library, bundle))
    conn = library.connection()
    about = json.loads((bundle / "MANIFEST.JSON").read_text())["about"]
    assert not report.failed
    assert len(report.records) == len(about["records"])
    skipped = {item.path for item in report.skipped}
    assert {
        "INDEX.HTM",
        "README.TXT",
        "REVIEW.PDF",
        "FHIR.JSON",
        "MANIFEST.JSON",
        "IHE_XDM/SUBSET01/METADATA.XML",
        "DICOMDIR",
    } <= skipped
    rows = conn.execute(
        "SELECT r.title, c.slug, r.clinical_date, r.notes, p.name FROM records r "
        "JOIN categories c ON c.id = r.category_id "
        "LEFT JOIN people p ON p.id = r.person_id"
    ).fetchall()
    described = sorted((row[0], row[1], row[2]) for row in rows)
    assert described == sorted((r["title"], r["category"], r["date"]) for r in about["records"])
    assert {row[4] for row in rows} == {PERSON}
    assert any("<script>" in row[3] for row in rows)  # the note, kept as text
    studies = conn.execute("SELECT count(*) FROM records WHERE kind = 'dicom'").fetchone()[0]
    assert studies == 3
    library.close()


def test_import_into_the_source_library_finds_only_duplicates(
    bundle: Path, demo_library: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "library"
    import shutil

    shutil.copytree(demo_library, copy)
    library = Library.open(copy)
    before = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
    report = run(import_bundle(library, bundle))
    after = library.connection().execute("SELECT count(*) FROM records").fetchone()[0]
    assert after == before and not report.imported
    assert len(report.duplicates) == len([p for p in bundle.rglob("*") if p.is_file()]) - 7
    library.close()


def test_cli_export_zip_encrypted_verify_open_import(
    demo_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    import shutil

    library = tmp_path / "library"
    shutil.copytree(demo_library, library)
    target = tmp_path / "case.zip"
    code, out, err = _cli(
        capsys,
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
    code, out, _ = _cli(capsys, "verify", str(target), "--passphrase", PASSPHRASE)
    assert code == 0 and "nothing changed" in out
    code, out, _ = _cli(capsys, "open", str(target), "--passphrase", PASSPHRASE, "--json")
    opened = json.loads(out)
    assert code == 0 and opened["verified"]["ok"]
    assert opened["about"]["question"] == "Next line?"
    assert [r["category"] for r in opened["about"]["records"]] == ["pathology"]
    code, out, err = _cli(capsys, "open", str(target), "--passphrase", PASSPHRASE)
    assert code == 0 and "Verified: all" in out and "Case review: Maria Example" in out


def test_cli_weak_passphrase_and_plain_folder_encryption_refused(
    demo_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    code, _, err = _cli(
        capsys,
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
    code, _, err = _cli(
        capsys,
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


def test_cli_preview_and_ids_in_hand_order(
    demo_library: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    code, out, _ = _cli(capsys, "--library", str(demo_library), "list", "--json")
    ids = [r["id"] for r in json.loads(out)][:3]
    code, out, _ = _cli(
        capsys,
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
    code, out, _ = _cli(capsys, "--library", str(demo_library), "export", "--preview")
    assert code == 0 and "record(s)" in out  # a preview needs nowhere to write
    code, _, err = _cli(capsys, "--library", str(demo_library), "export")
    assert code == 2 and "Say where to write the bundle" in err


def test_cli_open_reports_a_changed_bundle(
    bundle_copy: Path, capsys: pytest.CaptureFixture
) -> None:
    (bundle_copy / "FHIR.JSON").write_text("{}")
    code, out, _ = _cli(capsys, "open", str(bundle_copy))
    assert code == 1 and "changed: FHIR.JSON" in out and "Case review" in out


def test_import_command_recognises_a_bundle(
    bundle: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    code, out, err = _cli(
        capsys, "--library", str(tmp_path / "lib"), "import", str(bundle), "--json"
    )
    report = json.loads(out)
    assert code == 0, err
    assert report["counts"]["records"] >= 10
    assert not any(i["path"].endswith("REVIEW.PDF") for i in report["imported"])


def test_a_zipped_bundle_imports_like_a_folder(bundle: Path, tmp_path: Path) -> None:
    from recordorg.bundle.archive import write_zip
    from recordorg.jobs.bundle_import import import_paths_and_bundles

    archive = write_zip(bundle, tmp_path / "bundle.zip")
    library = Library.open(tmp_path / "clinic")
    report = run(import_paths_and_bundles(library, [archive]))
    about = json.loads((bundle / "MANIFEST.JSON").read_text())["about"]
    assert len(report.records) == len(about["records"]) and not report.failed
    assert not list((tmp_path / "clinic" / "staging").iterdir())  # unpacked copy removed
    library.close()
