"""Two different files with one image ID (SOP Instance UID): the intact one is kept."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from recordorg.core.catalogue.database import now, transaction
from recordorg.core.paths import readable
from recordorg.jobs import worker
from recordorg.jobs.candidates import Candidate
from recordorg.jobs.import_report import ImportReport, Item

if TYPE_CHECKING:
    import sqlite3

    from recordorg.core.catalogue.library import Library
    from recordorg.jobs.sandbox import WorkerPool


class Committer(Protocol):
    """What settling needs of the import's committer (jobs/commit.py): the library, its
    connection, the images waiting to be settled, and what the import touched."""

    library: Library
    conn: sqlite3.Connection
    same_images: list[SameImage]
    records_touched: set[int]
    studies_touched: set[int]


@dataclass
class SameImage:
    """A file read and kept whose image ID an image in the library already has."""

    candidate: Candidate
    ingested: worker.Ingested
    record_id: int  # the study that holds the image already
    stored_sha256: str  # the stored copy's contents


def settle_all(pool: WorkerPool, target: Committer, report: ImportReport) -> None:
    """Check both copies of each such image in the readers, then keep the intact one."""
    problems: dict[str, str] = {}
    for outcome in pool.run(_checks(target)):
        problems[outcome.key] = outcome.value if outcome.ok else _failed_check(outcome.error)
    for n, same in enumerate(target.same_images):
        settle(target, same, problems.get(f"{n}:new", ""), problems.get(f"{n}:old", ""), report)
    target.same_images.clear()


def _checks(target: Committer) -> Iterator[tuple[str, Any, tuple, float]]:
    for n, same in enumerate(target.same_images):
        stored = target.library.original_path(same.stored_sha256)
        yield f"{n}:new", worker.image_problem, (str(same.ingested.staged.path),), 0.0
        yield f"{n}:old", worker.image_problem, (str(stored),), 0.0


def _failed_check(error: str) -> str:
    return "reading it stopped the reader" if error.startswith("bug:") else error


def settle(
    target: Committer, same: SameImage, new_problem: str, old_problem: str, report: ImportReport
) -> None:
    """Replace a damaged stored copy by an intact new one; otherwise keep the stored one
    and say plainly why the new file was not added."""
    path, record = str(same.candidate.path), same.record_id
    if _stored(target, same) != same.stored_sha256:
        old_problem = ""  # replaced earlier in this import by a copy checked intact
    if old_problem and not new_problem:
        _replace(target, same)
        replaced = f"Replaced a damaged copy of this image in the study ({old_problem})."
        report.imported.append(Item(path, record, replaced))
        target.records_touched.add(record)
        return
    target.library.forget_original(same.ingested.staged.sha256, target.conn)
    if new_problem and not old_problem:
        reason = (
            f"A damaged copy ({new_problem}) of an image already in record {record}; "
            "the intact copy there is kept."
        )
    elif new_problem:
        reason = f"Another damaged copy of a damaged image in record {record}; the first is kept."
    else:
        reason = (
            f"A different file with the same image ID (SOP Instance UID) as an image already "
            f"in record {record}. Both read as intact, so the one imported first is kept; "
            "if one of them is damaged, keep this file."
        )
    report.duplicates.append(Item(path, record, reason))


def _stored(target: Committer, same: SameImage) -> str | None:
    row = target.conn.execute(
        "SELECT sha256 FROM dicom_instances WHERE sop_instance_uid = ?",
        (same.ingested.content.sop_instance_uid,),
    ).fetchone()
    return row[0] if row else None


def _replace(target: Committer, same: SameImage) -> None:
    conn, staged, image = target.conn, same.ingested.staged, same.ingested.content
    with transaction(conn):
        (old_size,) = conn.execute(
            "SELECT size FROM dicom_instances WHERE sop_instance_uid = ?",
            (image.sop_instance_uid,),
        ).fetchone()
        conn.execute(
            """UPDATE dicom_instances SET sha256 = ?, size = ?, transfer_syntax = ?, rows = ?,
               columns = ?, frames = ?, original_name = ?, original_path = ?
               WHERE sop_instance_uid = ?""",
            (
                staged.sha256,
                staged.size,
                image.transfer_syntax_uid,
                image.rows,
                image.columns,
                image.frames,
                readable(same.candidate.path.name),
                readable(same.candidate.path),
                image.sop_instance_uid,
            ),
        )
        conn.execute(
            "UPDATE records SET size = size + ?, updated_at = ? WHERE id = ?",
            (staged.size - old_size, now(), same.record_id),
        )
    target.library.forget_original(same.stored_sha256, conn)
    target.studies_touched.add(same.record_id)
