"""Committing one read file into the catalogue: a new record, or an image of a study."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path

from recordorg.core.catalogue.categories import category_id
from recordorg.core.catalogue.database import now, transaction
from recordorg.core.catalogue.library import Library, StagedFile
from recordorg.core.catalogue.people import ensure_person
from recordorg.core.paths import readable, undecodable
from recordorg.core.understanding.titles import title_from_file, title_from_study
from recordorg.formats.dicom_missing_uids import made_up_note
from recordorg.formats.extracted import AttachedFile, DicomInstance, Extracted, FoundDate
from recordorg.formats.name_claims import name_claim_note
from recordorg.formats.xdm import with_listing
from recordorg.jobs.attached_files import keep_bytes, with_linked_studies
from recordorg.jobs.candidates import Candidate
from recordorg.jobs.import_report import ImportReport, Item
from recordorg.jobs.same_image import SameImage
from recordorg.jobs.worker import Ingested


def initial_title(extracted: Extracted, name: str) -> str:
    first_page = extracted.pages[0].text if extracted.pages else ""
    return title_from_file(extracted.title or "", first_page, name)


def study_title(instance: DicomInstance) -> str:
    return title_from_study(instance.study_description, instance.modality, instance.body_part)


class Committer:
    """Writes what the workers read into the catalogue, one transaction per file."""

    def __init__(
        self, library: Library, conn: sqlite3.Connection, batch_id: int, person: str | None
    ) -> None:
        self.library = library
        self.conn = conn
        self.batch_id = batch_id
        self.person_name = person
        self._person_id: int | None = None
        self.records_touched: set[int] = set()
        self.studies_touched: set[int] = set()
        self.kept: set[str] = set()  # hashes of originals written in this batch
        self.same_images: list[SameImage] = []  # files whose image ID the library has
        self.attached: dict[int, list[int]] = {}  # records of the files a record carried

    def person_id(self) -> int | None:
        if self.person_name and self._person_id is None:
            with transaction(self.conn):
                self._person_id = ensure_person(self.conn, self.person_name)
        return self._person_id

    def commit(self, candidate: Candidate, ingested: Ingested, report: ImportReport) -> int | None:
        """Commit one file; returns the record it created or added to (None: a duplicate)."""
        self.kept.add(ingested.staged.sha256)
        if isinstance(ingested.content, DicomInstance):
            stored = self._same_image(ingested)
            if stored is not None:  # which copy is intact is told once the readers check both
                self.same_images.append(SameImage(candidate, ingested, *stored))
                return None
            record_id, duplicate = self._commit_instance(candidate, ingested)
            note = ""
        else:
            note = _name_claim_note(candidate, ingested.content)
            record_id, duplicate = self._commit_document(candidate, ingested)
        if duplicate:
            report.duplicates.append(
                Item(
                    str(candidate.path),
                    record_id,
                    f"Already in the library as record {record_id}.",
                )
            )
            return None
        self.records_touched.add(record_id)
        report.imported.append(Item(str(candidate.path), record_id, note))
        for carried in self.attached.get(record_id, []):  # files it carried, records of their own
            self.records_touched.add(carried)
            report.imported.append(Item(f"{candidate.path} (a file inside it)", carried))
        return record_id

    # -- documents, photos and other files -----------------------------------------------
    def _commit_document(self, candidate: Candidate, ingested: Ingested) -> tuple[int, bool]:
        staged, extracted = ingested.staged, ingested.content
        assert isinstance(extracted, Extracted)
        if candidate.listing:  # a package's list of documents tells its title and dates
            extracted = with_listing(extracted, candidate.listing)
        existing = self.conn.execute(
            "SELECT id FROM records WHERE sha256 = ?", (staged.sha256,)
        ).fetchone()
        if existing:
            return int(existing[0]), True
        dates = list(extracted.dates)
        if candidate.mtime:
            dates.append(FoundDate(_file_date(candidate.mtime), "file-time", "file"))
        carried = self._keep_attached(extracted)
        name, path = readable(candidate.path.name), readable(candidate.path)
        self.person_id()  # made (once) before the record's transaction
        with transaction(self.conn):
            meta = with_linked_studies(self.conn, _with_source(extracted.meta, candidate))
            record_id = self._insert_document(extracted, staged, name, path, dates, meta)
            self.attached[record_id] = [
                self._insert_document(
                    file.content, kept, file.name, path, file.content.dates,
                    {**file.content.meta, "attached_to": {
                        **file.content.meta.get("attached_to", {}), "record_id": record_id}},
                )
                for file, kept in carried
            ]  # fmt: skip
        for file, child in zip([f for f, _ in carried], self.attached[record_id], strict=True):
            if file.content.thumbnail_png:
                self.library.save_thumbnail(child, file.content.thumbnail_png)
        if extracted.thumbnail_png:
            self.library.save_thumbnail(record_id, extracted.thumbnail_png)
        if extracted.readable_pdf:  # a clinical document drawn for reading (derived)
            _save_readable(self.library.document_path(staged.sha256), extracted.readable_pdf)
        return int(record_id), False

    def _insert_document(
        self,
        extracted: Extracted,
        stored: StagedFile,
        name: str,
        path: str,
        dates: list[FoundDate],
        meta: dict,
    ) -> int:
        """One record row with its pages and found dates (inside the caller's transaction)."""
        stamp = now()
        record_id = self.conn.execute(
            """INSERT INTO records(person_id, category_id, kind, title, clinical_date,
               date_source, original_name, original_path, mime, size, sha256, page_count,
               locked, warnings, meta, batch_id, imported_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                self.person_id(),
                category_id(self.conn, "other"),
                extracted.kind,
                initial_title(extracted, name),
                None,  # the understanding rules choose the date once the text is in
                None,
                name,
                path,
                extracted.mime,
                stored.size,
                stored.sha256,
                extracted.page_count,
                int(extracted.locked),
                "\n".join(extracted.warnings),
                json.dumps(meta, default=str),
                self.batch_id,
                stamp,
                stamp,
            ),
        ).lastrowid
        self.conn.executemany(
            "INSERT INTO pages(record_id, number, text, source) VALUES (?, ?, ?, ?)",
            [(record_id, p.number, p.text, p.source) for p in extracted.pages],
        )
        self.conn.executemany(
            "INSERT INTO found_dates(record_id, value, source, kind, detail, precision, "
            "end_value) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(record_id, d.value, d.source, d.kind, d.detail, d.precision, d.end) for d in dates],
        )
        return int(record_id)

    def _keep_attached(self, extracted: Extracted) -> list[tuple[AttachedFile, StagedFile]]:
        """The files a file carries, kept as originals (those the library has are skipped)."""
        carried = []
        for file in extracted.attached:
            kept = keep_bytes(self.library, file.data)
            self.kept.add(kept.sha256)
            known = self.conn.execute("SELECT 1 FROM records WHERE sha256 = ?", (kept.sha256,))
            if known.fetchone() is None:
                carried.append((file, kept))
        return carried

    # -- DICOM: one study is one record ---------------------------------------------------
    def _same_image(self, ingested: Ingested) -> tuple[int, str] | None:
        """The study and stored contents of an image with this one's ID but other bytes."""
        assert isinstance(ingested.content, DicomInstance)
        row = self.conn.execute(
            "SELECT record_id, sha256 FROM dicom_instances WHERE sop_instance_uid = ?",
            (ingested.content.sop_instance_uid,),
        ).fetchone()
        if row is None or row["sha256"] == ingested.staged.sha256:
            return None
        return int(row["record_id"]), str(row["sha256"])

    def _commit_instance(self, candidate: Candidate, ingested: Ingested) -> tuple[int, bool]:
        staged, instance = ingested.staged, ingested.content
        assert isinstance(instance, DicomInstance)
        existing = self.conn.execute(
            "SELECT record_id FROM dicom_instances WHERE sop_instance_uid = ?",
            (instance.sop_instance_uid,),
        ).fetchone()
        if existing:
            self.library.forget_original(staged.sha256, self.conn)
            return int(existing[0]), True
        person_id = self.person_id()
        with transaction(self.conn):
            record_id = self._study_record(instance, person_id)
            series_id = self._series(instance, record_id)
            self.conn.execute(
                """INSERT INTO dicom_instances(series_id, record_id, sop_instance_uid,
                   sop_class_uid, transfer_syntax, instance_number, rows, columns, frames,
                   slice_location, position, sha256, size, original_name, original_path)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    series_id,
                    record_id,
                    instance.sop_instance_uid,
                    instance.sop_class_uid,
                    instance.transfer_syntax_uid,
                    instance.instance_number,
                    instance.rows,
                    instance.columns,
                    instance.frames,
                    instance.slice_location,
                    json.dumps(instance.image_position) if instance.image_position else None,
                    staged.sha256,
                    staged.size,
                    readable(candidate.path.name),
                    readable(candidate.path),
                ),
            )
            self.conn.execute(
                "UPDATE records SET size = size + ?, updated_at = ? WHERE id = ?",
                (staged.size, now(), record_id),
            )
            if instance.document_pages:
                self._add_document_pages(record_id, instance)
        self.studies_touched.add(record_id)
        return record_id, False

    def _add_document_pages(self, record_id: int, instance: DicomInstance) -> None:
        """A report carried inside the study (an encapsulated PDF): its pages become pages
        of the study's record, so search finds the study by what the report says."""
        start = self.conn.execute(
            "SELECT coalesce(max(number), 0) FROM pages WHERE record_id = ?", (record_id,)
        ).fetchone()[0]
        self.conn.executemany(
            "INSERT INTO pages(record_id, number, text, source) VALUES (?, ?, ?, ?)",
            [
                (record_id, start + n, page.text, page.source)
                for n, page in enumerate(instance.document_pages, 1)
            ],
        )
        self.conn.execute(
            "UPDATE records SET page_count = page_count + ? WHERE id = ?",
            (len(instance.document_pages), record_id),
        )

    def _study_record(self, instance: DicomInstance, person_id: int | None) -> int:
        row = self.conn.execute(
            "SELECT id, meta FROM records WHERE study_instance_uid = ?",
            (instance.study_instance_uid,),
        ).fetchone()
        if row:
            meta = json.loads(row["meta"])
            modality = instance.modality
            if modality and modality not in meta.get("modalities", []):
                meta["modalities"] = sorted({*meta.get("modalities", []), modality})
                self.conn.execute(
                    "UPDATE records SET meta = ? WHERE id = ?", (json.dumps(meta), row["id"])
                )
            return int(row["id"])
        meta = {
            "modalities": [instance.modality] if instance.modality else [],
            "body_part": instance.body_part,
            "institution": instance.institution,
            "study_description": instance.study_description,
            "study_id": instance.study_id,
            "study_time": instance.study_time,
            "accession_number": instance.accession_number,
            "patient_name": instance.patient_name,
            "patient_id": instance.patient_id,
            "patient_birth_date": instance.patient_birth_date,
            "patient_sex": instance.patient_sex,
        }
        made_up = instance.meta.get("made_up_uids")  # the files name no study or series
        stamp = now()
        record_id = self.conn.execute(
            """INSERT INTO records(person_id, category_id, kind, title, clinical_date,
               date_source, original_name, original_path, mime, size, sha256,
               study_instance_uid, meta, warnings, batch_id, imported_at, updated_at)
               VALUES (?, ?, 'dicom', ?, ?, ?, ?, ?, 'application/dicom', 0, NULL,
                       ?, ?, ?, ?, ?, ?)""",
            (
                person_id,
                category_id(self.conn, "imaging-study"),
                study_title(instance),
                None,  # the understanding rules date the study once its files are in
                None,
                instance.study_description or "",
                "",
                instance.study_instance_uid,
                json.dumps(meta),
                made_up_note(made_up) if made_up else "",
                self.batch_id,
                stamp,
                stamp,
            ),
        ).lastrowid
        if instance.study_date:
            self.conn.execute(
                "INSERT INTO found_dates(record_id, value, source, kind) VALUES (?, ?, ?, ?)",
                (record_id, instance.study_date, "dicom-study-date", "procedure"),
            )
        return int(record_id)

    def _series(self, instance: DicomInstance, record_id: int) -> int:
        row = self.conn.execute(
            "SELECT id FROM dicom_series WHERE series_instance_uid = ?",
            (instance.series_instance_uid,),
        ).fetchone()
        if row:
            return int(row[0])
        return int(
            self.conn.execute(
                """INSERT INTO dicom_series(record_id, series_instance_uid, modality,
                   description, number, body_part) VALUES (?, ?, ?, ?, ?, ?)""",
                (
                    record_id,
                    instance.series_instance_uid,
                    instance.modality,
                    instance.series_description,
                    instance.series_number,
                    instance.body_part,
                ),
            ).lastrowid
        )


def key_image(conn: sqlite3.Connection, record_id: int) -> str | None:
    """The SHA-256 of a study's key image: the middle image of its largest series."""
    series = conn.execute(
        """SELECT s.id FROM dicom_series s JOIN dicom_instances i ON i.series_id = s.id
           WHERE s.record_id = ? AND i.rows > 0 GROUP BY s.id ORDER BY count(*) DESC, s.number
           LIMIT 1""",
        (record_id,),
    ).fetchone()
    if series is None:
        return None
    images = conn.execute(
        """SELECT sha256 FROM dicom_instances WHERE series_id = ? AND rows > 0
           ORDER BY instance_number, slice_location, id""",
        (series[0],),
    ).fetchall()
    return images[len(images) // 2][0]


def _with_source(meta: dict, candidate: Candidate) -> dict:
    """The record's details, with the exact bytes of its source path when its name is
    not UTF-8 (the stored name shows '�' for them; these find the file again)."""
    if not undecodable(candidate.path):
        return meta
    return {**meta, "original_path_bytes": os.fsencode(candidate.path).hex()}


def _save_readable(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, target)


def _file_date(mtime: float) -> str:
    return datetime.fromtimestamp(mtime).date().isoformat()


def _name_claim_note(candidate: Candidate, content: Extracted) -> str:
    """The note for a file whose name claims a format it is not, kept with its record."""
    note = name_claim_note(candidate.path.name, content.kind, content.mime)
    if note and note not in content.warnings:
        content.warnings.insert(0, note)
    return note
