"""What an import did, file by file: the report a person reads at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from recordorg.core.paths import readable

NOT_REACHED = "Not imported: the import stopped before it (the library's disk is full)."


@dataclass
class Item:
    """One line of the report: a file and what became of it."""

    path: str
    record_id: int | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        self.path = readable(self.path)  # a name that is not UTF-8 is shown with '�'


@dataclass
class ImportReport:
    """What an import did, file by file."""

    batch_id: int | None = None
    imported: list[Item] = field(default_factory=list)
    duplicates: list[Item] = field(default_factory=list)
    skipped: list[Item] = field(default_factory=list)
    failed: list[Item] = field(default_factory=list)
    records: list[int] = field(default_factory=list)  # records created or added to
    patients: list[str] = field(default_factory=list)  # whose records: split, learned, flagged
    cancelled: bool = False
    stopped: str = ""  # why the import stopped before the end (a full disk), in words

    def left_out(self, path: object) -> None:
        """A file or folder the import did not reach because it stopped (see `stopped`)."""
        self.failed.append(Item(str(path), None, NOT_REACHED))

    def counts(self) -> dict[str, int]:
        return {
            "imported": len(self.imported),
            "duplicates": len(self.duplicates),
            "skipped": len(self.skipped),
            "failed": len(self.failed),
            "records": len(self.records),
        }

    def to_json(self) -> dict[str, Any]:
        def items(rows: list[Item]) -> list[dict[str, Any]]:
            return [row.__dict__ for row in rows]

        return {
            "batch_id": self.batch_id,
            "cancelled": self.cancelled,
            "stopped": self.stopped,
            "counts": self.counts(),
            "imported": items(self.imported),
            "duplicates": items(self.duplicates),
            "skipped": items(self.skipped),
            "failed": items(self.failed),
            "records": self.records,
            "patients": self.patients,
        }
