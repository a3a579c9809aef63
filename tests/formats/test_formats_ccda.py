"""Tests for the clinical document reader (C-CDA): header, narrative, coded entries."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest

from recordorg.formats.ccda import CDA_MIME, DATE_SOURCE, parse_document
from recordorg.formats.ccda_read import read_clinical_document, write_readable_pdf
from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.readers import read_file
from recordorg.formats.sniff import sniff
from tests.samplemakers.ccda import clinical_document, section


def _write(tmp_path: Path, data: bytes, name: str = "note.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_sniffed_by_content_whatever_its_name(tmp_path: Path) -> None:
    path = _write(tmp_path, clinical_document(), "download.txt")
    assert sniff(path).kind == "cda"
    assert sniff(path).mime == CDA_MIME
    plain = _write(tmp_path, b'<?xml version="1.0"?><ClinicalDocument/>', "other.xml")
    assert sniff(plain).kind == "other"  # no HL7 namespace: not a clinical document


def test_header_title_dates_author_and_patient() -> None:
    document = parse_document(clinical_document())
    assert document.title == "Oncology clinic note"
    assert document.written.value == "2024-03-05"
    assert (document.service_start.value, document.service_end.value) == (
        "2024-03-01",
        "2024-03-02",
    )
    assert document.author == "Dr. Maria Example"
    assert document.organisation == "Example Cancer Centre"
    assert document.patient["name"] == "Ada Testa"
    assert document.patient["birth_date"] == "1961-04-12"
    assert document.patient["identifiers"][0]["extension"] == "MRN-0042"


def test_dates_keep_their_precision() -> None:
    extracted = read_clinical_document_bytes(clinical_document(service=("202301", "202302")))
    (found,) = extracted.dates
    assert (found.value, found.source, found.precision, found.end) == (
        "2023-01-01",
        DATE_SOURCE,
        "month",
        "2023-02-28",
    )
    problems = [e for e in extracted.meta["coded_entries"] if e["kind"] == "problem"]
    assert (problems[0]["start"], problems[0]["precision"]) == ("2023-01-01", "month")


def test_a_summary_of_a_whole_life_is_dated_by_its_writing() -> None:
    extracted = read_clinical_document_bytes(clinical_document(service=("19610412", "20240305")))
    assert [(d.value, d.kind) for d in extracted.dates] == [("2024-03-05", "document")]


def test_each_section_is_a_searchable_page() -> None:
    extracted = read_clinical_document_bytes(clinical_document())
    assert extracted.page_count == 6
    assert extracted.pages[0].text.startswith("Problems\n- Carcinoma of breast")
    assert "Paclitaxel | Feb 2023 to Jun 2023" in extracted.pages[1].text
    assert extracted.meta["patient_name"] == "Ada Testa"
    assert extracted.meta["clinical_document"]["organisation"] == "Example Cancer Centre"


def test_narrative_keeps_words_only() -> None:
    extracted = read_clinical_document_bytes(clinical_document())
    procedures = extracted.pages[3].text
    assert "Plain words kept." in procedures
    assert "a link shown as words" in procedures
    assert "tracker.example" not in procedures
    assert "[picture not shown]" in procedures
    assert "alert" not in procedures and "display" not in procedures  # not narrative


def test_coded_entries_name_section_entry_and_vocabulary() -> None:
    entries = read_clinical_document_bytes(clinical_document()).meta["coded_entries"]
    by_kind = {e["kind"]: e for e in reversed(entries)}  # the first of each kind
    assert by_kind["problem"]["name"] == "Carcinoma of breast"  # the narrative's words
    assert by_kind["problem"]["system"] == "SNOMED CT"
    assert (by_kind["problem"]["section"], by_kind["problem"]["entry"]) == ("Problems", 1)
    liver = [e for e in entries if e["code"] == "C78.7"][0]
    assert (liver["system"], liver["entry"]) == ("ICD-10-CM", 2)
    medicine = by_kind["medication"]
    assert (medicine["name"], medicine["system"], medicine["start"], medicine["end"]) == (
        "paclitaxel",
        "RxNorm",
        "2023-02-10",
        "2023-06-20",
    )
    results = {e["code"]: e for e in entries if e["kind"] == "result"}
    assert results["718-7"]["value"] == "12.1 g/dL"
    assert results["18474-7"]["value"] == "positive (3+)"
    assert by_kind["allergy"]["name"] == "Penicillin G"
    assert by_kind["encounter"]["end"] == "2023-03-09"


def test_entity_expansion_is_refused(tmp_path: Path) -> None:
    bomb = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<ClinicalDocument xmlns="urn:hl7-org:v3"><title>&b;</title></ClinicalDocument>"""
    with pytest.raises(UnreadableFile, match="unsafe"):
        parse_document(bomb)


def test_damaged_document_fails_with_a_reason(tmp_path: Path) -> None:
    path = _write(tmp_path, clinical_document()[:-40])
    with pytest.raises(UnreadableFile, match="damaged"):
        read_file(path, "cda")


def test_readable_pdf_shows_header_and_sections(tmp_path: Path) -> None:
    path = _write(tmp_path, clinical_document())
    extracted = read_clinical_document(path)
    assert extracted.readable_pdf.startswith(b"%PDF")
    target = write_readable_pdf(path, tmp_path / "cache" / "note.pdf")
    document = pypdfium2.PdfDocument(str(target))
    text = " ".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "Ada Testa" in text and "Example Cancer Centre" in text
    assert "Paclitaxel" in text and "Medications" in text
    assert "tracker.example" not in text


def test_a_document_with_no_coded_sections_still_reads() -> None:
    body = section("29545-1", "Physical findings", "<paragraph>Well.</paragraph>")
    extracted = read_clinical_document_bytes(clinical_document(sections=body, service=None))
    assert extracted.pages[0].text == "Physical findings\nWell."
    assert extracted.meta["coded_entries"] == []


def read_clinical_document_bytes(data: bytes):
    from recordorg.formats.ccda import extracted_from

    return extracted_from(parse_document(data))


def test_an_unstructured_documents_pdf_is_what_is_read_and_drawn(tmp_path, make_pdf) -> None:
    from recordorg.formats.ccda_read import clinical_document_pdf, read_clinical_document

    letter = make_pdf(tmp_path / "letter.pdf", ["Operative note. Left mastectomy.", "Page two."])
    path = tmp_path / "ud.xml"
    path.write_bytes(clinical_document(attached=("application/pdf", letter.read_bytes())))
    extracted = read_clinical_document(path)
    assert extracted.page_count == 2 and "mastectomy" in extracted.pages[0].text
    assert extracted.readable_pdf == letter.read_bytes()
    assert clinical_document_pdf(path) == letter.read_bytes()  # the review shows it as sent
    assert extracted.meta["attached"] == "application/pdf"


def test_a_damaged_pdf_inside_a_document_fails_alone(tmp_path) -> None:
    from recordorg.formats.ccda_read import read_clinical_document

    path = tmp_path / "ud.xml"
    path.write_bytes(clinical_document(attached=("application/pdf", b"%PDF-1.7 cut short")))
    extracted = read_clinical_document(path)
    assert extracted.page_count == 1 and extracted.title == "Oncology clinic note"
    assert any("could not be read" in w for w in extracted.warnings)
    assert extracted.readable_pdf and extracted.readable_pdf.startswith(b"%PDF")
    assert pypdfium2.PdfDocument(extracted.readable_pdf)  # the header, drawn, opens
