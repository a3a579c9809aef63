"""Opening a bundle read-only: verified first, then its summary, records and files."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recordorg.bundle.source import FolderSource, ZipSource, open_bundle
from recordorg.bundle.verify import VerifyReport, verify_source


@dataclass
class OpenedBundle:
    """A verified bundle: what its manifest says and where its files can be read."""

    path: Path
    report: VerifyReport
    about: dict[str, Any]
    folder: Path | None = None  # the files on disk (a zip is unpacked into a temporary one)
    _temporary: Path | None = field(default=None, repr=False)

    @property
    def records(self) -> list[dict[str, Any]]:
        return list(self.about.get("records", []))

    @property
    def case(self) -> dict[str, Any]:
        return dict(self.about.get("case", {}))

    def file(self, relative: str) -> Path | None:
        """A bundle file on disk (None if it is not there or was changed)."""
        if self.folder is None or relative in self.report.changed:
            return None
        path = self.folder.joinpath(*relative.split("/"))
        return path if path.is_file() else None

    def close(self) -> None:
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)
            self._temporary = None

    def to_json(self) -> dict[str, Any]:
        return {"bundle": str(self.path), "verified": self.report.to_json(),
                "about": self.about}


def read_bundle(path: Path, passphrase: str | None = None, *,
                run_job: Callable[..., Any] | None = None, quiet: bool = True,
                unpack: bool = False) -> OpenedBundle:
    """Verify a bundle and read its manifest; with `unpack`, make its files readable on
    disk (a zip is unpacked, safely, into a temporary folder)."""
    source: FolderSource | ZipSource = open_bundle(path, passphrase)
    try:
        job = verify_source(source)
        if run_job is not None:
            report = run_job(job, quiet=quiet)
        else:
            while True:
                try:
                    next(job)
                except StopIteration as stop:
                    report = stop.value
                    break
        opened = OpenedBundle(Path(path), report, report.about)
        if isinstance(source, FolderSource):
            opened.folder = source.root
        elif unpack:
            temporary = Path(tempfile.mkdtemp(prefix="recordorg-bundle-"))
            for _name in source.zip.extract_all(temporary / "bundle"):
                pass
            opened.folder, opened._temporary = temporary / "bundle", temporary
        return opened
    finally:
        source.close()


def print_summary(opened: OpenedBundle) -> None:
    """The bundle's summary as plain text, verification first."""
    about, report = opened.about, opened.report
    if report.ok:
        print(f"Verified: all {report.checked} files are as they were made.")
    else:
        print("WARNING: this bundle is not as it was made:")
        for line in report.problems():
            print(f"  {line}")
    print()
    print(f"Case review: {about.get('subject', '?')}")
    made_by = f" by {about['made_by']}" if about.get("made_by") else ""
    print(f"Made {str(about.get('created', ''))[:10]}{made_by} with "
          f"{about.get('application', '?')} {about.get('version', '?')}; {about.get('dates')}.")
    for key, label in (("question", "Question"), ("contact", "Contact")):
        if about.get(key):
            print(f"{label}: {about[key]}")
    for warning in about.get("warnings", []):
        print(f"Note: {warning}")
    case = opened.case
    for title, key in (("Diagnosis", "diagnoses"), ("Biomarkers", "biomarkers"),
                       ("Treatment lines", "treatments"), ("Other facts", "other")):
        facts = case.get(key) or []
        if facts:
            print(f"\n{title}:")
            for fact in facts:
                mark = "" if fact.get("confirmed") else " [unconfirmed]"
                when = f" ({fact['date']})" if fact.get("date") else ""
                print(f"  - {fact.get('text')}{when}{mark}")
    if case.get("checklist"):
        print("\nChecklist:")
        for row in case["checklist"]:
            print(f"  [{row['status']:>7}] {row['title']}: {row['detail']}")
    print(f"\nRecords ({len(opened.records)}):")
    for record in opened.records:
        where = record.get("paths", [""])[0] if record.get("paths") else "-"
        print(f"  {record['number']:>3}. {record.get('date') or 'no date':<10}  "
              f"{record.get('category_name', '')[:24]:<24}  {record.get('title', '')}  [{where}]")
