"""Evaluation: importing, viewing and exporting DICOM files written by other vendors and tools.

Run: python3 benchmarks/eval_dicom_elsewhere.py [--folder-only] [--no-checkers] [-v]

The files are the test files pydicom installs (its data/test_files folder and the discs under
it, listed from the folder: never get_testdata_files('*'), which tries to download): big and
little endian, implicit and explicit VR, deflated, JPEG baseline, extended, lossless, 2000 and
LS, RLE, palette colour, YBR, multi-frame, ultrasound, RT, SR and waveform objects, private
tags, odd character sets, and deliberately broken files. pydicom ships one image in many
encodings under the same SOP Instance UID, which the library rightly keeps once; so the files
are imported in rounds, no two files of a round sharing a SOP Instance UID, each round into a
fresh library, so that every encoding is imported, viewed and exported in its own right.

Each round is copied into a temporary folder as it lies, and again as a disc (DICOM/ with a
DICOMDIR written by the project's own writer, bundle/dicomdir_writer.py) made of the files
that have the PS3.10 header and the UIDs a DICOMDIR needs. Each is imported as `recordorg
import` does; one frame of each series of each study (the middle one, which the viewer opens
on) is read, windowed and made displayable as the window's DICOM viewer does
(formats/dicom_pixels: load_frame, default_window, to_display); every person's records are
exported as a bundle as `recordorg export --person` does; and each exported DICOM file and
each DICOMDIR is checked with dcmtk's dcmftest and dcmdump and dicom3tools' dciodvfy, where
installed, next to the same checks on the file it came from: an error the source file
already had is not the export's fault, and is counted apart from the errors the export made.

It prints one row per file (how it was imported, whether its frame was shown, the checkers'
errors before and after export) and totals: files imported as images, as other records,
refused (grouped by reason), bugs (a crash, a reader stopped or timed out, "Something went
wrong"), frames shown and not (and of those, how many pydicom itself decodes: each is a bug),
and the checkers' errors. -v prints the checkers' messages the export added.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pydicom  # noqa: E402
import pydicom.data  # noqa: E402

SOURCE = Path(pydicom.data.__file__).parent / "test_files"
BUG_WORDS = ("Something went wrong", "stopped the reader unexpectedly", "took too long")
CHECKERS = ("dcmftest", "dcmdump", "dciodvfy")


@dataclass
class Outcome:
    """What became of one source file in one way of importing it (folder or disc)."""

    imported: str = ""  # "image", "other", "refused", "duplicate", "skipped", "not on disc"
    reason: str = ""
    frames: list[tuple[bool, str, bool]] = field(default_factory=list)  # shown, why not, pydicom
    before: dict[str, set[str]] = field(default_factory=dict)  # checker -> its errors
    after: dict[str, set[str]] = field(default_factory=dict)

    @property
    def bug(self) -> bool:
        return any(self.reason.startswith(w) or w in self.reason for w in BUG_WORDS)


# ---------------------------------------------------------------- the files and the rounds


def source_files() -> list[Path]:
    """Every file pydicom installs for its tests, relative to its test_files folder."""
    found = []
    for folder, _dirs, names in os.walk(SOURCE):
        found += [(Path(folder) / n).relative_to(SOURCE) for n in names]
    return sorted(found)


def header(path: Path) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pydicom.dcmread(path, stop_before_pixels=True, force=True)
    except Exception:
        return None


def sop_uid(path: Path) -> str:
    ds = header(path)
    return str(ds.get("SOPInstanceUID", "") or "") if ds is not None else ""


def rounds(files: list[Path]) -> list[list[Path]]:
    """The files in rounds, no two files of a round sharing a SOP Instance UID."""
    out: list[list[Path]] = []
    seen: list[set[str]] = []
    for rel in files:
        uid = sop_uid(SOURCE / rel)
        number = next((n for n, uids in enumerate(seen) if not uid or uid not in uids), None)
        if number is None:
            out.append([])
            seen.append(set())
            number = len(out) - 1
        out[number].append(rel)
        if uid:
            seen[number].add(uid)
    return out


def copy_folder(files: list[Path], target: Path) -> dict[str, Path]:
    """The files copied as they lie; returns copied path -> source file."""
    names = {}
    for rel in files:
        (target / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCE / rel, target / rel)
        names[str(target / rel)] = rel
    return names


def make_disc(files: list[Path], target: Path) -> tuple[dict[str, Path], str]:
    """The files with a PS3.10 header and a DICOMDIR's UIDs, as a disc: DICOM/Innnnnnn and a
    DICOMDIR by the project's writer. Returns copied path -> source file, and a note."""
    from recordorg.bundle.dicom_media import is_part10, media_instance
    from recordorg.bundle.dicomdir_writer import write_dicomdir

    names, instances = {}, []
    (target / "DICOM").mkdir(parents=True)
    for rel in files:
        path = SOURCE / rel
        ds = header(path)
        if rel.name.startswith("DICOMDIR") or ds is None or not is_part10(path.read_bytes()[:132]):
            continue
        if not all(ds.get(k) for k in ("SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID")):
            continue
        file_id = ["DICOM", f"I{len(instances) + 1:07d}"]
        try:
            instances.append(media_instance(ds, file_id))
        except Exception as error:
            print(f"  {rel}: left off the disc ({type(error).__name__}: {error})")
            continue
        shutil.copyfile(path, target.joinpath(*file_id))
        names[str(target.joinpath(*file_id))] = rel
    try:
        write_dicomdir(target / "DICOMDIR", instances)
    except Exception as error:
        return names, f"no DICOMDIR ({type(error).__name__}: {error}); imported as a folder"
    return names, ""


