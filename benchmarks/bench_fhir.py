"""Benchmark: importing FHIR R4 health records (../shared/corpora/fhir-r4/) and a synthetic
5,000-resource bundle.

Imports every patient's bundle into an empty library (each must import without an error),
prints the resources read by kind, per kind of coded fact how many were read and how many
the case review was offered, the suggestions stored, and then the time to import one bundle
of 5,000 resources (target: 10 s or less).

Run: python3 benchmarks/bench_fhir.py [--corpus PATH] [--resources N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_ccda import _proposed as proposed_by_kind
from recordorg.core.case.suggest import suggest
from recordorg.core.case.suggest_coded import count_coded
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import run_to_end
from recordorg.jobs.importer import import_paths
from tests.samplemakers.fhir import long_history, write_bundle

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/fhir-r4"
TARGET_SECONDS = 10.0


def corpus(folder: Path) -> int:
    files = sorted(folder.glob("*.json"))
    if not files:
        print(f"no FHIR files under {folder}")
        return 1
    with tempfile.TemporaryDirectory() as temp:
        library = Library.open(Path(temp) / "library")
        started = time.perf_counter()
        report = run_to_end(import_paths(library, files))
        took = time.perf_counter() - started
        conn = library.connection()
        rows = conn.execute(
            "SELECT r.id, r.meta, r.clinical_date, c.slug FROM records r JOIN categories c "
            "ON c.id = r.category_id WHERE r.mime = 'application/fhir+json'"
        ).fetchall()
        resources: Counter[str] = Counter()
        for row in rows:
            resources.update(json.loads(row["meta"]).get("resources") or {})
        read, proposed = count_coded(rows), proposed_by_kind(rows)
        added = suggest(conn).added
        stored = Counter(
            r[0]
            for r in conn.execute(
                f"SELECT kind FROM case_entries WHERE id IN ({','.join(map(str, added)) or 'NULL'})"
            )
        )
        library.close()
    print(f"{len(files)} patients: {len(report.imported)} imported, {len(report.failed)} failed "
          f"in {took:.1f} s")  # fmt: skip
    for failed in report.failed:
        print(f"  FAILED {failed.path}: {failed.reason}")
    print(f"\n{'resource kind':<28}{'read':>6}")
    for kind, count in resources.most_common():
        print(f"{kind:<28}{count:>6}")
    print(f"\n{'coded fact':<14}{'read':>6}{'proposed':>10}")
    for kind in sorted(read):
        print(f"{kind:<14}{read[kind]:>6}{proposed[kind]:>10}")
    print("\nsuggestions stored:")
    for kind, count in sorted(stored.items()):
        print(f"  {kind:<16}{count:>4}")
    return 1 if report.failed else 0


def large_bundle(count: int) -> int:
    with tempfile.TemporaryDirectory() as temp:
        path = write_bundle(Path(temp) / "history.json", long_history(count), "searchset")
        library = Library.open(Path(temp) / "library")
        started = time.perf_counter()
        report = run_to_end(import_paths(library, [path]))
        took = time.perf_counter() - started
        pages = library.connection().execute("SELECT count(*) FROM pages").fetchone()[0]
        library.close()
    verdict = "within" if took <= TARGET_SECONDS else "OVER"
    size = path.stat().st_size if path.exists() else 0
    print(f"\none bundle of {count} resources{f' ({size} bytes)' if size else ''}: "
          f"{len(report.imported)} record(s), {pages} pages, imported in {took:.2f} s "
          f"({verdict} the {TARGET_SECONDS:.0f} s target)")  # fmt: skip
    return 0 if not report.failed and took <= TARGET_SECONDS else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--resources", type=int, default=5000)
    args = parser.parse_args()
    return corpus(args.corpus) | large_bundle(args.resources)


if __name__ == "__main__":
    sys.exit(main())
