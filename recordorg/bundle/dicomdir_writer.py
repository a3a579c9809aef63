"""Writing a DICOMDIR (PS3.3 Annex F, PS3.10) in one pass: records encoded once, offsets patched.

pydicom's FileSet re-lays out the whole tree for every file added; here the tree is built from
the facts already gathered while copying, each record is encoded once (dicomdir_encode), and
the offsets between records (fixed-width UL values) are patched into the encoded bytes.

Studies that lack the Type 1 keys of a STUDY record (anonymised studies often have no Study
Date, Study Time or Study ID) are listed without inventing a clinical date; see
``study_keys`` for the rules and the notes each leaves for the user.
"""

from __future__ import annotations

import io
import os
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.filewriter import write_file_meta_info
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from recordorg import __version__
from recordorg.bundle.dicom_media import MediaInstance
from recordorg.bundle.dicomdir_encode import encode_dataset, encode_keys, record_dataset
from recordorg.bundle.names import file_set_id as clean_file_set_id
from recordorg.formats.dicom import iso_date, iso_time

MEDIA_STORAGE_DIRECTORY = "1.2.840.10008.1.3.10"
ITEM = b"\xfe\xff\x00\xe0"
UTF8 = "ISO_IR 192"
NO_DATE, NO_TIME = "19000101", "000000"  # PS3.15 dummy values: "no date", never a real one


@dataclass
class Node:
    """One directory record and the records below it."""

    kind: str
    keys: dict[str, Any]
    charset: str = ""
    extra: Dataset | None = None  # keys with sequences, for records other than IMAGE
    children: list[Node] = field(default_factory=list)
    offset: int = 0
    encoded: bytes = b""

    def encode(self) -> bytes:
        if self.extra is None:
            return encode_keys(self.kind, self.keys, self.charset)
        return encode_dataset(record_dataset(self.kind, self.keys, self.extra, self.charset))


@dataclass
class DicomdirReport:
    path: Path
    records: int
    notes: list[str] = field(default_factory=list)  # what was done about missing keys


def _charset(*texts: str) -> str:
    return UTF8 if any(not t.isascii() for t in texts if t) else ""


def dicom_day(value: str) -> str:
    """A date as a DA value ("YYYYMMDD"), the old ACR-NEMA "YYYY.MM.DD" too; "" if none."""
    return iso_date(value).replace("-", "")


def dicom_time(value: str) -> str:
    """A time as a TM value: kept when it is one, the old "HH:MM:SS" made one; "" if none."""
    if re.fullmatch(r"\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?", value.strip()):
        return value.strip()
    return iso_time(value).replace(":", "")


def study_keys(study: list[MediaInstance], number: int, notes: list[str]) -> dict[str, object]:
    """The STUDY record's keys. PS3.3 F.5.2 makes Study Date, Study Time and Study ID Type 1
    (a value is required) though the images' own IOD makes them Type 2 (may be empty), and
    anonymised studies often lack them. recordorg never makes up a clinical date:

    - Study Date and Time: the earliest series, acquisition or content date found in the
      study's own files (a real date of this study; the notes say so). If the files hold no
      date at all, the record carries the placeholder 19000101 / 000000 — PS3.15's "dummy
      value" for a Type 1 attribute (action D), a value DICOM viewers show as "no date"
      rather than a date of care. The images themselves keep their empty Study Date, so
      anything that imports them (recordorg included) finds no date, and the README and
      INDEX.HTM of the bundle say which studies are undated.
    - Study Time alone missing: 000000 with the real date, likewise noted.
    - Study ID: the bundle's study number ("1", "2", ...), an identifier with no clinical
      meaning (PS3.15 allows a replaced Study ID).

    Empty Type 1 keys were tried first; dciodvfy rejects them ("Empty attribute (no value)
    Type 1 Required"), and pydicom's and dcmtk's DICOMDIR writers refuse such studies.
    """
    first = study[0]
    day, time_of_day = dicom_day(first.study_date), dicom_time(first.study_time)
    label = first.study_description or f"Study {number}"
    if not day:
        found = sorted({d for i in study for d in i.other_dates})
        if found:
            day, time_of_day = found[0]
            notes.append(
                f"{label}: no Study Date in the files; the DICOMDIR uses the "
                f"earliest date of its images ({day[:4]}-{day[4:6]}-{day[6:8]})."
            )
        else:
            day, time_of_day = NO_DATE, NO_TIME
            notes.append(
                f"{label}: the files hold no date; the DICOMDIR shows the "
                "placeholder 1900-01-01, meaning no date (none was made up)."
            )
    if not time_of_day:
        time_of_day = NO_TIME
        if day != NO_DATE:
            notes.append(f"{label}: no Study Time in the files; the DICOMDIR shows 00:00.")
    study_id = first.study_id or str(number)
    if not first.study_id:
        notes.append(f"{label}: no Study ID in the files; the DICOMDIR numbers it {number}.")
    return {
        "StudyDate": day,
        "StudyTime": time_of_day,
        "StudyDescription": first.study_description,
        "StudyInstanceUID": first.study_instance_uid,
        "StudyID": study_id,
        "AccessionNumber": first.accession_number,
    }


