"""Encrypted PDFs (RC4 and AES, with and without a password to open them) export plain and
de-identified; each locked one is a page in REVIEW.PDF saying so and where its file is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfWriter

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.library import Library
from recordorg.jobs.export import run_export
from recordorg.jobs.importer import import_paths
from recordorg.samples.documents import make_text_pdf

from .conftest import pdf_texts, run

PERSON = "Lena Example"
ALGORITHMS = ("RC4-40", "RC4-128", "AES-128", "AES-256")


def _encrypted_pdfs(folder: Path) -> dict[str, bool]:
    """A letter locked each way pypdf can lock it; the name and whether it needs a password."""
    folder.mkdir()
    made = {}
    for algorithm in ALGORITHMS:
        for password in ("", "secret"):
            name = f"{algorithm} {'password' if password else 'open'}"
            plain = make_text_pdf(
                folder / "plain.pdf", f"Letter {name}", [f"Body of the letter {name}."]
            )
            writer = PdfWriter(clone_from=plain)
            writer.encrypt(password, "owner", algorithm=algorithm)
            with open(folder / f"{name}.pdf", "wb") as out:
                writer.write(out)
            plain.unlink()
            made[name] = bool(password)
    return made


@pytest.fixture(scope="module")
def locked_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bool]]:
    folder = tmp_path_factory.mktemp("locked")
    made = _encrypted_pdfs(folder / "files")
    library = Library.open(folder / "library")
    try:
        report = run(import_paths(library, [folder / "files"], person=PERSON))
    finally:
        library.close()
    assert not report.failed and len(report.imported) == len(made), report.to_json()
    return folder / "library", made


def _export(root: Path, target: Path, deidentify: bool) -> list[str]:
    library = Library.open(root)
    try:
        plan = plan_bundle(
            library, person=PERSON, options=BundleOptions(made_by="Ana", deidentify=deidentify)
        )
        report = run_export(library, plan, target, today=date(2024, 9, 1))
    finally:
        library.close()
    assert not report.cancelled
    return pdf_texts(target / "REVIEW.PDF")


def _record_pages(texts: list[str], name: str) -> str:
    """The pages of the record made from `name` (titled by its file name when locked)."""
    texts = [t.replace("\r\n", "\n") for t in texts]
    return "\n".join(t for t in texts if f" {name}\n" in t or f"letter {name}." in t)


@pytest.mark.parametrize("deidentify", [False, True], ids=["plain", "deidentified"])
def test_every_encrypted_pdf_exports(locked_library, tmp_path: Path, deidentify: bool) -> None:
    root, made = locked_library
    texts = _export(root, tmp_path / "BUNDLE", deidentify)
    for name, needs_password in made.items():
        shown = _record_pages(texts, name)
        if not needs_password:  # opened with the empty password and copied in
            assert f"Body of the letter {name}." in shown, name
        elif deidentify:
            assert "not in the bundle" in shown and "locked by a password" in shown, shown
            assert "stays in the library" in shown.replace("\n", " ")
        else:
            assert "protected by a password" in shown, shown
            assert "Open it from the bundle: IHE_XDM/" in shown.replace("\n", " "), shown


def test_without_an_aes_library_locked_pdfs_get_a_page(
    locked_library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pypdf without `cryptography` cannot decrypt AES: the export says so on the record's
    page instead of stopping with a traceback."""
    import pypdf._encryption as encryption
    from pypdf._crypt_providers import _fallback

    for name in ("CryptAES", "aes_cbc_decrypt", "aes_ecb_decrypt"):
        if hasattr(encryption, name):
            monkeypatch.setattr(encryption, name, getattr(_fallback, name))
    root, made = locked_library
    texts = _export(root, tmp_path / "BUNDLE", deidentify=False)
    for name in made:
        if name.startswith("AES") and not made[name]:
            shown = _record_pages(texts, name).replace("\n", " ")
            assert "locked in a way this app cannot open" in shown, shown
            assert "Open it from the bundle: IHE_XDM/" in shown
