"""De-identifying what leaves the computer: DICOM (PS3.15 Basic Profile), names in text.

One ``Deidentifier`` serves a whole export, so every UID is remapped the same way in every
file (series still group, references still point at the right image) and every date moves
by the same offset (or is removed). Text inside documents and text burned into image pixels
is not touched: the export warns about both.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import date, timedelta

from pydicom.dataelem import DataElement
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

from recordorg import __version__
from recordorg.bundle.deid_rules import (
    BURNED_IN_MODALITIES,
    CLEAN,
    EMPTY,
    KEEP,
    METHOD_CODES,
    REMOVE,
    SECONDARY_CAPTURE_PREFIX,
    STANDARD_UID_ROOT,
)
from recordorg.bundle.deidentify_docs import CannotClean, strip_pdf
from recordorg.bundle.plan import BundleOptions
from recordorg.core.catalogue.patient_match import Patient, display_name, same_patient
from recordorg.core.wording import reduced_iso
from recordorg.formats.dicom import iso_date
from recordorg.formats.dicom_document import encapsulated_pdf
from recordorg.formats.dicom_header import dicom_header

WARNING = (
    "De-identified: names, identifiers and other identifying details were removed from the "
    "DICOM images and from the metadata of documents and photos. Text written inside the "
    "documents and text burned into image pixels were NOT changed and may still identify "
    "the person: read them before sending."
)
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})")


class Deidentifier:
    """The de-identification of one export: UID map, date offset and names to scrub."""

    def __init__(
        self,
        options: BundleOptions,
        names: list[str] = (),
        secret: bytes | None = None,
        person: Patient | None = None,
        patients: list[Patient] = (),
    ) -> None:
        """`names`: the person's names and IDs; `patients`: the patients the chosen records
        name, in the bundle's order, each coded now so text and images name them alike."""
        self.options = options
        self.code = options.case_code or "CASE"
        self.secret = secret if secret is not None else secrets.token_bytes(32)
        self._uids: dict[str, str] = {}
        # Each patient met and their code: the person's is the case code, others get their own.
        self._patients: list[tuple[Patient, str]] = [(person, self.code)] if person else []
        for patient in patients:
            self.code_of(patient)
        self._codes = names_and_codes(names, self.code, self._patients)
        self._names = _name_pattern(list(self._codes))

    # -- values ----------------------------------------------------------------------------
    def uid(self, value: str) -> str:
        """The same new UID for the same old one (DICOM's own class UIDs are kept)."""
        value = str(value).strip()
        if not value or value.startswith(STANDARD_UID_ROOT):
            return value
        if value not in self._uids:
            digest = hashlib.sha256(self.secret + value.encode("ascii", "replace")).digest()
            self._uids[value] = "2.25." + str(int.from_bytes(digest[:16], "big"))
        return self._uids[value]

    def da(self, value: str) -> str:
        """A DICOM date (YYYYMMDD) shifted, or emptied when dates are removed."""
        text = str(value).strip()
        match = _DATE.match(text)
        if not match or self.options.remove_dates:
            return ""
        if not self.options.date_shift_days:
            return text
        try:
            day = date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return ""
        moved = day + timedelta(days=self.options.date_shift_days)
        return moved.strftime("%Y%m%d") + text[8:]

    def scrub(self, text: str) -> str:
        """Text with the person's names replaced by the case code, and another patient's
        by that patient's own code, as their images are named (safe to repeat)."""
        if not text or self._names is None:
            return text
        return self._names.sub(lambda m: self._codes.get(m[0].casefold(), self.code), text)

    def clean(self, text: str) -> str:
        """Free text from the library made fit for the bundle: names replaced by the case
        code, and every date it mentions ("5 Aug 2024", "2024-08-05", "05/08/2024") moved
        by the offset or removed. Apply it once to a text: moving dates is not repeatable."""
        if not text:
            return text
        return self.scrub(move_dates(text, self.options))

    def patient_code(self, ds: Dataset) -> str:
        """The code that names this dataset's patient: the case code for the person (or the
        first patient met), "<case code>-2", "-3"... for each other patient, so images of
        different patients are never merged under one code."""
        header = dicom_header(ds)
        sex = header.patient_sex.upper()[:1]
        birth = iso_date(header.patient_birth_date)
        return self.code_of(Patient(header.patient_name, birth, header.patient_id, sex))

    def code_of(self, patient: Patient) -> str:
        """The code of a patient: the one they were given when first met, else the next."""
        if not patient.known:
            return self.code
        for known, code in self._patients:
            if same_patient(known, patient):
                return code
        code = f"{self.code}-{len(self._patients) + 1}" if self._patients else self.code
        self._patients.append((patient, code))
        return code

    # -- DICOM -----------------------------------------------------------------------------
    def dataset(self, ds: Dataset, study_id: str = "") -> list[str]:
        """De-identify a dataset in place (file meta too); returns warnings for the user."""
        warnings = _clean_document(ds) or _burned_in_warnings(ds)
        code = self.patient_code(ds)
        ds.remove_private_tags()
        self._walk(ds)
        ds.PatientName = code  # a family name alone: PS3.5 drops trailing empty components
        ds.PatientID = code
        ds.StudyID = study_id
        ds.PatientIdentityRemoved = "YES"
        ds.LongitudinalTemporalInformationModified = (
            "REMOVED" if self.options.remove_dates else "MODIFIED"
        )
        ds.DeidentificationMethod = f"recordorg {__version__}: PS3.15 Basic Profile"[:64]
        ds.DeidentificationMethodCodeSequence = Sequence(
            [_code(*METHOD_CODES[key]) for key in self._options_used()]
        )
        meta = getattr(ds, "file_meta", None)
        if meta is not None and "MediaStorageSOPInstanceUID" in meta:
            meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        if meta is not None and "SourceApplicationEntityTitle" in meta:
            del meta.SourceApplicationEntityTitle
        return warnings

    def _options_used(self) -> list[str]:
        used = ["basic", "clean_descriptors", "characteristics"]
        if not self.options.remove_dates and self.options.date_shift_days:
            used.append("modified_dates")
        return used

    def _walk(self, ds: Dataset) -> None:
        for elem in list(ds):
            if _removed(elem):
                del ds[elem.tag]
            elif elem.keyword in EMPTY:
                elem.value = None if elem.VR == "SQ" else ""
            elif elem.keyword in KEEP:
                continue
            elif elem.VR == "SQ":
                for item in elem.value or []:
                    self._walk(item)
            else:
                self._clean_element(elem)

    def _clean_element(self, elem: DataElement) -> None:
        """One element's value by its kind: UIDs remapped, names emptied, dates moved (times
        removed with the dates), descriptions cleaned of names."""
        if elem.VR == "UI":
            elem.value = _map_values(elem.value, self.uid)
        elif elem.VR == "PN":
            elem.value = ""
        elif elem.VR in ("DA", "DT"):
            elem.value = _map_values(elem.value, self.da)
        elif elem.VR == "TM" and self.options.remove_dates:
            elem.value = ""
        elif elem.keyword in CLEAN and elem.VR in ("LO", "SH", "ST", "LT", "UT", "CS"):
            elem.value = _map_values(elem.value, self.clean)