# ---------------------------------------------------------------- importing and viewing


def import_folder(folder: Path, library_root: Path, names: dict[str, Path]) -> tuple[Any, dict]:
    """Import as `recordorg import` does; returns the library and source file -> Outcome."""
    from recordorg.cli.progress import run_cancellable
    from recordorg.core.catalogue.library import Library
    from recordorg.jobs.bundle_import import import_paths_and_bundles

    library = Library.open(library_root)
    outcomes: dict[Path, Outcome] = defaultdict(Outcome)
    try:
        report = run_cancellable(
            lambda cancel: import_paths_and_bundles(library, [folder], cancel=cancel), quiet=True
        )
    except Exception as error:  # the whole import broke: every file of the round is a bug
        for rel in names.values():
            outcomes[rel] = Outcome(
                "refused", f"Something went wrong: the import crashed ({error})"
            )
        return library, outcomes
    conn = library.connection()
    for group, items in (
        ("refused", report.failed),
        ("duplicate", report.duplicates),
        ("skipped", report.skipped),
        ("imported", report.imported),
    ):
        for item in items:
            rel = names.get(item.path) or Path(item.path)
            kind = group
            if group == "imported":
                kind = imported_as(conn, item.record_id, SOURCE / rel)
            outcomes[rel] = Outcome(kind, item.reason)
    for rel in names.values():
        outcomes.setdefault(rel, Outcome("not reported", ""))
    return library, outcomes


def imported_as(conn: Any, record_id: int | None, source: Path) -> str:
    """ "image" for a picture or a DICOM image with pixels; "other" for any other record."""
    row = conn.execute("SELECT kind FROM records WHERE id = ?", (record_id,)).fetchone()
    if row is None:
        return "other"
    if row["kind"] == "dicom":
        pixels = conn.execute(
            "SELECT rows FROM dicom_instances WHERE sop_instance_uid = ?", (sop_uid(source),)
        ).fetchone()
        return "image" if pixels and pixels["rows"] else "other"
    return "image" if row["kind"] == "image" else "other"


def pydicom_decodes(path: Path, frame: int) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from pydicom.pixels import pixel_array

            pixel_array(str(path), index=frame)
        return True
    except Exception:
        return False


def view_frame(path: Path, frame: int) -> str:
    """Show a frame as the DICOM viewer does; "" when shown, else why not."""
    from recordorg.formats.dicom_pixels import default_window, load_frame, to_display
    from recordorg.formats.extracted import UnreadableFile

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = pydicom.dcmread(path, force=True)
            array = load_frame(ds, frame)
            center, width = default_window(ds, array)
            shown = to_display(array, center, width, str(ds.get("PhotometricInterpretation", "")))
        if shown.dtype.name != "uint8" or shown.size == 0:
            return f"Something went wrong: not a picture ({shown.dtype}, {shown.shape})"
        return ""
    except UnreadableFile as error:
        return str(error)
    except Exception as error:
        return f"Something went wrong: {type(error).__name__}: {error}"


