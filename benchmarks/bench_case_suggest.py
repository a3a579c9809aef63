"""Benchmark: precision and recall of case-review suggestions on synthetic clinical text.

Makes sentences from templates with known answers (biomarker results, treatments given) and
distractors that must suggest nothing (tests only requested, options discussed, "the ER" as
the emergency room, supportive medicines), some phrased in ways the reader is known to miss.
Prints precision, recall and F1 for biomarkers and treatments, then precision and recall of
procedures, radiotherapy, diagnoses, metastatic sites and events on their own synthetic
examples (with denied, planned and doubted distractors), and the speed.

Run: python3 benchmarks/bench_case_suggest.py [--sentences 4000] [--seed 5]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from recordorg.core.case.text import find_biomarkers, sentences
from recordorg.core.case.text_treatments import find_regimens

Example = tuple[str, set[str], set[str]]  # sentence, biomarker keys, treatment keys


def receptor(rng: random.Random) -> Example:
    abbr, name = rng.choice(
        [("ER", "Oestrogen receptor"), ("PR", "Progesterone receptor"), ("ER", "Estrogen receptor")]
    )
    percent = rng.choice([0, 5, 20, 60, 90, 95, 100])
    word = "positive" if percent else "negative"
    key = {f"{abbr.lower()}|{word}"}
    return rng.choice(
        [
            (f"{name} ({abbr}): {word.upper()}, {percent}% of tumour cells.", key, set()),
            (f"{abbr} {percent}%.", key, set()),
            (f"Metastatic {abbr}-{word} breast cancer.", key, set()),
            (f"{abbr} {word} (Allred {rng.randint(0, 8)}/8).", key, set()),
            (f"The tumour was {word} for {name.lower()}.", key, set()),  # known miss: order
        ]
    )


def her2(rng: random.Random) -> Example:
    score, word = rng.choice([("0", "negative"), ("1+", "negative"), ("3+", "positive")])
    key = {f"her2|{word}"}
    ish = rng.choice(["amplified", "not amplified"])
    return rng.choice(
        [
            (f"HER2 {score} by IHC.", key, set()),
            (f"HER2/neu: {word} (score {score}).", key, set()),
            (f"HER2-{word} disease.", key, set()),
            (
                f"HER2 2+ (equivocal); ISH {ish}.",
                {"her2|" + ("negative" if ish.startswith("not") else "positive")},
                set(),
            ),
            (f"Her 2 neu {word}.", key, set()),  # known miss: unusual spelling
        ]
    )


def ki67(rng: random.Random) -> Example:
    value = rng.choice([5, 10, 15, 30, 40, 80])
    key = {f"ki-67|{value}%"}
    return rng.choice(
        [
            (f"Ki-67 {value}%.", key, set()),
            (f"Ki67 index {value}%.", key, set()),
            (f"Ki-67 (MIB-1): {value}% of nuclei.", key, set()),
        ]
    )


GENES = [
    ("EGFR", "L858R"),
    ("KRAS", "G12C"),
    ("BRAF", "V600E"),
    ("PIK3CA", "H1047R"),
    ("PIK3CA", "E545K"),
    ("KRAS", "G12D"),
]


def mutation(rng: random.Random) -> Example:
    gene, variant = rng.choice(GENES)
    found = {f"{gene.lower()}|mutated|{variant.lower()}"}
    absent = {f"{gene.lower()}|not detected"}
    return rng.choice(
        [
            (f"{gene} {variant} mutation detected.", found, set()),
            (f"{gene} mutated ({variant}).", found, set()),
            (f"{gene}: no mutation detected.", absent, set()),
            (f"{gene} wild-type.", absent, set()),
            (f"A {gene} {variant} mutation was found on sequencing.", found, set()),
            (f"No {gene} mutation was identified.", absent, set()),  # known miss: negation first
        ]
    )


def other_marker(rng: random.Random) -> Example:
    n = rng.choice([1, 4, 12, 25])
    p = rng.choice([1, 10, 50, 80])
    return rng.choice(
        [
            ("Tumour is MSI-high.", {"msi|high (msi-h)"}, set()),
            ("Microsatellite stable (MSS).", {"msi|stable (mss)"}, set()),
            ("MMR proteins intact.", {"mmr|proficient (pmmr)"}, set()),
            ("Loss of MLH1 and PMS2 expression (dMMR).", {"mmr|deficient (dmmr)"}, set()),
            (f"TMB {n} mut/Mb.", {f"tmb|{n} mut/mb"}, set()),
            (
                f"Tumour mutational burden of {n} mutations per megabase.",
                {f"tmb|{n} mut/mb"},
                set(),
            ),
            (f"PD-L1 TPS {p}%.", {f"pd-l1|tps {p}%"}, set()),
            (f"PD-L1 CPS {n}.", {f"pd-l1|cps {n}"}, set()),
            ("ALK rearrangement not detected.", {"alk|not detected"}, set()),
            ("ROS1 fusion positive.", {"ros1|rearranged"}, set()),
            ("BRCA1/2: no pathogenic variant.", {"brca1/2|not detected"}, set()),
            ("HER2 not amplified by FISH.", {"her2|negative"}, set()),
            ("EGFR exon 19 deletion detected.", {"egfr|mutated|exon 19 deletion"}, set()),
            (
                "Oestrogen and progesterone receptors strongly positive.",  # known miss
                {"er|positive", "pr|positive"},
                set(),
            ),
            (
                "Negative for ALK and ROS1 rearrangements.",  # known half miss
                {"alk|not detected", "ros1|not detected"},
                set(),
            ),
        ]
    )


LINES = [
    ["letrozole", "palbociclib"],
    ["capecitabine"],
    ["paclitaxel"],
    ["fulvestrant"],
    ["trastuzumab deruxtecan"],
    ["pembrolizumab"],
    ["osimertinib"],
    ["fluorouracil", "leucovorin", "oxaliplatin"],
    ["carboplatin", "pemetrexed"],
    ["fulvestrant", "capivasertib"],
    ["docetaxel", "pertuzumab", "trastuzumab"],
]
BRANDS = {
    "palbociclib": "Ibrance",
    "capecitabine": "Xeloda",
    "trastuzumab deruxtecan": "Enhertu",
    "pembrolizumab": "Keytruda",
    "osimertinib": "Tagrisso",
}


def treatment(rng: random.Random) -> Example:
    drugs = rng.choice(LINES)
    key = {"treatment_line|" + "+".join(sorted(drugs))}
    names = " plus ".join(drugs)
    other = rng.choice([d for d in LINES if d != drugs])
    both = key | {"treatment_line|" + "+".join(sorted(other))}
    brand = " and ".join(BRANDS.get(d, d) for d in drugs)
    day = f"{rng.randint(1, 28)} March 2024"
    return rng.choice(
        [
            (f"Started {names} on {day}.", set(), key),
            (f"Second-line {names} from {day}.", set(), key),
            (f"She received six cycles of {names}.", set(), key),
            (f"Currently on {brand}.", set(), key),
            (f"Progressed on {names}, then switched to {' plus '.join(other)}.", set(), both),
            (f"{names.capitalize()} was stopped because of side effects.", set(), key),
            (f"Previous treatment included {names} and later {' and '.join(other)}.", set(), both),
            (
                f"{names.capitalize()} and {' and '.join(other)} were both given.",
                set(),
                both,
            ),  # ambiguous when a regimen is itself joined by "and": nothing suggested
        ]
    )


DISTRACTORS = [
    "She was seen in the ER with fever.",
    "HER2 testing has been requested.",
    "ER and PR status pending.",
    "We discussed EGFR testing.",
    "Alpelisib with fulvestrant was discussed as an option.",
    "Consider capecitabine at progression.",
    "She is allergic to paclitaxel.",
    "Ondansetron 8 mg for nausea.",
    "Denosumab 120 mg every 4 weeks.",
    "She declined chemotherapy with docetaxel.",
    "No prior trastuzumab.",
    "Creatinine 0.8 mg/dL, ALT 42 U/L.",
    "Follow-up in clinic in 3 weeks.",
    "Pembrolizumab would be an option if PD-L1 were high.",
    "Dexamethasone tapering after radiosurgery.",
]


def make(rng: random.Random, count: int) -> list[Example]:
    makers = [receptor, her2, ki67, mutation, other_marker, treatment, treatment]
    found = []
    for _ in range(count):
        if rng.random() < 0.3:
            found.append((rng.choice(DISTRACTORS), set(), set()))
        else:
            found.append(rng.choice(makers)(rng))
    return found


def score(pairs: list[tuple[set[str], set[str]]]) -> tuple[float, float, float]:
    tp = sum(len(p & t) for p, t in pairs)
    fp = sum(len(p - t) for p, t in pairs)
    fn = sum(len(t - p) for p, t in pairs)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def library_run(examples: list[Example], records: int) -> tuple[float, float, int]:
    """Time suggest() over a library of records of 3 pages of 20 sentences, twice."""
    import tempfile

    from recordorg.core.case.suggest import suggest
    from recordorg.core.catalogue.database import now, transaction
    from recordorg.core.catalogue.library import Library
    from recordorg.core.catalogue.people import add_person

    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library")
        conn = library.connection()
        person = add_person(conn, "Test Person")
        stamp = now()
        with transaction(conn):
            for n in range(records):
                rid = conn.execute(
                    "INSERT INTO records(person_id, category_id, kind, title, clinical_date, "
                    "sha256, page_count, imported_at, updated_at) VALUES (?, 1, 'pdf', ?, ?, ?,"
                    " 3, ?, ?)",
                    (person, f"Letter {n}", f"2024-{n % 12 + 1:02d}-01", f"{n:064x}", stamp, stamp),
                ).lastrowid
                for page in range(3):
                    start = (n * 60 + page * 20) % len(examples)
                    text = "\n".join(e[0] for e in examples[start : start + 20])
                    conn.execute(
                        "INSERT INTO pages(record_id, number, text) VALUES (?, ?, ?)",
                        (rid, page + 1, text),
                    )
        started = time.perf_counter()
        first = suggest(conn)
        middle = time.perf_counter()
        suggest(conn)
        second = time.perf_counter() - middle
        library.close()
        return middle - started, second, len(first.added)


SAMPLE_TRUTH = {  # what a reader finds in recordorg.samples.texts (the demo person's letters)
    "biomarker|er|positive",
    "biomarker|pr|positive",
    "biomarker|her2|negative",
    "biomarker|ki-67|30%",
    "biomarker|pik3ca|mutated|h1047r",
    "biomarker|esr1|not detected",
    "biomarker|tp53|not detected",
    "biomarker|brca1/2|not detected",
    "biomarker|tmb|4 mut/mb",
    "biomarker|msi|stable (mss)",
    "biomarker|cea|12.4 ng/ml",  # serum tumour markers, read with their units
    "biomarker|ca 15-3|86 u/ml",
    "biomarker|ca 15-3|34 u/ml",  # "Previous CA 15-3: 34 U/mL (2023-10-20); 22 U/mL (…)"
    "treatment_line|letrozole+palbociclib",
    "treatment_line|capecitabine",
}


SAMPLE_OTHER_TRUTH = {  # the other kinds a careful reader finds in the same letters
    "diagnosis|breast",
    "metastasis|liver",
    "metastasis|bone",
    "metastasis|brain",
    "procedure|core-biopsy|2023-02-14",  # breast, in the pathology report and the letter
    "procedure|core-biopsy|2024-04-30",  # liver, in the genomic report
    "event|other|progressive disease|2024-04-22",
    "event|admission|2024-08-03",
}
SAMPLE_CATEGORIES = {  # as the demo files them
    "Surgical Pathology Report": "pathology",
    "Comprehensive Genomic Profiling Report": "genomics",
    "CT Chest, Abdomen and Pelvis with Contrast": "imaging-report",
    "MRI Brain with and without Contrast": "imaging-report",
}


def sample_documents() -> tuple[tuple[float, float], tuple[float, float]]:
    """Precision and recall of distinct suggestions over the sample documents: biomarkers
    and treatments, then the other kinds."""
    from recordorg.core.case.reading import read_record
    from recordorg.samples.texts import all_texts

    found = set()
    for n, text in enumerate(all_texts()):
        category = SAMPLE_CATEGORIES.get(text.title, "other")
        pages = [(1, "\n".join(text.lines))]
        for proposal in read_record(n, category, text.date.isoformat(), pages):
            found.add(proposal.key)
    scores = []
    for truth in (SAMPLE_TRUTH, SAMPLE_OTHER_TRUTH):
        kinds = {key.split("|")[0] for key in truth}
        said = {key for key in found if key.split("|")[0] in kinds}
        hits = len(said & truth)
        scores.append((hits / max(1, len(said)), hits / len(truth)))
    return scores[0], scores[1]


# ---------------------------------------------------------------- the other kinds
# Each example: a page of text, its record's category and date, and the entries expected
# (key -> the fields that must hold). Distractors deny, plan or doubt: they expect nothing.

KindExample = tuple[str, str, str | None, dict[str, dict[str, object]]]
SIDES = ["left", "right"]
DAYS = ["3 March 2024", "12 June 2023", "28/02/2024", "2024-01-15"]
ISO = {
    "3 March 2024": "2024-03-03",
    "12 June 2023": "2023-06-12",
    "28/02/2024": "2024-02-28",
    "2024-01-15": "2024-01-15",
}


def procedure_example(rng: random.Random) -> KindExample:
    side, day = rng.choice(SIDES), rng.choice(DAYS)
    once = {f"procedure|mrm|{side}": {"site": f"{side} breast"}}
    dated = {f"procedure|core-biopsy|{ISO[day]}": {"site": "liver", "performed_on": ISO[day]}}
    port = {f"procedure|port|{ISO[day]}": {"performed_on": ISO[day]}}
    return rng.choice(
        [
            (
                f"{side.capitalize()} modified radical mastectomy with axillary dissection.",
                "surgery",
                "2021-03-12",
                once,
            ),
            (f"Liver core biopsy on {day}.", "other", None, dated),
            (f"Port-a-cath inserted on {day}.", "other", None, port),
            (f"She underwent a {side} MRM with axillary clearance in 2019.", "other", None, once),
            (f"Core biopsy of the liver was performed on {day}.", "other", None, dated),
            (f"Portacath placement {day} without complication.", "other", None, port),
            (
                f"S/p {side} mastectomy and ALND.",
                "other",
                None,  # known miss: S/p, ALND alone
                {f"procedure|mastectomy|{side}": {}},
            ),
        ]
    )


def radiotherapy_example(rng: random.Random) -> KindExample:
    dose, count = rng.choice([(30, 10), (20, 5), (8, 1), (50, 25), (40.05, 15)])
    site = rng.choice(["T10-L2 spine", "left breast", "right hip", "whole brain", "chest wall"])
    key = {
        f"radiotherapy|{site.lower()}|{dose:g}|{count}": {
            "dose_gy": float(dose),
            "fractions": count,
        }
    }
    dated = {k: {**v, "start_date": "2024-05-02", "end_date": "2024-05-15"} for k, v in key.items()}
    return rng.choice(
        [
            (f"{site}, {dose:g} Gy in {count} fractions.", "radiotherapy", None, key),
            (
                f"Radiotherapy to the {site} {dose:g} Gy in {count} fractions, from 2 May 2024 to "
                f"15 May 2024.",
                "other",
                None,
                dated,
            ),
            (f"Palliative RT: {site} {dose:g} Gy / {count} fractions.", "other", None, key),
            (f"She received {dose:g} Gy in {count} fractions to the {site}.", "other", None, key),
            (f"{site}: {dose:g}Gy/{count}#", "radiotherapy", None, key),
        ]
    )


def diagnosis_example(rng: random.Random) -> KindExample:
    site, histology = rng.choice(
        [
            ("breast", "invasive ductal carcinoma"),
            ("lung", "adenocarcinoma"),
            ("breast", "invasive lobular carcinoma"),
            ("colon", "adenocarcinoma"),
            ("prostate", "adenocarcinoma"),
        ]
    )
    key = {f"diagnosis|{site}": {"primary_site": site}}
    return rng.choice(
        [
            (f"Diagnosis: {site} {histology}, stage IV.", "other", None, key),
            (f"{histology.capitalize()} of the {site}, grade 2.", "pathology", None, key),
            (f"Metastatic {site} cancer.", "other", None, key),
            (
                f"She was diagnosed with {site} cancer on 3 March 2021.",
                "other",
                None,
                {k: {"diagnosed_on": "2021-03-03"} for k in key},
            ),
            (f"Primary: {site}. Histology: {histology}.", "other", None, key),  # known miss
        ]
    )


def metastasis_example(rng: random.Random) -> KindExample:
    a, b = rng.sample(
        [
            ("liver", "liver"),
            ("bone", "bone"),
            ("brain", "brain"),
            ("lung", "lung"),
            ("adrenal", "adrenal gland"),
        ],
        2,
    )
    both = {f"metastasis|{a[0]}": {}, f"metastasis|{b[0]}": {}}
    one = {f"metastasis|{a[0]}": {}}
    return rng.choice(
        [
            (f"CT shows {a[0]} and {b[0]} metastases.", "imaging-report", "2024-04-22", both),
            (
                f"Metastatic breast cancer ({a[0]}, {b[0]}).",
                "other",
                None,
                {**both, "diagnosis|breast": {}},
            ),
            (f"Known metastases to the {a[0]}.", "other", None, one),
            (
                f"New {a[0]} lesions consistent with metastases.",
                "imaging-report",
                "2024-04-22",
                one,
            ),  # known miss: the site is far from "metastases"
        ]
    )


def event_example(rng: random.Random) -> KindExample:
    day = rng.choice(DAYS)
    word = rng.choice(
        ["Progressive disease", "Partial response", "Stable disease", "Complete response"]
    )
    response = {f"event|other|{word.lower()}|{ISO[day]}": {"start_date": ISO[day]}}
    admitted = {f"event|admission|{ISO[day]}": {"start_date": ISO[day]}}
    return rng.choice(
        [
            (f"CT of {day}: {word.lower()} (RECIST 1.1).", "other", None, response),
            (f"IMPRESSION: {word}.", "imaging-report", ISO[day], response),
            (f"She was admitted on {day} with febrile neutropenia.", "other", None, admitted),
            (f"Admission date: {day}", "discharge-summary", None, admitted),
            (f"Restaging on {day} showed {word.lower()}.", "other", None, response),
        ]
    )


KIND_DISTRACTORS = [
    "Pertuzumab was not funded.",
    "She declined a left mastectomy.",
    "A right mastectomy is planned.",
    "Mastectomy was considered but not performed.",
    "Radiotherapy 20 Gy in 5 fractions to the spine was recommended.",
    "Adjuvant radiotherapy to the left breast, 40 Gy in 15 fractions, is planned.",
    "Radiotherapy dose per fraction 2 Gy.",
    "No evidence of metastatic disease.",
    "No liver metastases.",
    "Negative for malignancy.",
    "Exclude intracranial metastases.",
    "?bone metastases.",
    "Possible liver metastases on CT of 3 March 2024.",
    "To rule out disease progression on 3 March 2024.",
    "Her mother had breast cancer.",
    "Family history of ovarian cancer in her sister.",
    "If progressive disease on CT of 3 March 2024, switch treatment.",
    "Port-a-cath removed on 4 June 2024.",
    "Admission on 3 May 2024 was not needed.",
    "Referred for stereotactic radiosurgery.",
    "Capecitabine held because of diarrhoea CTCAE grade 3.",
    "Liver metastases cannot be excluded.",
]


def make_kinds(rng: random.Random, count: int) -> list[KindExample]:
    makers = [
        procedure_example,
        radiotherapy_example,
        diagnosis_example,
        metastasis_example,
        event_example,
    ]
    found: list[KindExample] = []
    for _ in range(count):
        if rng.random() < 0.35:
            found.append((rng.choice(KIND_DISTRACTORS), "other", None, {}))
        else:
            found.append(rng.choice(makers)(rng))
    return found


def score_kinds(examples: list[KindExample]) -> dict[str, list[int]]:
    """Per kind: [right, suggested, expected]; a suggestion is right when its key is expected
    and its fields hold what the example says."""
    from recordorg.core.case.reading import read_record

    counts: dict[str, list[int]] = {}
    for text, category, day, expected in examples:
        got = {p.key: p for p in read_record(1, category, day, [(1, text)])}
        got = {k: p for k, p in got.items() if p.kind not in ("biomarker", "treatment_line")}
        for key, proposal in got.items():
            row = counts.setdefault(proposal.kind, [0, 0, 0])
            row[1] += 1
            want = expected.get(key)
            row[0] += want is not None and all(proposal.fields.get(n) == v for n, v in want.items())
        for key in expected:
            counts.setdefault(key.split("|")[0], [0, 0, 0])[2] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--kind-examples", type=int, default=1500, help="examples of the other kinds; 0 to skip"
    )
    parser.add_argument(
        "--records",
        type=int,
        default=300,
        help="records (3 pages each) in the library run; 0 to skip",
    )
    args = parser.parse_args()
    examples = make(random.Random(args.seed), args.sentences)
    markers, lines = [], []
    misses: dict[str, int] = {}
    started = time.perf_counter()
    for sentence, want_markers, want_lines in examples:
        got_markers = {f.key for f in find_biomarkers(sentence)}
        got_lines = {f.key for f in find_regimens(sentence)}
        markers.append((got_markers, want_markers))
        lines.append((got_lines, want_lines))
        if got_markers != want_markers or got_lines != want_lines:
            template = "".join(c if not c.isdigit() else "9" for c in sentence)[:60]
            misses[template] = misses.get(template, 0) + 1
    elapsed = time.perf_counter() - started
    page = "\n".join(s for s, _, _ in examples[:40])
    split_started = time.perf_counter()
    for _ in range(200):
        sentences(page)
    split_ms = (time.perf_counter() - split_started) / 200 * 1000
    print(
        f"synthetic sentences: {len(examples)} (seed {args.seed}), "
        f"{sum(1 for e in examples if not e[1] and not e[2])} with nothing to find"
    )
    for name, pairs in (("biomarkers", markers), ("treatments", lines)):
        precision, recall, f1 = score(pairs)
        print(f"{name:<11} precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(
        f"speed: {len(examples) / elapsed:,.0f} sentences/s reading; splitting a 40-line "
        f"page into sentences {split_ms:.2f} ms"
    )
    if args.kind_examples:
        kinds = make_kinds(random.Random(args.seed), args.kind_examples)
        started = time.perf_counter()
        counts = score_kinds(kinds)
        took = time.perf_counter() - started
        print(
            f"other kinds, synthetic examples: {len(kinds)} "
            f"({sum(1 for k in kinds if not k[3])} that must suggest nothing), "
            f"{len(kinds) / took:,.0f} pages/s"
        )
        for kind, (right, said, wanted) in sorted(counts.items()):
            precision = right / said if said else 1.0
            recall = right / wanted if wanted else 1.0
            print(f"{kind:<13} precision {precision:.3f}  recall {recall:.3f}  ({said} suggested)")
    for name, (precision, recall), truth in zip(
        ("biomarkers and treatments", "other kinds"),
        sample_documents(),
        (SAMPLE_TRUTH, SAMPLE_OTHER_TRUTH),
        strict=True,
    ):
        print(
            f"sample documents (9 fictional letters and reports), {name}: precision "
            f"{precision:.3f}  recall {recall:.3f} over {len(truth)} distinct facts"
        )
    if args.records:
        first, again, added = library_run(examples, args.records)
        print(
            f"library of {args.records} records x 3 pages: suggest() {first:.2f} s "
            f"({added} suggestions), run again {again:.2f} s (nothing new)"
        )
    print("most frequent misses (sentence shapes):")
    for template, count in sorted(misses.items(), key=lambda kv: -kv[1])[:8]:
        print(f"  {count:>4}  {template}")


if __name__ == "__main__":
    main()
