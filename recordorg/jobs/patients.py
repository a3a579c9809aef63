"""Filing an import by patient: the patient each record names is kept, a disc of several
patients is split (or stopped when a person was named), and records naming someone other
than their person are flagged."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Generator

from recordorg.core.catalogue.database import transaction
from recordorg.core.catalogue.patient_identity import (
    identity_of,
    learn_identity,
    other_patients,
    refresh_flags,
    remember_patient,
)
from recordorg.core.catalogue.patient_match import (
    Patient,
    best_known,
    display_name,
    group_patients,
    same_patient,
)
from recordorg.core.catalogue.people import ensure_person
from recordorg.core.errors import UserError
from recordorg.core.progress import Progress
from recordorg.core.understanding.patient_text import find_patient
from recordorg.formats.extracted import DicomInstance, Extracted
from recordorg.jobs.candidates import Candidate
from recordorg.jobs.import_report import ImportReport
from recordorg.jobs.sandbox import WorkerPool

FILES_PER_TASK = 200  # DICOM headers read by one task when checking whose images they are


class SeveralPatients(UserError):
    """The files hold several patients' images but the import was for one person."""

    def __init__(self, person: str, patients: list[Patient]) -> None:
        self.person = person
        self.patients = patients
        names = "; ".join(p.words() for p in patients)
        super().__init__(
            f"These files hold the images of {len(patients)} different patients: {names}. "
            f"Nothing was imported, so no one else's images are filed under {person}. "
            "Import them without naming a person to file each patient under a person of "
            "their own, or import one patient's files at a time."
        )


def read_patients(paths: list[str]) -> list[tuple[str, str, str, str]]:
    """In a reader process: the distinct patients (name, ID, birth date, sex) these DICOM
    files name; files that cannot be read are left to the import to report."""
    from pydicom import dcmread

    from recordorg.formats.dicom import iso_date
    from recordorg.formats.dicom_header import dicom_header

    tags = ["PatientName", "PatientID", "PatientBirthDate", "PatientSex"]
    seen = set()
    for path in paths:
        try:
            ds = dcmread(path, stop_before_pixels=True, force=True, specific_tags=tags)
            h = dicom_header(ds)
        except Exception:  # a damaged file is reported by the import itself
            continue
        seen.add((h.patient_name, h.patient_id, iso_date(h.patient_birth_date), h.patient_sex[:1]))
    return sorted(seen)


def patients_on(
    pool: WorkerPool, candidates: list[Candidate], saying: str
) -> Generator[Progress, None, list[Patient]]:
    """The different patients the DICOM files among the candidates name; the progress says
    `saying` from the start of the check to its end."""
    paths = [str(c.path) for c in candidates if c.kind == "dicom"]
    chunks = [paths[i : i + FILES_PER_TASK] for i in range(0, len(paths), FILES_PER_TASK)]
    tasks = ((n, read_patients, (chunk,), 10 + 0.05 * len(chunk)) for n, chunk in enumerate(chunks))
    found: set[Patient] = set()
    yield Progress(0, 0, "", saying)
    for outcome in pool.run(tasks):
        if outcome.ok:
            found.update(Patient(name, birth, pid, sex) for name, pid, birth, sex in outcome.value)
        yield Progress(0, 0, "", saying)
    patients = sorted(found, key=lambda p: (p.name, p.birth_date, p.patient_id))
    return [best_known([patients[i] for i in group]) for group in group_patients(patients)]


def instance_patient(instance: DicomInstance) -> Patient:
    name = instance.meta.get("patient_name_dicom") or instance.patient_name
    return Patient(
        name, instance.patient_birth_date, instance.patient_id, instance.patient_sex or ""
    )


def coded_patient(content: Extracted) -> Patient | None:
    """The patient a clinical document's coded header names, else the one a package's list
    names for the document (None for other files)."""
    meta = content.meta
    listed = (meta.get("package_listing") or {}).get("patient") or {}
    if "clinical_document" in meta:
        patient = Patient(
            meta.get("patient_name", ""),
            meta.get("patient_birth_date", ""),
            meta.get("patient_id", ""),
            meta.get("patient_sex", ""),
        )
    else:
        patient = Patient(listed.get("name", ""), listed.get("birth_date", ""))
    return patient if patient.known else None


