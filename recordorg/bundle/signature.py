"""Signing a bundle's manifest with the library's own key (Ed25519), and checking a signature.

The key pair is made for a library on its first export and kept in the library folder; the
private key never leaves it. The signature file (MANIFEST.SIG) carries the public key, so
anyone can check that the manifest is the one the key signed; who holds the key is told by
its fingerprint, which the family gives the reviewer another way (and `verify --expect`
compares).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from recordorg.bundle.names import SIGNATURE  # noqa: F401 (its file, named once there)
from recordorg.core.errors import UserError

KEY_FILE = "bundle-signing-key.pem"
FORMAT_LINE = "recordorg bundle signature 1"

SIGNED = "signed"  # the signature holds
BROKEN = "broken"  # a signature is there, but not of this manifest (or unreadable)
UNSIGNED = "unsigned"


def fingerprint_of(public: Ed25519PublicKey) -> str:
    """The key's fingerprint: the first 20 bytes of the SHA-256 of the raw public key, in
    five groups of eight hex digits (short enough to read out over the phone)."""
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digits = hashlib.sha256(raw).hexdigest()[:40].upper()
    return " ".join(digits[i : i + 8] for i in range(0, 40, 8))


def same_fingerprint(given: str, fingerprint: str) -> bool:
    """True when `given` names `fingerprint`, however it was typed (spaces, dashes, case)."""
    return re.sub(r"[^0-9A-Fa-f]", "", given).upper() == fingerprint.replace(" ", "")


@dataclass(frozen=True)
class SigningKey:
    """A library's signing key (the private half stays in the library folder)."""

    private: Ed25519PrivateKey

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.private.public_key())

    def signature_file(self, manifest: bytes) -> bytes:
        """MANIFEST.SIG for these manifest bytes: the public key and the signature."""
        public = self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        lines = [
            FORMAT_LINE,
            f"fingerprint: {self.fingerprint}",
            f"public-key: {base64.b64encode(public).decode()}",
            f"signature: {base64.b64encode(self.private.sign(manifest)).decode()}",
            "",
        ]
        return "\r\n".join(lines).encode("ascii")


def library_key(library_folder: Path) -> SigningKey:
    """The library's signing key, made (and kept, readable by its owner only) the first time."""
    path = Path(library_folder) / KEY_FILE
    if not path.exists():
        _make_key(path)
    try:
        private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as error:
        raise UserError(
            f"The library's signing key ({path}) cannot be read; bundles cannot be signed."
        ) from error
    if not isinstance(private, Ed25519PrivateKey):
        raise UserError(f"{path} is not a recordorg signing key.")
    return SigningKey(private)


def _make_key(path: Path) -> None:
    """Write a new key without ever replacing one (two first exports at once keep one)."""
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(partial, path)  # fails if another export made the key first
        except FileExistsError:
            pass
    finally:
        partial.unlink(missing_ok=True)


@dataclass(frozen=True)
class SignatureCheck:
    """What the signature of a bundle says: SIGNED, BROKEN or UNSIGNED, and by which key."""

    status: str
    fingerprint: str = ""

    def words(self) -> str:
        """One line for a person: who signed, and whether the signature holds."""
        if self.status == SIGNED:
            return (
                f"Signed by the recordorg library with key fingerprint {self.fingerprint}; "
                "the signature holds (the bundle is as that library made it)."
            )
        if self.status == BROKEN:
            who = f" (key fingerprint {self.fingerprint})" if self.fingerprint else ""
            return (
                f"The signature{who} does NOT match the manifest: the bundle was changed "
                "after it was signed."
            )
        return "Not signed: who made this bundle cannot be checked."


def check_signature(manifest: bytes, signature_file: bytes | None) -> SignatureCheck:
    """Check MANIFEST.SIG (None when the bundle has none) against the manifest's bytes."""
    if signature_file is None:
        return SignatureCheck(UNSIGNED)
    fields: dict[str, str] = {}
    lines = signature_file.decode("ascii", "replace").splitlines()
    for line in lines[1:]:
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    try:
        if not lines or lines[0].strip() != FORMAT_LINE:
            raise ValueError("not a recordorg signature")
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(fields["public-key"]))
        signature = base64.b64decode(fields["signature"], validate=True)
    except (KeyError, ValueError):
        return SignatureCheck(BROKEN)
    fingerprint = fingerprint_of(public)
    try:
        public.verify(signature, manifest)
    except InvalidSignature:
        return SignatureCheck(BROKEN, fingerprint)
    return SignatureCheck(SIGNED, fingerprint)
