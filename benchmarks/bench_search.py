"""Benchmark: one-word search on a library of 100,000 indexed pages (prints p50 and p95).

Run: python3 benchmarks/bench_search.py [--pages 100000] [--queries 200]
Target: median <= 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.library import Library
from recordorg.core.catalogue.search import search

CLINICAL = (
    "carcinoma metastatic biopsy pathology margin receptor oestrogen progesterone her2 ki67 "
    "lymph node axillary mammogram ultrasound contrast chest abdomen pelvis liver lesion "
    "bone scan sclerotic lytic vertebra palbociclib letrozole capecitabine paclitaxel "
    "docetaxel trastuzumab response progression stable partial complete cycle dose infusion "
    "neutrophil haemoglobin platelet creatinine bilirubin albumin tumour marker cea clinic "
    "letter discharge admission consultant oncologist radiotherapy fraction gray surgery"
).split()


def vocabulary(size: int, rng: random.Random) -> list[str]:
    words = set(CLINICAL)
    letters = "abcdefghijklmnopqrstuvwxyz"
    while len(words) < size:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(4, 10))))
    return sorted(words)


def build(library: Library, pages: int, per_record: int, rng: random.Random) -> list[str]:
    words = vocabulary(20_000, rng)
    weights = [1 / (rank + 1) for rank in range(len(words))]  # Zipf-like, as real text is
    conn = library.connection()
    stamp = now()
    records = pages // per_record
    with transaction(conn):
        for r in range(records):
            rid = conn.execute(
                "INSERT INTO records(category_id, kind, title, sha256, original_name, "
                "page_count, imported_at, updated_at) VALUES (1, 'pdf', ?, ?, ?, ?, ?, ?)",
                (f"Report {r}", f"{r:064x}", f"report-{r}.pdf", per_record, stamp, stamp),
            ).lastrowid
            rows = []
            for p in range(per_record):
                text = " ".join(rng.choices(words, weights, k=250))
                rows.append((rid, p + 1, text))
            conn.executemany(
                "INSERT INTO pages(record_id, number, text, source) VALUES (?, ?, ?, 'text-layer')",
                rows,
            )
    return words


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library")
        started = time.perf_counter()
        words = build(library, args.pages, 10, rng)
        print(f"built {args.pages:,} pages in {time.perf_counter() - started:.1f} s")
        conn = library.connection()
        # Queries drawn the way people search: clinical words and words of every frequency.
        queries = rng.sample(CLINICAL, 40) + rng.sample(words, args.queries - 40)
        timings, hits = [], []
        for query in queries:
            t0 = time.perf_counter()
            found = search(conn, query, limit=20)
            timings.append((time.perf_counter() - t0) * 1000)
            hits.append(len(found))
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"one-word queries: {len(queries)}, records returned (mean) {statistics.mean(hits):.1f}"
        )
        print(f"p50 {p50:.1f} ms   p95 {p95:.1f} ms   max {timings[-1]:.1f} ms")
        print(f"p50 / target 50 ms = {p50 / 50:.2f}")
        common = [q for q in CLINICAL[:5]]
        for q in common:
            t0 = time.perf_counter()
            search(conn, q)
            print(f"  very common word {q!r}: {(time.perf_counter() - t0) * 1000:.1f} ms")
        library.close()


if __name__ == "__main__":
    main()