class PatientFiling:
    """Keeps the patient each new record names and files studies by patient at the end."""

    def __init__(
        self, conn: sqlite3.Connection, person: str | None, person_id: Callable[[], int | None]
    ) -> None:
        self.conn = conn
        self.person = person
        self.person_id = person_id
        self.studies: dict[int, Patient] = {}
        self.documents: dict[int, Patient] = {}
        self.coded: dict[int, Patient] = {}  # documents whose coded header names the patient

    def filed(self, record_id: int, content: Extracted | DicomInstance) -> None:
        """Note the patient a record just committed names (a study's first image only)."""
        if isinstance(content, DicomInstance):
            if record_id in self.studies:
                return
            known = self.conn.execute(
                "SELECT 1 FROM record_patients WHERE record_id = ?", (record_id,)
            ).fetchone()
            patient = instance_patient(content)
            self.studies[record_id] = patient
            source = "dicom"
        else:
            known = None
            patient = coded_patient(content)
            source = "dicom"  # a coded header, like a study's: never read again from text
            if patient is None:
                patient = find_patient([page.text for page in content.pages[:2]])
                source = "text"
            if patient is None:
                return
            self.documents[record_id] = patient
            if source == "dicom":
                self.coded[record_id] = patient
        if known is None:
            with transaction(self.conn):
                remember_patient(self.conn, record_id, source, patient)

    def finish(self, report: ImportReport) -> None:
        """File the studies by patient, learn who the person is, flag and report."""
        studies = _grouped(self.studies)
        if self.person:
            self._learn(studies or _grouped(self.documents), report)
        else:
            self._split(_grouped({**self.studies, **self.coded}), report)
        touched = sorted({*self.studies, *self.documents})
        refresh_flags(self.conn, touched)
        flags = other_patients(self.conn, touched)
        for record_id, words in sorted(flags.items()):
            report.patients.append(f"Record {record_id}: {words[0].lower()}{words[1:]}.")

    def _learn(self, groups: list[tuple[Patient, list[int]]], report: ImportReport) -> None:
        person_id = self.person_id()
        if person_id is None or not groups:
            return
        if len(groups) > 1:
            names = "; ".join(p.words() for p, _ in groups)
            report.patients.append(
                f"These records name {len(groups)} different patients ({names}); say who "
                f"{self.person} is (their name and date of birth) to tell which are theirs."
            )
            return
        identity = identity_of(self.conn, person_id)
        patient = groups[0][0]
        if identity is None or same_patient(identity.as_seen_by(patient), patient):
            with transaction(self.conn):
                learn_identity(self.conn, person_id, patient)

    def _split(self, groups: list[tuple[Patient, list[int]]], report: ImportReport) -> None:
        people = [row[0] for row in self.conn.execute("SELECT id FROM people")]
        identities = {pid: identity_of(self.conn, pid) for pid in people}
        for patient, records in groups:
            matches = [
                pid
                for pid, identity in identities.items()
                if identity and same_patient(identity.as_seen_by(patient), patient)
            ]
            if len(matches) == 1:
                person_id, how = matches[0], "filed under the person they are"
            elif len(groups) > 1:
                person_id = _own_person(self.conn, patient)
                how = "filed under a person of their own"
            elif not people:  # a new library's first records: their patient is its person
                person_id = _own_person(self.conn, patient)
                how = "filed under a new person named as their records name them"
            else:
                continue
            with transaction(self.conn):
                learn_identity(self.conn, person_id, patient)
                self.conn.executemany(
                    "UPDATE records SET person_id = ? WHERE id = ? AND person_id IS NULL",
                    [(person_id, record_id) for record_id in records],
                )
            owner = self.conn.execute("SELECT name FROM people WHERE id = ?", (person_id,))
            studies = all(r in self.studies for r in records)
            kind = ("study", "studies") if studies else ("record", "records")
            report.patients.append(
                f"{len(records)} {kind[len(records) != 1]} of {patient.words()}: {how}, "
                f"{owner.fetchone()[0]}."
            )


def _own_person(conn: sqlite3.Connection, patient: Patient) -> int:
    """A person for a patient no one in the library is known to be: named as their records
    name them, told apart from someone else of that name by date of birth or ID."""
    names = [
        display_name(patient.name) or f"Patient {patient.patient_id or patient.birth_date}",
        patient.words(),
        f"{patient.words()}, ID {patient.patient_id}",
    ]
    for name in names:
        row = conn.execute("SELECT id FROM people WHERE name = ? COLLATE NOCASE", (name,))
        found = row.fetchone()
        identity = identity_of(conn, found[0]) if found else None
        if identity is None or same_patient(identity.as_seen_by(patient), patient) is not False:
            break
    with transaction(conn):
        return ensure_person(conn, name.strip())


def read_again(conn: sqlite3.Connection, record_ids: list[int]) -> None:
    """After a record's text changes (scans read): the patient its text names, and its flag.
    A study keeps the patient its images name."""
    for record_id in record_ids:
        kept = conn.execute(
            "SELECT source FROM record_patients WHERE record_id = ?", (record_id,)
        ).fetchone()
        if kept and kept[0] == "dicom":
            continue
        pages = conn.execute(
            "SELECT text FROM pages WHERE record_id = ? ORDER BY number LIMIT 2", (record_id,)
        )
        patient = find_patient([row[0] for row in pages])
        with transaction(conn):
            if patient is None:
                conn.execute("DELETE FROM record_patients WHERE record_id = ?", (record_id,))
            else:
                remember_patient(conn, record_id, "text", patient)
    refresh_flags(conn, list(record_ids))


def _grouped(named: dict[int, Patient]) -> list[tuple[Patient, list[int]]]:
    """The patients records name, grouped by person, each with its records."""
    ids, patients = list(named), list(named.values())
    return [
        (best_known([patients[i] for i in group]), [ids[i] for i in group])
        for group in group_patients(patients)
    ]