def build_tree(instances: list[MediaInstance], notes: list[str]) -> list[Node]:
    """Patients > studies > series > files, in a stable order."""
    patients: dict[str, dict[str, dict[str, list[MediaInstance]]]] = {}
    for inst in instances:
        pid = inst.patient_id or "UNKNOWN"
        patients.setdefault(pid, {}).setdefault(inst.study_instance_uid, {}).setdefault(
            inst.series_instance_uid, []
        ).append(inst)
    roots: list[Node] = []
    study_number = 0
    for pid, studies in patients.items():
        some = next(iter(next(iter(studies.values())).values()))[0]
        if not some.patient_id:
            notes.append(
                "Some images name no patient ID; the directory lists them under the ID UNKNOWN."
            )
        patient = Node(
            "PATIENT",
            {"PatientName": some.patient_name, "PatientID": pid},
            _charset(some.patient_name),
        )
        roots.append(patient)
        for series_map in studies.values():
            study_number += 1
            files = [i for s in series_map.values() for i in s]
            keys = study_keys(files, study_number, notes)
            study = Node(
                "STUDY", keys, _charset(str(keys["StudyDescription"]), str(keys["AccessionNumber"]))
            )
            patient.children.append(study)
            for n, series_files in enumerate(series_map.values(), 1):
                head = series_files[0]
                number = head.series_number if head.series_number is not None else n
                series = Node(
                    "SERIES",
                    {
                        "Modality": head.modality or "OT",
                        "SeriesInstanceUID": head.series_instance_uid,
                        "SeriesNumber": number,
                    },
                )
                study.children.append(series)
                for m, inst in enumerate(series_files, 1):
                    series.children.append(_leaf(inst, m))
    return roots


def _leaf(inst: MediaInstance, position: int) -> Node:
    refs = {
        "ReferencedFileID": inst.file_id,
        "ReferencedSOPClassUIDInFile": inst.sop_class_uid,
        "ReferencedSOPInstanceUIDInFile": inst.sop_instance_uid,
        "ReferencedTransferSyntaxUIDInFile": inst.transfer_syntax_uid,
    }
    if inst.record_type != "IMAGE" and inst.record_keys is not None:
        extra = Dataset()
        for elem in inst.record_keys:
            extra.add(elem)
        charset = inst.charset if "SpecificCharacterSet" not in extra else ""
        return Node(inst.record_type, refs, charset, extra)
    number = inst.instance_number if inst.instance_number is not None else position
    return Node("IMAGE", {**refs, "InstanceNumber": number})


def _flatten(nodes: list[Node]) -> list[Node]:
    ordered: list[Node] = []
    for node in nodes:
        ordered.append(node)
        ordered.extend(_flatten(node.children))
    return ordered


def _patch(node: Node, next_offset: int, lower_offset: int) -> bytes:
    data = bytearray(node.encoded)
    # The record starts with (0004,1400) UL, (0004,1410) US and (0004,1420) UL, 12 + 10 + 12
    # bytes in Explicit VR Little Endian; their values sit at bytes 8-12 and 30-34.
    assert data[:6] == b"\x04\x00\x00\x14UL" and data[22:28] == b"\x04\x00\x20\x14UL"
    struct.pack_into("<L", data, 8, next_offset)
    struct.pack_into("<L", data, 30, lower_offset)
    return ITEM + struct.pack("<L", len(data)) + bytes(data)


def dicomdir_bytes(
    instances: list[MediaInstance], file_set_id: str = "RECORDORG", file_set_uid: str | None = None
) -> tuple[bytes, int, list[str]]:
    """The DICOMDIR file's bytes, the number of records and notes on missing keys."""
    notes: list[str] = []
    roots = build_tree(instances, notes)
    nodes = _flatten(roots)
    for node in nodes:
        node.encoded = node.encode()
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = MEDIA_STORAGE_DIRECTORY
    meta.MediaStorageSOPInstanceUID = file_set_uid or generate_uid()
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationVersionName = f"RECORDORG_{__version__}"[:16]
    head = io.BytesIO()
    head.write(b"\x00" * 128 + b"DICM")
    write_file_meta_info(head, meta, enforce_standard=True)
    top = Dataset()
    top.FileSetID = clean_file_set_id(file_set_id)
    top.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity = 0
    top.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity = 0
    top.FileSetConsistencyFlag = 0
    top_bytes = encode_dataset(top)
    start = len(head.getvalue()) + len(top_bytes) + 12  # + the sequence's own header
    position = start
    for node in nodes:
        node.offset = position
        position += 8 + len(node.encoded)
    _link(roots)
    items = b"".join(node.encoded for node in nodes)
    top.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity = roots[0].offset if roots else 0
    top.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity = roots[-1].offset if roots else 0
    top_bytes = encode_dataset(top)
    sequence = b"\x04\x00\x20\x12SQ\x00\x00" + struct.pack("<L", len(items))
    return head.getvalue() + top_bytes + sequence + items, len(nodes), notes


def _link(siblings: list[Node]) -> None:
    for n, node in enumerate(siblings):
        following = siblings[n + 1].offset if n + 1 < len(siblings) else 0
        lower = node.children[0].offset if node.children else 0
        _link(node.children)
        node.encoded = _patch(node, following, lower)


def write_dicomdir(
    path: Path,
    instances: list[MediaInstance],
    file_set_id: str = "RECORDORG",
    file_set_uid: str | None = None,
) -> DicomdirReport:
    """Write the DICOMDIR for these files at `path` (atomically)."""
    data, count, notes = dicomdir_bytes(instances, file_set_id, file_set_uid)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)
    return DicomdirReport(path, count, notes)