def view_studies(library: Any, outcomes: dict[Path, Outcome], names: dict[str, Path]) -> None:
    """The middle frame of every series of every study, as the viewer opens it."""
    from recordorg.core.catalogue.studies import study_series

    conn = library.connection()
    where = {
        r["sha256"]: r["original_path"]
        for r in conn.execute("SELECT sha256, original_path FROM dicom_instances")
    }
    for (record_id,) in conn.execute("SELECT id FROM records WHERE kind = 'dicom'").fetchall():
        for series in study_series(conn, record_id):
            frames = series.frames()
            sha, index = frames[len(frames) // 2]
            path = library.original_path(sha)
            why = view_frame(path, index)
            rel = source_of(where.get(sha, ""), names)
            outcomes[rel].frames.append((not why, why, bool(why) and pydicom_decodes(path, index)))


def source_of(original: str, names: dict[str, Path]) -> Path:
    if original in names:
        return names[original]
    return next(
        (rel for copy, rel in names.items() if copy.endswith("/" + original)), Path(original)
    )


# ---------------------------------------------------------------- exporting and checking


def checker_errors(path: Path) -> dict[str, set[str]]:
    """Each installed checker's errors about one file, as messages without the file's name."""
    found: dict[str, set[str]] = {}
    for tool in CHECKERS:
        if shutil.which(tool) is None:
            continue
        run = subprocess.run([tool, str(path)], capture_output=True, text=True, errors="replace")
        text = (run.stdout + run.stderr).replace(str(path), "FILE")
        if tool == "dcmftest":
            errors = {"not a PS3.10 file"} if not text.startswith("yes") else set()
        elif tool == "dcmdump":
            errors = {line for line in text.splitlines() if line.startswith(("E:", "F:"))}
            if run.returncode:
                errors.add(f"exit status {run.returncode}")
        else:
            errors = {line.strip() for line in text.splitlines() if line.startswith("Error")}
        found[tool] = {re.sub(r"\s+", " ", e) for e in errors}
    return found


def export_everyone(library: Any, target: Path) -> tuple[list[Path], list[str], list[str]]:
    """One bundle per person (and one of the records filed under no one), as `recordorg export
    --person NAME --allow-other-patients` does; returns the bundles, the exports refused or
    gone wrong, and the notes the exports gave the user."""
    from recordorg.bundle.plan import BundleOptions, plan_bundle
    from recordorg.cli.progress import run_cancellable
    from recordorg.core.errors import UserError
    from recordorg.jobs.export import export_bundle

    conn = library.connection()
    groups: dict[Any, list[int]] = defaultdict(list)
    for row in conn.execute("SELECT id, person_id FROM records ORDER BY id"):
        groups[row["person_id"]].append(row["id"])
    bundles, bugs, notes = [], [], []
    target.mkdir(parents=True)
    for number, ids in enumerate(groups.values(), 1):
        out = target / f"bundle-{number:02d}"
        try:
            plan = plan_bundle(library, ids=ids, options=BundleOptions())
            done = run_cancellable(
                lambda c, p=plan, o=out: export_bundle(library, p, o, cancel=c), quiet=True
            )
            bundles.append(out)
            notes += done.warnings + done.dicomdir_notes
        except UserError as error:
            bugs.append(f"Export of records {ids} refused: {error}")
        except Exception as error:
            bugs.append(
                f"Something went wrong exporting records {ids}: {type(error).__name__}: {error}"
            )
    return bundles, bugs, notes


def check_exports(bundles: list[Path], outcomes: dict[Path, Outcome], by_uid: dict[str, Path]):
    """Check every exported DICOM file next to its source; returns the DICOMDIRs' errors by
    checker, those a source file in the bundle already had under "(as in a source)"."""
    dicomdirs: dict[str, set[str]] = defaultdict(set)
    for bundle in bundles:
        sources: dict[str, set[str]] = defaultdict(set)
        for path in sorted((bundle / "DICOM").rglob("*")) if (bundle / "DICOM").is_dir() else []:
            rel = by_uid.get(sop_uid(path)) if path.is_file() else None
            if rel is None:
                continue
            outcome = outcomes[rel]
            outcome.before = checker_errors(SOURCE / rel)
            outcome.after = checker_errors(path)
            for tool, errors in outcome.before.items():
                sources[tool] |= errors
        if (bundle / "DICOMDIR").exists():
            for tool, errors in checker_errors(bundle / "DICOMDIR").items():
                dicomdirs[tool] |= errors - sources[tool]
                dicomdirs[f"{tool} (as in a source)"] |= errors & sources[tool]
    return dicomdirs


# ---------------------------------------------------------------- one way of importing


def run_round(files: list[Path], work: Path, disc: bool, checkers: bool) -> tuple[dict, dict, list]:
    """One round imported, viewed, exported and checked; returns source file -> Outcome, the
    bundles' DICOMDIR errors by checker, and the exports that were refused or broke."""
    copy = work / ("disc" if disc else "folder")
    names, note = make_disc(files, copy) if disc else (copy_folder(files, copy), "")
    if disc:
        names[str(copy / "DICOMDIR")] = Path("(the disc's own DICOMDIR)")
    library, outcomes = import_folder(copy, work / ("library-disc" if disc else "library"), names)
    problems = [note] if note else []
    if disc:
        for rel in files:
            outcomes.setdefault(rel, Outcome("not on disc"))
    view_studies(library, outcomes, names)
    dicomdirs: dict[str, set[str]] = {}
    if checkers:
        exports = work / ("export-disc" if disc else "export")
        bundles, failed, notes = export_everyone(library, exports)
        problems += failed + [f"note: {n}" for n in notes]
        by_uid = {sop_uid(SOURCE / rel): rel for rel in files}
        by_uid.pop("", None)
        dicomdirs = check_exports(bundles, outcomes, by_uid)
    library.close()
    return outcomes, dicomdirs, problems


def errors_of(checks: dict[str, set[str]]) -> int:
    return sum(len(v) for v in checks.values())


READ_FAILED = "Error - Dicom dataset read failed"  # dciodvfy cannot read it (deflated data)


def added_by_export(outcome: Outcome) -> dict[str, set[str]]:
    """The errors an exported file has that its source file did not; none counted where the
    checker could not read the source at all (what it then finds was there before)."""
    return {
        tool: set()
        if READ_FAILED in outcome.before.get(tool, ())
        else errors - outcome.before[tool]
        for tool, errors in outcome.after.items()
    }


def row(rel: Path, o: Outcome) -> str:
    shown = "" if not o.frames else f"{sum(f[0] for f in o.frames)}/{len(o.frames)}"
    checks = ""
    if o.after:
        checks = (
            f"{errors_of(o.before):3d} {errors_of(o.after):3d} {errors_of(added_by_export(o)):3d}"
        )
    said = o.reason if o.imported not in ("image", "other") else ""
    said = said or next((f[1] for f in o.frames if not f[0]), "")
    return f"{str(rel)[:52]:52} {o.imported:11} {shown:5} {checks:11} {said[:70]}"


def report_import(outcomes: dict[Path, Outcome]) -> dict[str, int]:
    """How the files were imported, and how their frames were shown."""
    kinds = Counter(o.imported for o in outcomes.values())
    frames = [f for o in outcomes.values() for f in o.frames]
    failed = [f for f in frames if not f[0]]
    bugs = [rel for rel, o in outcomes.items() if o.bug]
    frame_bugs = [
        rel
        for rel, o in outcomes.items()
        if any(not f[0] and (f[2] or "went wrong" in f[1]) for f in o.frames)
    ]
    print(f"  files: {len(outcomes)}")
    print(f"  imported as images:        {kinds['image']}")
    print(f"  imported as other records: {kinds['other']}")
    print(f"  skipped (disc support files, DICOMDIRs): {kinds['skipped']}")
    print(f"  the same file or a damaged copy of one already imported: {kinds['duplicate']}")
    if kinds["not on disc"]:
        print(f"  not put on the disc (no PS3.10 header or UIDs): {kinds['not on disc']}")
    refused = Counter(o.reason for o in outcomes.values() if o.imported == "refused" and not o.bug)
    print(f"  refused: {sum(refused.values())}")
    for reason, count in refused.most_common():
        print(f"    {count:3d}  {reason}")
    print(f"  bugs at import (crash, stopped reader, 'Something went wrong'): {len(bugs)}")
    for rel in bugs:
        print(f"    {rel}: {outcomes[rel].reason}")
    print(f"  frames shown as the viewer shows them: {len(frames) - len(failed)}/{len(frames)}")
    for reason, count in Counter(f[1] for f in failed).most_common():
        print(f"    not shown {count:3d}  {reason[:110]}")
    print(f"  frames not shown that pydicom decodes, or that crashed (bugs): {len(frame_bugs)}")
    for rel in frame_bugs:
        print(f"    {rel}")
    return {"import bugs": len(bugs), "frame bugs": len(frame_bugs)}


def report_export(
    outcomes: dict[Path, Outcome], dicomdirs: dict, problems: list[str], verbose: bool
) -> dict[str, int]:
    """The checkers' errors in the exported files, apart from those their sources had."""
    checked = [o for o in outcomes.values() if o.after]
    added = sum(errors_of(added_by_export(o)) for o in checked)
    if checked:
        before = sum(errors_of(o.before) for o in checked)
        after = sum(errors_of(o.after) for o in checked)
        print(f"  exported DICOM files checked: {len(checked)} ({', '.join(checked[0].after)})")
        print(f"    errors in the source files: {before}; in the exported files: {after}")
        unread = sum(any(READ_FAILED in e for e in o.before.values()) for o in checked)
        print(f"    errors the export added (not in its source file): {added}")
        print(f"      (not compared: {unread} source file(s) a checker could not read)")
        for tool in CHECKERS:
            count = sum(len(added_by_export(o).get(tool, ())) for o in checked)
            print(f"      {tool:9} {count}")
        for tool, errors in sorted(dicomdirs.items()):
            print(f"    the bundles' DICOMDIRs, {tool}: {len(errors)} different error(s)")
            for error in sorted(errors) if verbose else []:
                print(f"      {error[:150]}")
        for rel, o in outcomes.items() if verbose else ():
            for tool, errors in added_by_export(o).items():
                for error in sorted(errors):
                    print(f"    {rel} {tool}: {error[:150]}")
    notes = Counter(p.split(": ", 2)[-1] for p in problems if p.split(": ", 2)[1:2] == ["note"])
    problems = [p for p in problems if p.split(": ", 2)[1:2] != ["note"]]
    print(f"  notes the exports gave the user: {sum(notes.values())}")
    for note, count in notes.most_common():
        print(f"    {count:3d}  {note[:150]}")
    export_bugs = [p for p in problems if any(w in p for w in BUG_WORDS)]
    print(f"  exports refused or not made: {len(problems) - len(export_bugs)}")
    for problem in (p for p in problems if p not in export_bugs):
        print(f"    {problem[:150]}")
    print(f"  exports that went wrong (bugs): {len(export_bugs)}")
    for problem in export_bugs:
        print(f"    {problem[:150]}")
    return {"export bugs": len(export_bugs), "errors the export added": added}


def table(outcomes: dict[Path, Outcome]) -> None:
    print(f"{'file':52} {'import':11} {'shown':5} {'err b/a/new':11} why not")
    for rel in sorted(outcomes):
        print(row(rel, outcomes[rel]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder-only", action="store_true", help="do not also import a disc")
    parser.add_argument("--no-checkers", action="store_true", help="import and view; no export")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the export's errors")
    args = parser.parse_args()
    started = time.monotonic()
    files = source_files()
    batches = rounds(files)
    print(f"pydicom {pydicom.__version__}: {len(files)} test files, in {len(batches)} rounds")
    checkers = not args.no_checkers
    missing = [t for t in CHECKERS if shutil.which(t) is None]
    if checkers and missing:
        print(f"  not installed, so not run: {', '.join(missing)} (Debian: dcmtk, dicom3tools)")
    totals = {}
    folder: dict[Path, Outcome] = {}
    with tempfile.TemporaryDirectory(prefix="recordorg-eval-") as temp:
        for disc in (False,) if args.folder_only else (False, True):
            outcomes: dict[Path, Outcome] = {}
            dicomdirs: dict[str, set[str]] = defaultdict(set)
            problems: list[str] = []
            for number, batch in enumerate(batches, 1):
                work = Path(temp) / f"round-{number:02d}"
                found, dirs, said = run_round(batch, work, disc, checkers)
                problems += [f"round {number}: {p}" for p in said]
                outcomes.update(found)
                for tool, errors in dirs.items():
                    dicomdirs[tool] |= errors
            title = "as a disc with a DICOMDIR" if disc else "as a folder"
            if not disc:
                table(outcomes)
            else:
                changed = [
                    r
                    for r, o in outcomes.items()
                    if o.imported != "not on disc" and row(r, o) != row(r, folder.get(r, Outcome()))
                ]
                print(f"\nfiles whose outcome differs on the disc: {len(changed)}")
                for rel in changed:
                    print(row(rel, outcomes[rel]))
            print(f"\n{title}")
            totals[title] = report_import(outcomes)
            if checkers:
                totals[title].update(report_export(outcomes, dicomdirs, problems, args.verbose))
            folder = folder or outcomes
    print("\ntotals: " + "; ".join(f"{t}: {v}" for t, v in totals.items()))
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
