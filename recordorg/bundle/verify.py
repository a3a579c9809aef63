"""Verify a bundle against its manifest: every file present, unchanged, nothing extra, and
the manifest signed by the library that made it (and, when asked, by the expected one)."""

from __future__ import annotations

import hashlib
from collections.abc import Generator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from recordorg.bundle.names import manifest_name
from recordorg.bundle.signature import (
    BROKEN,
    SIGNATURE,
    SIGNED,
    UNSIGNED,
    SignatureCheck,
    check_signature,
    same_fingerprint,
)
from recordorg.bundle.source import FolderSource, ZipSource, open_bundle, read_manifest
from recordorg.core.progress import CancelToken, Progress, run_to_end

CHUNK = 1024 * 1024


@dataclass
class VerifyReport:
    """What verifying found, file by file, in words a clinician can act on."""

    bundle: str
    checked: int = 0
    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    cancelled: bool = False
    about: dict[str, Any] = field(default_factory=dict)
    signature: str = UNSIGNED  # SIGNED, BROKEN or UNSIGNED
    signer: str = ""  # the signing key's fingerprint
    expected: str = ""  # the fingerprint the bundle must be signed with ("" for any)

    @property
    def ok(self) -> bool:
        damaged = self.changed or self.missing or self.extra or self.cancelled
        return not (damaged or self.signature == BROKEN or self.unexpected_signer)

    @property
    def unexpected_signer(self) -> bool:
        """An expected signer was named, and the bundle is not validly signed by it."""
        if not self.expected:
            return False
        return self.signature != SIGNED or not same_fingerprint(self.expected, self.signer)

    def signature_words(self) -> str:
        """One line: who signed the bundle and whether the signature holds."""
        return SignatureCheck(self.signature, self.signer).words()

    def problems(self) -> list[str]:
        lines = [
            f"changed: {p} (its contents differ from when the bundle was made)"
            for p in self.changed
        ]
        lines += [f"missing: {p}" for p in self.missing]
        lines += [f"extra: {p} (not part of the bundle as it was made)" for p in self.extra]
        if self.cancelled:
            lines.append("verifying was stopped before every file was checked")
        if self.signature == BROKEN:
            lines.append(f"signature: {self.signature_words()}")
        if self.unexpected_signer:
            lines.append(
                f"signer: expected the key with fingerprint {self.expected}; "
                + (
                    f"signed with {self.signer}"
                    if self.signature == SIGNED
                    else "no valid signature"
                )
            )
        return lines

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(ok=self.ok, problems=self.problems(), signed_by=self.signature_words())
        return data


def _digest(source: FolderSource | ZipSource, name: str) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with source.open(name) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _signature(source: FolderSource | ZipSource, report: VerifyReport) -> None:
    present = source.names()
    manifest = source.read(manifest_name(present) or "")
    signature = source.read(SIGNATURE) if SIGNATURE in present else None
    checked = check_signature(manifest, signature)
    report.signature, report.signer = checked.status, checked.fingerprint


def verify_source(
    source: FolderSource | ZipSource,
    cancel: CancelToken | None = None,
    expect: str = "",
) -> Generator[Progress, None, VerifyReport]:
    """Check every file of an open bundle against its manifest, and the manifest against
    its signature (and `expect`, a signer's fingerprint, when given), yielding progress."""
    manifest = read_manifest(source)
    report = VerifyReport(source.name, about=manifest.about, expected=expect)
    _signature(source, report)
    present = set(source.names())
    listed = manifest.by_path()
    own = {manifest_name(present), SIGNATURE}
    report.extra = sorted((present - set(listed) - own) | set(source.not_files))
    total = len(manifest.files)
    for entry in manifest.files:
        if cancel is not None and cancel.cancelled:
            report.cancelled = True
            break
        if entry.path not in present:
            report.missing.append(entry.path)
            report.checked += 1
            continue
        if source.size(entry.path) != entry.size:
            report.changed.append(entry.path)
        else:
            sha, _ = _digest(source, entry.path)
            if sha != entry.sha256:
                report.changed.append(entry.path)
        report.checked += 1
        yield Progress(report.checked, total, entry.path)
    return report


def verify_bundle(
    path: Path,
    passphrase: str | None = None,
    cancel: CancelToken | None = None,
    expect: str = "",
) -> Generator[Progress, None, VerifyReport]:
    """Open a bundle folder or zip and verify it (see verify_source)."""
    source = open_bundle(path, passphrase)
    try:
        return (yield from verify_source(source, cancel, expect))
    finally:
        source.close()


def run_verify(path: Path, passphrase: str | None = None, expect: str = "") -> VerifyReport:
    """Verify without progress (for tests and small bundles)."""
    return run_to_end(verify_bundle(path, passphrase, expect=expect))
