"""Who a person is (name, date of birth, identifiers) and which patient each record names;
records naming someone other than the person they are filed under are flagged."""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field, replace

from recordorg.core.catalogue.database import transaction
from recordorg.core.catalogue.patient_match import (
    Patient,
    group_patients,
    name_words,
    same_patient,
)
from recordorg.core.catalogue.people import person_id as find_person
from recordorg.core.errors import UserError

OTHER_PATIENT = "This record names another patient: {}"
SEXES = {"f": "F", "female": "F", "m": "M", "male": "M", "o": "O", "other": "O"}


@dataclass
class Identity:
    """A person's identity: set by the user, or learned from an import (`learned`)."""

    patient: Patient
    identifiers: list[str] = field(default_factory=list)
    learned: bool = False
    not_theirs: list[str] = field(default_factory=list)  # IDs the user removed: never relearned

    def as_seen_by(self, other: Patient) -> Patient:
        """The identity with the record's identifier when it is one of the person's own."""
        known = {i.casefold() for i in self.identifiers}
        own = other.patient_id if other.patient_id.casefold() in known else ""
        return Patient(self.patient.name, self.patient.birth_date, own, self.patient.sex)

    def to_json(self) -> dict:
        return {
            "name": self.patient.name,
            "birth_date": self.patient.birth_date,
            "sex": self.patient.sex,
            "identifiers": self.identifiers,
            "learned": self.learned,
            "not_theirs": self.not_theirs,
        }


def stored_identity(conn: sqlite3.Connection, person_id: int) -> Identity | None:
    row = conn.execute(
        "SELECT name, birth_date, sex, identifiers, learned, not_theirs FROM person_identity "
        "WHERE person_id = ?",
        (person_id,),
    ).fetchone()
    if row is None:
        return None
    patient = Patient(row[0], row[1], "", row[2])
    return Identity(patient, json.loads(row[3] or "[]"), bool(row[4]), json.loads(row[5] or "[]"))


def identity_of(conn: sqlite3.Connection, person_id: int | None) -> Identity | None:
    """The identity records are compared with: the stored one, its name (when none is stored,
    as when only a date of birth was set) the person's name in the library when that is a
    full name (two words or more; "Mum" tells nothing)."""
    if person_id is None:
        return None
    stored = stored_identity(conn, person_id)
    if stored is not None and stored.patient.name:
        return stored
    row = conn.execute("SELECT name FROM people WHERE id = ?", (person_id,)).fetchone()
    full_name = row[0] if row and len(name_words(row[0])) >= 2 else ""
    if stored is not None:
        stored.patient = replace(stored.patient, name=full_name)
        return stored
    return Identity(Patient(full_name), [], True) if full_name else None


def _write(conn: sqlite3.Connection, person_id: int, identity: Identity) -> None:
    p = identity.patient
    conn.execute(
        """INSERT OR REPLACE INTO person_identity(person_id, name, birth_date, sex,
           identifiers, learned, not_theirs) VALUES (?, ?, ?, ?, ?, ?, ?)""",
        (
            person_id,
            p.name,
            p.birth_date,
            p.sex,
            json.dumps(sorted(set(identity.identifiers))),
            int(identity.learned),
            json.dumps(sorted(set(identity.not_theirs), key=str.casefold)),
        ),
    )


def set_identity(
    conn: sqlite3.Connection,
    person: str,
    *,
    name: str | None = None,
    birth_date: str | None = None,
    sex: str | None = None,
    identifiers: list[str] = (),
    forget: list[str] = (),
) -> Identity:
    """Set what the user says of a person's identity (fields left None are kept): IDs in
    `identifiers` are added, those in `forget` (a wrong one learned from a record) removed."""
    if birth_date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", birth_date):
        raise UserError("Write the date of birth as YYYY-MM-DD, e.g. 1961-04-12.")
    if sex and sex.casefold() not in SEXES:
        raise UserError("Sex is F (female), M (male) or O (other).")
    with transaction(conn):
        pid = find_person(conn, person)
        old = stored_identity(conn, pid) or Identity(Patient())
        patient = Patient(
            old.patient.name if name is None else " ".join(name.split()),
            old.patient.birth_date if birth_date is None else birth_date,
            "",
            old.patient.sex if sex is None else SEXES.get(sex.casefold(), ""),
        )
        gone = {i.strip().casefold() for i in forget if i.strip()}
        added = [i.strip() for i in identifiers if i.strip()]
        kept = [i for i in old.identifiers if i.casefold() not in gone]
        refused = [i for i in old.not_theirs if i.casefold() not in {a.casefold() for a in added}]
        refused += [i.strip() for i in forget if i.strip()]
        identity = Identity(patient, [*kept, *added], not_theirs=refused)
        _write(conn, pid, identity)
    refresh_flags(conn, person_records(conn, pid))
    return identity


