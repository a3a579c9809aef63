"""The command line of patients: a person's identity (`people identity`), the patient lines
of an import's report and of `show`, and the export's refusal to mix patients unasked."""

from __future__ import annotations

import argparse
import sqlite3
from typing import Any

from recordorg.cli.output import print_json
from recordorg.core.catalogue.patient_identity import (
    identity_of,
    other_patients,
    person_records,
    set_identity,
)
from recordorg.core.catalogue.people import person_id
from recordorg.core.errors import UserError
from recordorg.core.understanding.record_understanding import reread_birthday_dated
from recordorg.core.understanding.typed_dates import date_in_library

IDENTITY_USAGE = (
    "people identity NAME [--patient-name N] [--born DATE] [--sex F|M|O] [--id X] [--forget-id X]"
)


def identity_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `people identity NAME`: who the person is, as their records name them."""
    p.add_argument("--patient-name", help="with identity: the name records give the person")
    p.add_argument(
        "--born",
        help="with identity: the date of birth (1961-04-12, 12 April 1961, or 12/04/1961 in "
        "the library's order of day and month)",
    )
    p.add_argument("--sex", help="with identity: F, M or O")
    p.add_argument(
        "--id", action="append", default=[], help="with identity: a hospital's patient ID"
    )
    p.add_argument(
        "--forget-id",
        action="append",
        default=[],
        help="with identity: remove a patient ID that is not theirs (e.g. learned wrongly)",
    )


def birth_date(conn: sqlite3.Connection, typed: str) -> str:
    """A date of birth typed as the window takes it; the whole date (day, month and year)."""
    iso = date_in_library(conn, typed)
    if len(iso) != len("1961-04-12"):
        raise UserError(f'"{typed}" is not a whole date of birth: give the day, month and year.')
    return iso


def run_identity(conn: sqlite3.Connection, args: argparse.Namespace) -> int:
    """Set (with options) or show who a person is; records naming someone else are flagged."""
    name = args.names[0]
    if args.patient_name is not None or args.born or args.sex or args.id or args.forget_id:
        set_identity(
            conn,
            name,
            name=args.patient_name,
            birth_date=birth_date(conn, args.born) if args.born else None,
            sex=args.sex,
            identifiers=args.id,
            forget=args.forget_id,
        )
    pid = person_id(conn, name)
    if args.born:  # records dated by the birthday now known are read again
        reread_birthday_dated(conn, person_records(conn, pid))
    identity = identity_of(conn, pid)
    data = identity.to_json() if identity else {}
    if args.json:
        return print_json({"person": name, "identity": data})
    if not identity:
        print(f"Who {name} is is not known yet. Set it: recordorg {IDENTITY_USAGE}")
        return 0
    how = "learned from imports" if identity.learned else "set by you"
    print(f"{name}: {identity.patient.words()}; sex {data['sex'] or 'not known'}; ({how})")
    if identity.identifiers:
        print(f"Patient IDs: {', '.join(identity.identifiers)}")
    return 0


def print_patient_lines(report: Any) -> None:
    """What an import did about whose records they are."""
    for line in report.patients:
        print(f"patients: {line}")


def other_patient_line(conn: sqlite3.Connection, record_id: int) -> str:
    return other_patients(conn, [record_id]).get(record_id, "")


def refuse_other_patients(plan: Any, allowed: bool) -> None:
    """An export carrying records of more than one patient goes only when asked."""
    if plan.other_patients and not allowed:
        raise UserError(
            "These records name more than one patient: "
            + "; ".join(plan.other_patients)
            + ". A bundle is about one person: leave those records out (--ids), move them "
            "to their own person (recordorg edit ID --person NAME), or export them anyway "
            "with --allow-other-patients."
        )
