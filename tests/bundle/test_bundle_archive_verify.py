"""Zips (plain and AES-256), hostile archives refused, and verify naming what changed."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from recordorg.bundle.archive import (
    PassphraseNeeded,
    SafeZip,
    UnsafeArchive,
    passphrase_strength,
    write_zip,
)
from recordorg.bundle.verify import run_verify
from recordorg.core.errors import UserError

PASSPHRASE = "lamp river orbit cello"


def _hostile(path: Path, name: str, *, link: bool = False) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("README.TXT", "fine")
        info = zipfile.ZipInfo(name)
        if link:
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd" if link else "evil")
    return path


@pytest.mark.parametrize(
    "name",
    [
        "../evil.txt",
        "a/../../evil.txt",
        "/tmp/evil.txt",
        "C:/evil.txt",
        "C:\\evil.txt",
        "..\\evil.txt",
        "a/./b.txt",
        "a//b.txt",
    ],
)
def test_unsafe_member_names_are_refused(tmp_path: Path, name: str) -> None:
    archive = _hostile(tmp_path / "bad.zip", name)
    target = tmp_path / "out" / "inside"
    with pytest.raises(UnsafeArchive, match="Nothing was unpacked"):
        with SafeZip(archive) as opened:
            list(opened.extract_all(target))
    assert not target.exists()
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "out").exists()


def test_links_in_an_archive_are_refused(tmp_path: Path) -> None:
    archive = _hostile(tmp_path / "link.zip", "DICOM/IM000001", link=True)
    with pytest.raises(UnsafeArchive, match="a link"):
        SafeZip(archive)


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "dup.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("INDEX.HTM", "one")
        archive.writestr("index.htm", "two")
    with pytest.raises(UnsafeArchive, match="twice"):
        SafeZip(path)


def test_hostile_zip_is_refused_by_verify_and_import(tmp_path: Path) -> None:
    archive = _hostile(tmp_path / "bad.zip", "../../evil.txt")
    with pytest.raises(UnsafeArchive):
        run_verify(archive)
    from recordorg.cli.main import main

    assert main(["verify", str(archive)]) == 2
    assert not (tmp_path.parent / "evil.txt").exists()


def test_encrypted_zip_round_trip(tmp_path: Path, bundle: Path) -> None:
    target = write_zip(bundle, tmp_path / "bundle.zip", passphrase=PASSPHRASE)
    with zipfile.ZipFile(target) as plain:
        assert all(info.flag_bits & 0x1 for info in plain.infolist())  # every member
        with pytest.raises(RuntimeError):
            plain.read("README.TXT")
    with pytest.raises(PassphraseNeeded, match="type its passphrase"):
        SafeZip(target)
    with pytest.raises(PassphraseNeeded, match="does not open"):
        SafeZip(target, "wrong horse battery")
    report = run_verify(target, PASSPHRASE)
    assert report.ok and report.checked > 50
    with SafeZip(target, PASSPHRASE) as opened:
        assert opened.read("README.TXT") == (bundle / "README.TXT").read_bytes()


def test_passphrase_strength_hints() -> None:
    assert passphrase_strength("password1").word == "too weak"
    assert not passphrase_strength("Tr0ub4dor").acceptable
    strong = passphrase_strength(PASSPHRASE)
    assert strong.acceptable and strong.word in ("fair", "strong")
    assert "word" in passphrase_strength("abc").hint


def test_verify_passes_an_untouched_bundle(bundle: Path) -> None:
    report = run_verify(bundle)
    files = [p for p in bundle.rglob("*") if p.is_file()]
    assert report.ok and report.checked == len(files) - 2  # all but the manifest and signature


def test_verify_catches_a_changed_byte(bundle_copy: Path) -> None:
    target = next((bundle_copy / "IHE_XDM" / "SUBSET01").glob("DOC*.PDF"))
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    report = run_verify(bundle_copy)
    assert not report.ok
    name = target.relative_to(bundle_copy).as_posix()
    assert report.changed == [name]
    assert any(name in line and "changed" in line for line in report.problems())


def test_verify_names_missing_and_extra_files(bundle_copy: Path) -> None:
    (bundle_copy / "DICOM" / "ST000001" / "SE000001" / "IM000002").unlink()
    (bundle_copy / "NOTES.TXT").write_text("added later")
    (bundle_copy / "LINK").symlink_to(bundle_copy / "README.TXT")
    report = run_verify(bundle_copy)
    assert report.missing == ["DICOM/ST000001/SE000001/IM000002"]
    assert report.extra == ["LINK", "NOTES.TXT"]


def test_not_a_bundle_is_said_plainly(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(UserError, match="not a recordorg bundle"):
        run_verify(tmp_path / "folder")