def _removed(elem: DataElement) -> bool:
    """Private elements, overlays and curves (groups 60xx, 50xx), and what the profile
    removes."""
    group = elem.tag.group
    return (
        elem.tag.is_private
        or 0x5000 <= group <= 0x50FF
        or 0x6000 <= group <= 0x60FF
        or elem.keyword in REMOVE
    )


def _map_values(value, func):
    if value is None or value == "":
        return value
    if isinstance(value, (list, tuple)) or type(value).__name__ == "MultiValue":
        return [func(str(v)) for v in value]
    return func(str(value))


def _code(value: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = "DCM"
    item.CodeMeaning = meaning
    return item


def _clean_document(ds: Dataset) -> list[str]:
    """A PDF report carried inside the file loses its hidden details as a PDF file does;
    what it says stays, and the user is told so."""
    data = encapsulated_pdf(ds)
    if data is None:
        return []
    try:
        cleaned = strip_pdf(data)
    except CannotClean as error:
        return [
            f"A report inside an imaging study could not be cleaned ({error}): its hidden "
            "details and its text may name the person; leave that study out or check it."
        ]
    ds.EncapsulatedDocument = cleaned + (b"\0" if len(cleaned) % 2 else b"")
    if "EncapsulatedDocumentLength" in ds or len(cleaned) % 2:
        ds.EncapsulatedDocumentLength = len(cleaned)
    return [
        "A report inside an imaging study (a PDF) had its hidden details removed, but "
        "what it says may still name the person; read it before sending."
    ]


def _burned_in_warnings(ds: Dataset) -> list[str]:
    modality = str(ds.get("Modality") or "").upper()
    sop_class = str(ds.get("SOPClassUID") or "")
    burned = str(ds.get("BurnedInAnnotation") or "").upper()
    if (
        burned == "YES"
        or modality in BURNED_IN_MODALITIES
        or sop_class.startswith(SECONDARY_CAPTURE_PREFIX)
    ):
        what = f"{modality} images" if modality else "These images"
        return [
            f"{what} often have the name and date burned into the picture itself; "
            "look at them before sending."
        ]
    return []


def _name_parts(name: str) -> list[str]:
    """A name whole (as written, as "DOE JOHN" and as "John Doe") and its
    words; an identifier as it is."""
    wholes = {name.strip(), " ".join(re.split(r"[\s^,]+", name)).strip(), display_name(name)}
    words = [p for p in re.split(r"[^\w'-]+", name) if len(p) >= 2 and not p.isdigit()]
    return [w for w in wholes if w] + words


def names_and_codes(
    names: list[str], code: str, patients: list[tuple[Patient, str]]
) -> dict[str, str]:
    """Each name, word of a name and identifier to replace (case-folded) and its code: the
    person's first, so a family name two patients share stays the person's."""
    found: dict[str, str] = {}
    own = [*names, *(v for p, c in patients if c == code for v in (p.name, p.patient_id))]
    others = [(v, c) for p, c in patients if c != code for v in (p.name, p.patient_id)]
    for value, its_code in [(n, code) for n in own] + others:
        for part in _name_parts(value or ""):
            found.setdefault(part.casefold(), its_code)
    return found


def _name_pattern(parts: list[str]) -> re.Pattern[str] | None:
    if not parts:
        return None
    ordered = sorted(parts, key=len, reverse=True)  # whole names before their parts
    alternatives = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def move_dates(text: str, options: BundleOptions) -> str:
    """The text with each date it mentions written as the bundle shows dates (ISO, moved by
    the offset) or as "[date removed]"."""
    from recordorg.core.understanding.dates import find_dates

    if not options.deidentify or not options.date_shift_days and not options.remove_dates:
        return text
    pieces, last = [], 0
    for mention in find_dates(text):
        start = mention.offset
        end = _span_end(text, start, mention.written)
        if start < last or end is None:
            continue
        moved = options.bundle_date(reduced_iso(mention.value, mention.precision))
        pieces += [text[last:start], moved or "[date removed]"]
        last = end
    return "".join(pieces) + text[last:]


def _span_end(text: str, start: int, written: str) -> int | None:
    """Where the date written (spaces normalised) at `start` ends in the text."""
    for end in range(start + len(written), min(len(text), start + len(written) + 12) + 1):
        if " ".join(text[start:end].split()) == written:
            return end
    return None
