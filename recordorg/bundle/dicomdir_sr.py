"""The SR DOCUMENT record of a DICOMDIR as PS3.3 F.5.24 has it: pydicom's recorder copies a
report's whole tree of findings into the record and leaves out when it was verified."""

from __future__ import annotations

from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

TITLE_MODIFIER = "HAS CONCEPT MOD"


def sr_document_keys(report: Dataset, keys: Dataset) -> Dataset:
    """The record's keys kept to the SR Document Keys: its Content Sequence holds only the
    items that modify the document title (the root's HAS CONCEPT MOD items), and a VERIFIED
    report says when it was verified (the latest of its verifying observers' times)."""
    if "ContentSequence" in keys:
        modifiers = [
            item
            for item in keys.ContentSequence
            if str(item.get("RelationshipType", "")).strip() == TITLE_MODIFIER
        ]
        del keys.ContentSequence
        if modifiers:
            keys.ContentSequence = Sequence(modifiers)
    verified = str(keys.get("VerificationFlag", "")).strip().upper() == "VERIFIED"
    if verified and not keys.get("VerificationDateTime"):
        times = [
            str(observer.get("VerificationDateTime") or "")
            for observer in report.get("VerifyingObserverSequence") or []
        ]
        if any(times):
            keys.VerificationDateTime = max(times)
    return keys
