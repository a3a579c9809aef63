"""Benchmark: clinical dates, categories and OCR measured on a synthetic labelled corpus.

Run: python3 benchmarks/bench_understanding.py [--records 400] [--ocr 24] [--seed 7]

Half the corpus is held out and measured; the other half plays the library's corrections
(a person choosing categories) for the "with corrections" figures. The keyword rules and
seed examples were written apart from the corpus templates, but by the same hand: read the
figures as "on this kind of document", not as a promise about every hospital's paper.
Targets: clinical date right in >= 95% of records that have one; a date of birth
never chosen; category top-1 >= 90%.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recordorg.core.catalogue import editing
from recordorg.core.catalogue.categories import category_id
from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.library import Library
from recordorg.core.understanding.naive_bayes import words as model_words
from recordorg.core.understanding.record_understanding import analyse_record
from tests.samplemakers.corpus import CorpusDoc, make_corpus, split, write_file


def add_text_record(conn, doc: CorpusDoc) -> int:
    stamp = now()
    with transaction(conn):
        record_id = conn.execute(
            "INSERT INTO records(category_id, kind, title, sha256, original_name, page_count, "
            "imported_at, updated_at) VALUES (?, 'pdf', ?, ?, ?, 1, ?, ?)",
            (
                category_id(conn, "other"),
                doc.heading,
                f"bench-{doc.key}",
                f"{doc.key}.pdf",
                stamp,
                stamp,
            ),
        ).lastrowid
        conn.execute(
            "INSERT INTO pages(record_id, number, text, source) VALUES (?, 1, ?, 'text-layer')",
            (record_id, doc.text),
        )
    return int(record_id)


def measure(conn, held: dict[int, CorpusDoc]) -> dict[str, object]:
    dates = categories = births = 0
    wrong: Counter[str] = Counter()
    confused: Counter[str] = Counter()
    for record_id, doc in held.items():
        u = analyse_record(conn, record_id, apply=True)
        if u.date.value == doc.clinical_date.isoformat():
            dates += 1
        else:
            wrong[f"{doc.category}/{doc.language}"] += 1
        if u.date.value == doc.birth_date.isoformat():
            births += 1
        if u.category.category == doc.category:
            categories += 1
        else:
            confused[f"{doc.category} -> {u.category.category}"] += 1
    n = len(held)
    return {
        "n": n,
        "date": dates / n,
        "category": categories / n,
        "birth_chosen": births,
        "date_misses": wrong.most_common(6),
        "category_misses": confused.most_common(6),
    }


def text_arm(docs: list[CorpusDoc], learn: list[CorpusDoc], with_corrections: bool) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "lib")
        conn = library.connection()
        if with_corrections:
            for doc in learn:
                record_id = add_text_record(conn, doc)
                editing.apply_change(conn, [record_id], editing.RecordChange(category=doc.category))
        held = {add_text_record(conn, doc): doc for doc in docs}
        started = time.perf_counter()
        result = measure(conn, held)
        result["ms_per_record"] = 1000 * (time.perf_counter() - started) / len(held)
        library.close()
    return result


def noisy(doc: CorpusDoc, rng: random.Random, rate: float = 0.03) -> CorpusDoc:
    """The record without its heading and with OCR-like slips in about `rate` of letters."""
    slips = {"l": "1", "I": "l", "O": "0", "o": "0", "e": "c", "m": "rn", "S": "5", "a": "o"}
    lines = []
    for line in doc.lines:
        chars = [slips.get(ch, ch) if rng.random() < rate else ch for ch in line]
        lines.append("".join(ch for ch in chars if rng.random() > rate / 3 or not ch.isalpha()))
    return CorpusDoc(
        doc.key, doc.category, doc.language, "", lines, doc.clinical_date, doc.birth_date
    )


def teammates_samples() -> dict:
    """The demo's texts (recordorg.samples.texts), written apart from the corpus and rules."""
    from recordorg.samples.texts import all_texts

    expected = {
        "Surgical Pathology Report": "pathology",
        "Laboratory Results": "laboratory",
        "CT Chest, Abdomen and Pelvis with Contrast": "imaging-report",
        "MRI Brain with and without Contrast": "imaging-report",
        "Oncology Consultation": "clinic-letter",
        "Oncology Clinic Letter": "clinic-letter",
        "Discharge Summary": "discharge-summary",
        "Comprehensive Genomic Profiling Report": "genomics",
        "Explanation of Benefits - This is not a bill": "administrative",
    }
    docs = [
        CorpusDoc(f"demo{i}", expected[t.title], "en", t.title, t.lines, t.date, date(1961, 4, 12))
        for i, t in enumerate(all_texts())
    ]
    return text_arm(docs, [], False)