def learn_identity(conn: sqlite3.Connection, person_id: int, patient: Patient) -> None:
    """What an import shows of a person: their identity when none is stored; their
    identifier when it names them. Call inside a transaction."""
    stored = stored_identity(conn, person_id)
    if stored is None:
        ids = [patient.patient_id] if patient.patient_id else []
        _write(conn, person_id, Identity(patient, ids, True))
    elif (
        patient.patient_id
        and patient.patient_id not in stored.identifiers
        and patient.patient_id.casefold() not in {i.casefold() for i in stored.not_theirs}
    ):
        stored.identifiers.append(patient.patient_id)
        _write(conn, person_id, stored)


def remember_patient(
    conn: sqlite3.Connection, record_id: int, source: str, patient: Patient
) -> None:
    """Keep the patient a record names (inside a transaction)."""
    conn.execute(
        """INSERT OR REPLACE INTO record_patients(record_id, source, name, birth_date,
           patient_id, sex) VALUES (?, ?, ?, ?, ?, ?)""",
        (record_id, source, patient.name, patient.birth_date, patient.patient_id, patient.sex),
    )


def record_patients(conn: sqlite3.Connection, record_ids: list[int]) -> dict[int, Patient]:
    """The patient each of these records names (records that name nobody are left out)."""
    found: dict[int, Patient] = {}
    for start in range(0, len(record_ids), 500):
        chunk = record_ids[start : start + 500]
        rows = conn.execute(
            "SELECT record_id, name, birth_date, patient_id, sex FROM record_patients "
            f"WHERE record_id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        found.update({row[0]: Patient(row[1], row[2], row[3], row[4]) for row in rows})
    return found


def person_records(conn: sqlite3.Connection, person_id: int) -> list[int]:
    rows = conn.execute("SELECT id FROM records WHERE person_id = ?", (person_id,))
    return [row[0] for row in rows]


def other_patients(conn: sqlite3.Connection, record_ids: list[int]) -> dict[int, str]:
    """For each record naming someone other than the person it is filed under: the words
    that say so ("This record names another patient: John Doe (born 1961-04-12)")."""
    named = record_patients(conn, list(record_ids))
    if not named:
        return {}
    owners = dict(
        conn.execute(
            f"SELECT id, person_id FROM records WHERE id IN ({','.join('?' * len(named))})",
            list(named),
        ).fetchall()
    )
    identities: dict[int, Identity | None] = {}
    flags = {}
    for record_id, patient in named.items():
        owner = owners.get(record_id)
        if owner is None:
            continue
        if owner not in identities:
            identities[owner] = identity_of(conn, owner)
        identity = identities[owner]
        if identity and same_patient(identity.as_seen_by(patient), patient) is False:
            flags[record_id] = OTHER_PATIENT.format(patient.words())
    return flags


def refresh_flags(conn: sqlite3.Connection, record_ids: list[int]) -> None:
    """Store each record's flag in its details (meta "other_patient"), so every view of the
    record shows it; records that name the right person lose theirs."""
    flags = other_patients(conn, record_ids)
    with transaction(conn):
        for record_id in record_ids:
            flag = flags.get(record_id)
            if flag:
                conn.execute(
                    "UPDATE records SET meta = json_set(meta, '$.other_patient', ?) "
                    "WHERE id = ? AND json_valid(meta)",
                    (flag, record_id),
                )
            else:
                conn.execute(
                    "UPDATE records SET meta = json_remove(meta, '$.other_patient') "
                    "WHERE id = ? AND json_valid(meta) "
                    "AND json_extract(meta, '$.other_patient') IS NOT NULL",
                    (record_id,),
                )


def patients_in(
    conn: sqlite3.Connection, record_ids: list[int], person_id: int | None = None
) -> list[tuple[Patient, list[int]]]:
    """The different patients these records name, each with its records; the person's own
    identity (when known) counts as the first patient, with no records of its own."""
    named = record_patients(conn, list(record_ids))
    identity = identity_of(conn, person_id)
    patients = ([identity.patient] if identity else []) + list(named.values())
    ids = ([None] if identity else []) + list(named)
    groups = []
    for group in group_patients(patients):
        members = [ids[i] for i in group if ids[i] is not None]
        groups.append((patients[group[0]], members))
    return groups


def identifiers_on_records(conn: sqlite3.Connection, person_id: int) -> dict[str, int]:
    """Each patient ID the person's records name, with how many of their records name it."""
    rows = conn.execute(
        "SELECT rp.patient_id, count(*) FROM record_patients rp "
        "JOIN records r ON r.id = rp.record_id "
        "WHERE r.person_id = ? AND rp.patient_id != '' GROUP BY rp.patient_id",
        (person_id,),
    )
    return {row[0]: row[1] for row in rows}
