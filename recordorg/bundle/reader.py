"""Opening a bundle read-only: verified first, then its summary, records and files."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recordorg.bundle.case_file import CaseFileError, read_case_file
from recordorg.bundle.contents import made_sentence
from recordorg.bundle.names import CASE
from recordorg.bundle.source import FolderSource, ZipSource, open_bundle
from recordorg.bundle.verify import VerifyReport, verify_source
from recordorg.core.progress import CancelToken, Progress, run_to_end


@dataclass
class OpenedBundle:
    """A verified bundle: what its manifest says and where its files can be read."""

    path: Path
    report: VerifyReport
    about: dict[str, Any]
    folder: Path | None = None  # the files on disk (a zip is unpacked into a temporary one)
    _temporary: Path | None = field(default=None, repr=False)
    _scratch: Path | None = field(default=None, repr=False)

    @property
    def records(self) -> list[dict[str, Any]]:
        return list(self.about.get("records", []))

    @property
    def case(self) -> dict[str, Any]:
        return dict(self.about.get("case", {}))

    @property
    def question(self) -> str:
        """The question for the reviewer: the one given at export, else the case's own."""
        return str(self.about.get("question") or self.case.get("question") or "")

    def case_entries(self) -> list[dict[str, Any]]:
        """The case review the bundle carries as data (CASE.JSN), entry by entry; [] when it
        carries none, or when that file was changed since the bundle was made."""
        path = self.file(CASE)
        if path is None:
            return []
        try:
            return read_case_file(path.read_bytes())
        except CaseFileError:
            return []

    def file(self, relative: str) -> Path | None:
        """A bundle file on disk (None if it is not there or was changed)."""
        if self.folder is None or relative in self.report.changed:
            return None
        path = self.folder.joinpath(*relative.split("/"))
        if not path.is_file():  # a disc that shows its names in lower case
            path = self.folder.joinpath(*relative.lower().split("/"))
        return path if path.is_file() else None

    def scratch(self) -> Path:
        """A temporary folder for files made while viewing the bundle (removed on close)."""
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="recordorg-viewing-"))
        return self._scratch

    def close(self) -> None:
        for folder in (self._temporary, self._scratch):
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
        self._temporary = self._scratch = None

    def to_json(self) -> dict[str, Any]:
        return {"bundle": str(self.path), "verified": self.report.to_json(), "about": self.about}


def open_bundle_job(
    path: Path,
    passphrase: str | None = None,
    *,
    unpack: bool = False,
    cancel: CancelToken | None = None,
) -> Generator[Progress, None, OpenedBundle]:
    """Verify a bundle and read its manifest, yielding progress; with `unpack`, make its
    files readable on disk (a zip is unpacked, safely, into a temporary folder)."""
    source: FolderSource | ZipSource = open_bundle(path, passphrase)
    try:
        report = yield from verify_source(source, cancel)
        opened = OpenedBundle(Path(path), report, report.about)
        if isinstance(source, FolderSource):
            opened.folder = source.root
        elif unpack:
            temporary = Path(tempfile.mkdtemp(prefix="recordorg-bundle-"))
            opened._temporary = temporary
            names = source.names()
            try:
                for n, name in enumerate(source.zip.extract_all(temporary / "bundle"), 1):
                    yield Progress(n, len(names), name, "Unpacking the bundle…")
            except BaseException:
                opened.close()
                raise
            opened.folder = temporary / "bundle"
        return opened
    finally:
        source.close()


def read_bundle(
    path: Path,
    passphrase: str | None = None,
    *,
    run_job: Callable[..., Any] | None = None,
    quiet: bool = True,
    unpack: bool = False,
) -> OpenedBundle:
    """open_bundle_job, driven to its end (by `run_job`, e.g. the command line's)."""
    job = open_bundle_job(path, passphrase, unpack=unpack)
    if run_job is not None:
        return run_job(job, quiet=quiet)
    return run_to_end(job)


def made_line(about: dict) -> str:
    """When, by whom and with what an opened bundle says it was made, in words (no day when
    its dates were removed)."""
    return made_sentence(
        str(about.get("created") or "")[:10],
        str(about.get("made_by") or ""),
        str(about.get("application", "?")),
        str(about.get("version", "?")),
    )


def print_summary(opened: OpenedBundle) -> None:
    """The bundle's summary as plain text, verification first."""
    about, report = opened.about, opened.report
    if report.ok:
        print(f"Verified: all {report.checked} files are as they were made.")
    else:
        print("WARNING: this bundle is not as it was made:")
        for line in report.problems():
            print(f"  {line}")
    print(report.signature_words())
    print()
    print(f"Case review: {about.get('subject', '?')}")
    if opened.question:
        print(f"Question for the reviewer: {opened.question}")
    print(f"{made_line(about)}; {about.get('dates')}.")
    if about.get("contact"):
        print(f"Contact: {about['contact']}")
    for warning in about.get("warnings", []):
        print(f"Note: {warning}")
    _print_case(opened)
    print(f"\nRecords ({len(opened.records)}):")
    for record in opened.records:
        where = record.get("paths", [""])[0] if record.get("paths") else "-"
        print(
            f"  {record['number']:>3}. {record.get('date') or 'no date':<10}  "
            f"{record.get('category_name', '')[:24]:<24}  {record.get('title', '')}  [{where}]"
        )


def _print_case(opened: OpenedBundle) -> None:
    """The case summary's facts and checklist, and whether the case travels as data."""
    case = opened.case
    for title, key in (
        ("Diagnosis", "diagnoses"),
        ("Biomarkers", "biomarkers"),
        ("Treatment lines", "treatments"),
        ("Other facts", "other"),
    ):
        facts = case.get(key) or []
        if facts:
            print(f"\n{title}:")
            for fact in facts:
                mark = "" if fact.get("confirmed") else " [unconfirmed]"
                when = f" ({fact['date']})" if fact.get("date") else ""
                print(f"  - {fact.get('text')}{when}{mark}")
    entries = opened.case_entries()
    if entries:
        print(f"\nThe case review travels as data too ({len(entries)} entries): importing the")
        print("bundle (recordorg import BUNDLE) brings it back into a library.")
    if case.get("checklist"):
        print("\nChecklist:")
        for row in case["checklist"]:
            print(f"  [{row['status']:>7}] {row['title']}: {row['detail']}")