def word_accuracy(reference: str, read: str) -> float:
    """1 - word error rate (edit distance over words, case and punctuation ignored)."""
    ref, hyp = model_words_only(reference), model_words_only(read)
    if not ref:
        return 1.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return max(0.0, 1 - previous[-1] / len(ref))


def model_words_only(text: str) -> list[str]:
    return [w for w in model_words(text) if " " not in w]


def ocr_arm(docs: list[CorpusDoc], seed: int) -> dict:
    from recordorg.jobs.importer import import_paths
    from recordorg.jobs.ocr import read_scans

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        by_name = {}
        for index, doc in enumerate(docs):
            how = "scan" if index % 2 == 0 else "photo"
            path = write_file(doc, root / "in", how, seed)
            by_name[path.name] = (doc, how)
        library = Library.open(root / "lib")
        run(import_paths(library, [root / "in"]))
        report = run(read_scans(library, None))
        conn = library.connection()
        accuracy: dict[str, list[float]] = {"scan": [], "photo": []}
        held = {}
        for row in conn.execute("SELECT id, original_name FROM records"):
            doc, how = by_name[row["original_name"]]
            text = "\n".join(
                p["text"]
                for p in conn.execute(
                    "SELECT text FROM pages WHERE record_id = ? ORDER BY number", (row["id"],)
                )
            )
            accuracy[how].append(word_accuracy(doc.text, text))
            held[row["id"]] = doc
        result = measure(conn, held)
        result.update(
            pages=report.pages,
            seconds=report.seconds,
            failed=len(report.failed),
            word_accuracy_scan=sum(accuracy["scan"]) / max(1, len(accuracy["scan"])),
            word_accuracy_photo=sum(accuracy["photo"]) / max(1, len(accuracy["photo"])),
        )
        library.close()
    return result


def run(job):
    try:
        while True:
            next(job)
    except StopIteration as stop:
        return stop.value


def show(label: str, result: dict) -> None:
    print(f"{label}: {result['n']} records")
    print(f"  clinical date right     {result['date']:.1%}   (target >= 95%)")
    print(f"  date of birth chosen    {result['birth_chosen']}   (target 0)")
    print(f"  category top-1 right    {result['category']:.1%}   (target >= 90%)")
    for key in (
        "ms_per_record",
        "pages",
        "seconds",
        "failed",
        "word_accuracy_scan",
        "word_accuracy_photo",
    ):
        if key in result:
            value = result[key]
            print(
                f"  {key:<22}  {value:.3f}" if isinstance(value, float) else f"  {key:<22}  {value}"
            )
    if result["date_misses"]:
        print(f"  date misses by kind:    {result['date_misses']}")
    if result["category_misses"]:
        print(f"  category confusions:    {result['category_misses']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=400)
    parser.add_argument("--ocr", type=int, default=24, help="held-out records also read by OCR")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    docs = make_corpus(args.records, seed=args.seed)
    learn, held = split(docs, 0.5, seed=args.seed)
    show("Text, seed model only (held-out half)", text_arm(held, learn, False))
    show("Text, with the other half as the library's corrections", text_arm(held, learn, True))
    rng = random.Random(args.seed)
    show(
        "Text with OCR-like slips (3% of letters) and no heading, seed model only",
        text_arm([noisy(d, rng) for d in held], learn, False),
    )
    show(
        "The demo's nine texts (written by another hand; their date is the day issued)",
        teammates_samples(),
    )
    if args.ocr:
        show(
            f"OCR of scans (300 dpi) and phone photos ({args.ocr} held-out records)",
            ocr_arm(held[: args.ocr], args.seed),
        )


if __name__ == "__main__":
    main()
