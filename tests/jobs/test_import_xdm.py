"""Importing IHE XDM packages from other senders: each listed document with its listed title
and dates, checked against its size and checksum; the sender's pages set aside."""

from __future__ import annotations

from pathlib import Path

from recordorg.core.catalogue import records
from recordorg.formats.xdm import read_metadata
from recordorg.jobs.discovery import discover
from tests.jobs.conftest import run_import
from tests.samplemakers.xdm import make_package, zip_package


def _by_name(library, report) -> dict[str, records.Record]:
    found = records.get_records(library.connection(), report.records)
    return {record.original_name: record for record in found.values()}


def test_metadata_lists_title_dates_author_size_and_hash(tmp_path) -> None:
    root = make_package(tmp_path / "portal")
    listed = read_metadata(root / "IHE_XDM" / "SUBSET01" / "METADATA.XML")
    assert [d.uri for d in listed] == ["DOC0001.XML", "DOC0002.PDF"]
    letter = listed[1]
    assert letter.title == "Letter from the clinic"
    assert (letter.service_start, letter.service_start_precision) == ("2024-04-01", "month")
    assert letter.author == "Example Maria" and letter.institution == "Example Clinic"
    assert len(letter.sha1) == 40 and letter.size > 0
    assert listed[0].patient == {"name": "Testa Ada", "birth_date": "1961-04-12"}


def test_a_package_folder_imports_its_documents_with_their_listing(library, tmp_path) -> None:
    report = run_import(library, [make_package(tmp_path / "portal")], workers=1)
    assert not report.failed
    by_name = _by_name(library, report)
    assert set(by_name) == {"DOC0001.XML", "DOC0002.PDF"}
    assert by_name["DOC0001.XML"].mime == "application/hl7-cda+xml"
    letter = by_name["DOC0002.PDF"]
    assert letter.meta["package_listing"]["title"] == "Letter from the clinic"
    assert (letter.clinical_date, letter.date_precision) == ("2024-04-01", "month")
    reasons = {Path(item.path).name: item.reason for item in report.skipped}
    assert "sender's index page" in reasons["INDEX.HTM"]
    assert "sender's notes" in reasons["README.TXT"]
    assert "list of documents" in reasons["METADATA.XML"]


def test_a_document_that_does_not_match_its_listing_is_reported(library, tmp_path) -> None:
    root = make_package(tmp_path / "portal", damage="DOC0002.PDF")
    report = run_import(library, [root], workers=1)
    (failed,) = report.failed
    assert failed.path.endswith("DOC0002.PDF")
    assert "checksum" in failed.reason
    assert set(_by_name(library, report)) == {"DOC0001.XML"}


def test_a_zipped_package_is_unpacked_and_tidied_away(library, tmp_path) -> None:
    folder = make_package(tmp_path / "portal")
    archive = zip_package(folder, tmp_path / "download.zip")
    report = run_import(library, [archive], workers=1)
    assert not report.failed
    assert set(_by_name(library, report)) == {"DOC0001.XML", "DOC0002.PDF"}
    assert any(item.path == str(archive) for item in report.skipped)
    assert not any(p.is_dir() for p in library.staging.iterdir())


def test_a_listed_document_missing_from_the_package_is_reported(tmp_path) -> None:
    root = make_package(tmp_path / "portal")
    (root / "IHE_XDM" / "SUBSET01" / "DOC0001.XML").unlink()
    found = discover([root])
    assert any(p.name == "DOC0001.XML" and "missing" in reason for p, reason in found.failed)
    assert [c.path.name for c in found.candidates] == ["DOC0002.PDF"]


def test_the_patient_the_list_names_is_kept_for_each_document(library, tmp_path) -> None:
    from recordorg.core.catalogue.patient_identity import record_patients

    report = run_import(library, [make_package(tmp_path / "portal")], workers=1)
    letter = _by_name(library, report)["DOC0002.PDF"]
    patient = record_patients(library.connection(), [letter.id])[letter.id]
    assert (patient.name, patient.birth_date) == ("Testa Ada", "1961-04-12")


def test_our_own_bundle_zips_are_not_taken_for_a_portals_package(tmp_path) -> None:
    import zipfile

    from recordorg.jobs.discovery_xdm import is_xdm_zip

    folder = make_package(tmp_path / "portal")
    portal = zip_package(folder, tmp_path / "portal.zip")
    (folder / "MANIFEST.JSN").write_text('{"format": "recordorg-bundle"}')
    ours = zip_package(folder, tmp_path / "bundle.zip")
    assert is_xdm_zip(portal) and not is_xdm_zip(ours)
    with zipfile.ZipFile(tmp_path / "plain.zip", "w") as archive:
        archive.writestr("notes.txt", "not a package")
    assert not is_xdm_zip(tmp_path / "plain.zip")
