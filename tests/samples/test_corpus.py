"""The synthetic labelled corpus: deterministic, every category and language, answers inside."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from tests.samplemakers.corpus import TEMPLATES, make_corpus, split, write_file


def test_corpus_is_deterministic_and_covers_categories_and_languages() -> None:
    docs = make_corpus(120, seed=3)
    assert [d.text for d in docs] == [d.text for d in make_corpus(120, seed=3)]
    assert {d.category for d in docs} == set(TEMPLATES)
    assert {d.language for d in docs} == {"en-US", "en-GB", "de", "fr", "es", "it"}
    for doc in docs:
        assert doc.birth_date < doc.clinical_date
        assert len(doc.lines) >= 4 and doc.heading


def test_held_out_part_is_apart() -> None:
    docs = make_corpus(40, seed=1)
    learn, held = split(docs, 0.5)
    assert len(learn) == len(held) == 20
    assert not {d.key for d in learn} & {d.key for d in held}


def test_files_of_each_kind(tmp_path: Path) -> None:
    doc = make_corpus(3, seed=5)[0]
    pdf = write_file(doc, tmp_path, "text-pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    photo = write_file(doc, tmp_path, "photo")
    with Image.open(photo) as image:
        assert image.format == "JPEG" and min(image.size) >= 1800
