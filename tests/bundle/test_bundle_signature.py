"""Bundles are signed with the library's own key: the signature holds on the bundle as made,
breaks on a forged manifest, and `expect` refuses any other signer or an unsigned bundle."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from recordorg.bundle.names import MANIFEST
from recordorg.bundle.signature import (
    BROKEN,
    KEY_FILE,
    SIGNATURE,
    SIGNED,
    UNSIGNED,
    library_key,
    same_fingerprint,
)
from recordorg.bundle.verify import run_verify


def _forge(bundle: Path) -> str:
    """Change a document and update the manifest to match (what an attacker would do);
    returns the changed file's path in the bundle."""
    manifest = json.loads((bundle / MANIFEST).read_bytes())
    entry = next(f for f in manifest["files"] if f["path"].endswith(".PDF"))
    target = bundle.joinpath(*entry["path"].split("/"))
    forged = target.read_bytes() + b"\n% a page added later\n"
    target.write_bytes(forged)
    entry["size"], entry["sha256"] = len(forged), hashlib.sha256(forged).hexdigest()
    (bundle / MANIFEST).write_text(json.dumps(manifest, indent=1))
    return entry["path"]


def test_bundle_is_signed_with_the_library_key(bundle: Path, demo_library: Path) -> None:
    key = library_key(demo_library)
    assert (bundle / SIGNATURE).is_file()
    report = run_verify(bundle)
    assert report.ok and report.signature == SIGNED
    assert report.signer == key.fingerprint
    assert key.fingerprint in report.signature_words() and "holds" in report.signature_words()
    assert key.fingerprint in (bundle / "README.TXT").read_text("utf-8")
    assert key.fingerprint in (bundle / "INDEX.HTM").read_text("utf-8")
    typed = key.fingerprint.replace(" ", "").lower()  # however the reviewer types it
    assert run_verify(bundle, expect=typed).ok


def test_the_private_key_stays_in_the_library(bundle: Path, demo_library: Path) -> None:
    pem = (demo_library / KEY_FILE).read_bytes()
    assert b"PRIVATE KEY" in pem
    assert (demo_library / KEY_FILE).stat().st_mode & 0o077 == 0  # the owner's only
    for path in bundle.rglob("*"):
        if path.is_file():
            assert b"PRIVATE KEY" not in path.read_bytes(), path


def test_every_export_of_a_library_signs_with_one_key(
    bundle: Path, deid_bundle: Path, demo_library: Path
) -> None:
    assert run_verify(bundle).signer == run_verify(deid_bundle).signer
    assert run_verify(deid_bundle).signer == library_key(demo_library).fingerprint


def test_a_forged_manifest_breaks_the_signature(bundle_copy: Path) -> None:
    changed = _forge(bundle_copy)
    report = run_verify(bundle_copy)
    assert not report.changed  # the files match the forged manifest...
    assert report.signature == BROKEN and not report.ok  # ...but the signature does not
    assert any("signature" in line for line in report.problems())
    assert changed


def test_expect_refuses_another_signer(
    bundle_copy: Path, demo_library: Path, tmp_path: Path
) -> None:
    genuine = library_key(demo_library).fingerprint
    _forge(bundle_copy)
    other = library_key(tmp_path)  # another library signs the forged manifest with its key
    (bundle_copy / SIGNATURE).write_bytes(
        other.signature_file((bundle_copy / MANIFEST).read_bytes())
    )
    report = run_verify(bundle_copy)
    assert report.ok and report.signer == other.fingerprint  # signed, by someone
    expecting = run_verify(bundle_copy, expect=genuine)
    assert not expecting.ok and expecting.unexpected_signer
    assert any(genuine in line for line in expecting.problems())


def test_expect_refuses_an_unsigned_bundle(bundle_copy: Path, demo_library: Path) -> None:
    (bundle_copy / SIGNATURE).unlink()
    report = run_verify(bundle_copy)
    assert report.ok and report.signature == UNSIGNED  # bundles made before signing open
    assert "Not signed" in report.signature_words()
    assert not run_verify(bundle_copy, expect=library_key(demo_library).fingerprint).ok


def test_a_damaged_signature_file_is_broken(bundle_copy: Path) -> None:
    (bundle_copy / SIGNATURE).write_bytes(b"recordorg bundle signature 1\r\nsignature: !!\r\n")
    report = run_verify(bundle_copy)
    assert report.signature == BROKEN and not report.ok


def test_fingerprints_compare_however_typed() -> None:
    fingerprint = "0123ABCD 4567EF01 89ABCDEF 01234567 89ABCDEF"
    assert same_fingerprint("0123abcd-4567ef01-89abcdef-01234567-89abcdef", fingerprint)
    assert not same_fingerprint("0123abcd", fingerprint)
    assert not same_fingerprint("", fingerprint)
