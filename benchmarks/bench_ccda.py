"""Benchmark: importing the HL7 C-CDA examples (../shared/corpora/hl7-ccda-examples/).

Imports every document under `Documents/` into an empty library (each must import without
an error), then prints per kind of coded entry how many were read, how many the case review
was offered (proposals before merging) and how many suggestions were stored, and the time.

Run: python3 benchmarks/bench_ccda.py [--corpus PATH]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recordorg.core.case.suggest import suggest
from recordorg.core.case.suggest_coded import count_coded, entry_proposals
from recordorg.core.catalogue.library import Library
from recordorg.core.progress import run_to_end
from recordorg.jobs.importer import import_paths

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpora/hl7-ccda-examples"


def _documents(corpus: Path) -> list[Path]:
    return sorted(p for p in (corpus / "Documents").rglob("*") if p.suffix.lower() == ".xml")


def _proposed(rows) -> Counter[str]:
    import json

    counts: Counter[str] = Counter()
    for row in rows:
        for entry in json.loads(row["meta"] or "{}").get("coded_entries") or []:
            if entry_proposals(row["id"], row["slug"], row["clinical_date"], entry):
                counts[entry["kind"]] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    documents = _documents(args.corpus)
    if not documents:
        print(f"no documents under {args.corpus}/Documents")
        return 1
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library")
        started = time.perf_counter()
        report = run_to_end(import_paths(library, documents))
        took = time.perf_counter() - started
        conn = library.connection()
        rows = conn.execute(
            "SELECT r.id, r.meta, r.clinical_date, c.slug FROM records r "
            "JOIN categories c ON c.id = r.category_id WHERE r.mime = 'application/hl7-cda+xml'"
        ).fetchall()
        read, proposed = count_coded(rows), _proposed(rows)
        suggested = suggest(conn)
        stored = Counter(
            row[0]
            for row in conn.execute(
                "SELECT kind FROM case_entries WHERE id IN "
                f"({','.join(str(i) for i in suggested.added) or 'NULL'})"
            )
        )
        library.close()
    counts = f"{len(report.imported)} imported, {len(report.failed)} failed"
    print(f"{len(documents)} documents: {counts} in {took:.1f} s")
    for failed in report.failed:
        print(f"  FAILED {failed.path}: {failed.reason}")
    print(f"\n{'entry kind':<14}{'read':>6}{'proposed':>10}")
    for kind in sorted(read):
        print(f"{kind:<14}{read[kind]:>6}{proposed[kind]:>10}")
    print(f"{'total':<14}{sum(read.values()):>6}{sum(proposed.values()):>10}")
    print("\nsuggestions stored (after merging with what the narrative says):")
    for kind, count in sorted(stored.items()):
        print(f"  {kind:<16}{count:>4}")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
