"""How the command line prints records, reports and a progress bar on a terminal."""

from __future__ import annotations

import json
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

from recordorg.core.catalogue.records import Record
from recordorg.core.progress import Progress, RemainingTime, time_left
from recordorg.core.wording import NO_DATE, describe_date_source, human_size
from recordorg.formats.name_claims import other_file_words

if TYPE_CHECKING:
    from recordorg.jobs.import_report import ImportReport


def print_json(data: Any) -> int:
    """Print what a command found as JSON (for `--json`); returns 0, the exit code."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
    return 0


def print_records(found: list[Record]) -> None:
    if not found:
        print("No records.")
        return
    print(f"{'ID':>6}  {'DATE':<10}  {'CATEGORY':<18}  {'KIND':<6}  TITLE")
    for r in found:
        person = f"  ({r.person})" if r.person else ""
        print(
            f"{r.id:>6}  {r.date_as_written or '-':<10}  {r.category_name[:18]:<18}  "
            f"{_kind_word(r):<6}  {r.title}{person}"
        )


def _kind_word(record: Record) -> str:
    """The kind as the window's badge says it: a text file kept as it is is "text"."""
    return other_file_words(record.mime)[0].lower() if record.kind == "other" else record.kind


def print_record(record: Record, pages: list[sqlite3.Row], *, show_text: bool) -> None:
    date = record.date_shown or NO_DATE
    source = f" ({describe_date_source(record.date_source, record.date_confirmed)})"
    rows = [
        ("Record", str(record.id)),
        ("Title", record.title),
        ("Person", record.person or "nobody yet"),
        ("Category", record.category_name),
        (
            "Kind",
            record.kind
            + (f" ({other_file_words(record.mime)[1].lower()})" * (record.kind == "other")),
        ),
        ("Clinical date", date + (source if record.date_source else "")),
        ("Tags", ", ".join(record.tags) or "-"),
        ("Notes", record.notes or "-"),
        (
            "Study label" if record.kind == "dicom" else "File",
            f"{record.original_name} ({human_size(record.size)})",
        ),
        ("From", record.original_path or "-"),
        ("SHA-256", record.sha256 or "-"),
        ("Imported", f"{record.imported_at} (batch {record.batch_id})"),
    ]
    if record.kind == "dicom":
        meta = record.meta
        rows += [
            ("Modality", ", ".join(meta.get("modalities", [])) or "-"),
            ("Body part", meta.get("body_part") or "-"),
            ("Institution", meta.get("institution") or "-"),
            ("Series", str(record.series_count)),
            ("Images", str(record.image_count)),
        ]
        if record.report_count:
            rows.append(
                (
                    "Reports",
                    f"{record.report_count} inside the study ({record.page_count} page(s) of text)",
                )
            )
    else:
        with_text = sum(1 for p in pages if p["text"].strip())
        rows.append(("Pages", f"{record.page_count} ({with_text} with text)"))
    if record.warnings:
        rows.append(("Note", record.warnings))
    for label, value in rows:
        print(f"{label + ':':<15}{value}")
    if show_text:
        for page in pages:
            print(f"\n--- page {page['number']} ({page['source']}) ---\n{page['text']}")


def print_import_report(report: ImportReport) -> None:
    c = report.counts()
    head = "Import stopped before the end. " if report.stopped else ""
    head = "Import cancelled. " if report.cancelled else head
    print(
        f"{head}Imported {c['imported']} file(s) into {c['records']} record(s); "
        f"{c['duplicates']} already in the library, {c['skipped']} skipped, "
        f"{c['failed']} failed."
    )
    for item in report.imported:
        if item.reason:
            print(f"  note       {item.path}: {item.reason}")
    for item in report.duplicates[:20]:
        print(f"  duplicate  {item.path}: {item.reason}")
    if len(report.duplicates) > 20:
        print(f"  … and {len(report.duplicates) - 20} more already in the library")
    for item in report.skipped:
        print(f"  skipped    {item.path}: {item.reason}")
    for item in report.failed:
        print(f"  FAILED     {item.path}: {item.reason}")


def progress_bar(
    stream: IO[str], clock: Callable[[], float] = time.monotonic
) -> Callable[[Progress | None], None]:
    """A one-line progress bar, redrawn at most ten times a second, with the time left once
    it can be estimated honestly (as the window's progress says it)."""
    last = [-1.0]
    remaining = RemainingTime(clock)

    def draw(step: Progress | None) -> None:
        width = shutil.get_terminal_size((80, 20)).columns
        if step is None:
            stream.write("\r" + " " * (width - 1) + "\r")
            stream.flush()
            return
        now = clock()
        left = remaining.seconds_left(step)
        if now - last[0] < 0.1 and step.done < step.total:
            return
        last[0] = now
        if step.total:
            bar_width = 30
            filled = int(bar_width * step.fraction)
            text = f"[{'#' * filled}{'.' * (bar_width - filled)}] {step.done}/{step.total} "
            text += f"· {time_left(left)} · " if left is not None else ""
        else:
            text = ""
        text += step.message or step.current
        stream.write("\r" + text[: width - 1].ljust(width - 1))
        stream.flush()

    return draw
