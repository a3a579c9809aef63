"""A synthetic labelled corpus of fictional records: text, its true date and category, files."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from tests.samplemakers import corpus_letters as letters
from tests.samplemakers import corpus_reports as reports
from tests.samplemakers.corpus_words import (
    DOCTORS,
    HOSPITALS,
    LANGUAGES,
    PEOPLE,
    Context,
    DateWriter,
    patient_line,
)

TEMPLATES = {
    "pathology": reports.pathology,
    "imaging-report": reports.imaging,
    "laboratory": reports.laboratory,
    "genomics": reports.genomics,
    "clinic-letter": letters.clinic_letter,
    "discharge-summary": letters.discharge,
    "administrative": letters.administrative,
    "medication": letters.medication,
    "surgery": letters.surgery,
    "radiotherapy": letters.radiotherapy,
}
# How often each language appears (a family mostly has one country's records, but not only).
LANGUAGE_WEIGHTS = {"en-US": 4, "en-GB": 3, "de": 2, "fr": 1, "es": 1, "it": 1}
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2025, 12, 31)


@dataclass
class CorpusDoc:
    """One fictional record with the answers the understanding should find."""

    key: str
    category: str
    language: str
    heading: str
    lines: list[str]
    clinical_date: date
    birth_date: date

    @property
    def text(self) -> str:
        return "\n".join([self.heading, *self.lines])


def _extras(c: Context, rng: random.Random) -> tuple[list[str], list[str]]:
    """Lines above and below the body: hospital, patient, and now and then a fax or print
    stamp with a later date."""
    top = [c.hospital, patient_line(c.lang, c.name, c.dob, c.mrn, rng)]
    bottom = []
    later = c.write(c.when + timedelta(days=rng.randint(3, 60)))
    roll = rng.random()
    if roll < 0.15:
        top.insert(0, f"FAX 555-0100   {later} 14:02   P.001/002")
    elif roll < 0.3:
        bottom.append(f"Printed {later} 09:15 - page 1 of 1")
    return top, bottom


def make_corpus(count: int, seed: int = 0) -> list[CorpusDoc]:
    """`count` fictional records of every category, in several languages and date styles."""
    rng = random.Random(seed)
    categories = sorted(TEMPLATES)
    languages = [lang for lang in LANGUAGES for _ in range(LANGUAGE_WEIGHTS[lang])]
    span = (LAST_DAY - FIRST_DAY).days
    docs = []
    for index in range(count):
        category = categories[index % len(categories)]
        lang = rng.choice(languages)
        when = FIRST_DAY + timedelta(days=rng.randint(0, span))
        birth = date(rng.randint(1940, 1985), rng.randint(1, 12), rng.randint(1, 28))
        write = DateWriter(lang, rng)
        context = Context(
            lang,
            rng.choice(PEOPLE[lang]),
            write(birth),
            f"EX{rng.randint(100000, 999999)}",
            rng.choice(HOSPITALS[lang]),
            rng.choice(DOCTORS[lang]),
            write,
            rng,
            when,
        )
        heading, body, truth = TEMPLATES[category](context)
        top, bottom = _extras(context, rng)
        lines = [line for part in [*top, *body, *bottom] for line in part.split("\n")]
        docs.append(CorpusDoc(f"doc{index:04d}", category, lang, heading, lines, truth, birth))
    return docs


def split(
    docs: list[CorpusDoc], held_out_share: float = 0.5, seed: int = 1
) -> tuple[list[CorpusDoc], list[CorpusDoc]]:
    """A part to learn from (as a library's corrections) and a held-out part to measure on."""
    order = list(docs)
    random.Random(seed).shuffle(order)
    cut = int(len(order) * (1 - held_out_share))
    return order[:cut], order[cut:]


def write_file(doc: CorpusDoc, folder: Path, how: str, seed: int = 0) -> Path:
    """Write a record as "text-pdf", "scan" (a 300 dpi image-only PDF) or "photo" (a skewed,
    noisy phone photo; sometimes turned, with or without the EXIF orientation that says so)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{doc.key}-{seed}")
    if how == "text-pdf":
        from recordorg.samples.documents import make_text_pdf

        return make_text_pdf(folder / f"{doc.key}.pdf", doc.heading, doc.lines)
    if how == "scan":
        from recordorg.samples.documents import make_scanned_pdf

        return make_scanned_pdf(folder / f"{doc.key}.pdf", [doc.heading, *doc.lines], dpi=300)
    if how == "photo":
        from recordorg.samples.photos import make_letter_photo

        taken = datetime.combine(
            doc.clinical_date + timedelta(days=rng.randint(1, 20)), datetime.min.time()
        )
        path = make_letter_photo(
            folder / f"{doc.key}.jpg",
            [doc.heading, *doc.lines],
            taken=taken,
            orientation=rng.choice([1, 1, 6, 8]),
            size=(1800, 2400),
            skew_degrees=rng.uniform(-6, 6),
            seed=rng.randint(0, 10_000),
        )
        if rng.random() < 0.3:  # a phone that did not record how it was held
            from PIL import Image, ImageOps

            with Image.open(path) as im:
                turned = ImageOps.exif_transpose(im).rotate(rng.choice([90, 180, 270]), expand=True)
            turned.save(path, "JPEG", quality=85)
        return path
    raise ValueError(f"unknown way to write a record: {how!r}")
