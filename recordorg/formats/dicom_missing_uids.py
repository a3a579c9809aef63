"""Study and Series Instance UIDs for a DICOM image that names none (some secondary captures
and tools' test images): made from the image's own IDs, so that importing it again finds
the same study and a bundle's copy carries the same ones, and said plainly on its record."""

from __future__ import annotations

import uuid

from pydicom.dataset import Dataset

from recordorg.formats.dicom_values import text_value

STUDY, SERIES = "StudyInstanceUID", "SeriesInstanceUID"
LABELS = {STUDY: "Study Instance UID", SERIES: "Series Instance UID"}
# The name space of the UUIDs made here (a name-based UUID, PS3.5 B.2: "2.25." and its
# integer), so that they are the same on every computer and at every import.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "recordorg:dicom:made-up-uid")


def made_up_uid(kind: str, source_uid: str) -> str:
    """The UID made for a file's missing study or series ("study", "series") from a UID of
    its own."""
    return f"2.25.{uuid.uuid5(NAMESPACE, f'{kind} {source_uid}').int}"


def made_up_uids(sop_instance_uid: str, series_uid: str, study_uid: str) -> dict[str, str]:
    """The UIDs to make for a file with these UIDs ("" where it names none): a series of
    its own, from its SOP Instance UID; a study from its series (so a series that names no
    study stays together) or, without one, from its SOP Instance UID."""
    if not sop_instance_uid:
        return {}
    made = {}
    if not study_uid:
        made[STUDY] = made_up_uid("study", series_uid or sop_instance_uid)
    if not series_uid:
        made[SERIES] = made_up_uid("series", sop_instance_uid)
    return made


def fill_in_missing_uids(ds: Dataset) -> list[str]:
    """Give a data set that names no study or series the UIDs made for it; returns the
    names of those given (none when it has both)."""
    made = made_up_uids(
        text_value(ds, "SOPInstanceUID"), text_value(ds, SERIES), text_value(ds, STUDY)
    )
    for keyword, uid in made.items():
        setattr(ds, keyword, uid)
    return [LABELS[keyword] for keyword in made]


def has_made_up_uids(study_uid: str, series_uid: str, sop_instance_uid: str) -> bool:
    """True when a stored image's study or series UID is one made for it (its file names
    none), as the library holds it."""
    return series_uid == made_up_uid("series", sop_instance_uid) or study_uid in (
        made_up_uid("study", series_uid),
        made_up_uid("study", sop_instance_uid),
    )


def made_up_note(labels: list[str]) -> str:
    """What the record says about the UIDs made for its images, in words."""
    which = " and ".join(
        w for w, keyword in (("study", STUDY), ("series", SERIES)) if LABELS[keyword] in labels
    )
    ids = "IDs" if len(labels) > 1 else "an ID"
    return (
        f"These images did not say which {which} they belong to ({', '.join(labels)}). "
        f"recordorg gave them {ids} made from the images' own IDs, the same at every import, "
        "so importing them again finds this study; the copies in a bundle carry "
        f"{'them' if len(labels) > 1 else 'it'}."
    )
