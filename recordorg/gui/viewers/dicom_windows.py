"""The window/level presets a study offers, by modality: CT's tissue windows in Hounsfield
units; for MR and the rest (whose values have no fixed meaning) the file's own window and
one read from the image's histogram. And the patient a DICOM file names, in words."""

from __future__ import annotations

import numpy as np

from recordorg.core.catalogue.patient_match import display_name
from recordorg.core.wording import long_date
from recordorg.formats.dicom_pixels import WINDOW_PRESETS

OWN = "own"  # the file's own window (or the image's whole range when it has none)
AUTO = "auto"  # from the histogram: the middle 98% of the image's values
CT_PRESETS: dict[str, tuple[float, float]] = {
    "Brain": WINDOW_PRESETS["Brain"],
    "Lung": WINDOW_PRESETS["Lung"],
    "Bone": WINDOW_PRESETS["Bone"],
    "Abdomen": WINDOW_PRESETS["Soft tissue"],
}
SEX_WORDS = {"F": "female", "M": "male", "O": "other"}


def presets_for(modality: str) -> dict[str, tuple[float, float] | None]:
    """The presets to offer for a modality, in order; None: computed from the file."""
    offered: dict[str, tuple[float, float] | None] = {OWN: None}
    if modality.upper() == "CT":
        offered.update(CT_PRESETS)
    offered[AUTO] = None
    return offered


def preset_words(name: str, window: tuple[float, float] | None) -> str:
    """How the preset box names a preset: "Brain  (W 80 L 40)", "The file's own window"."""
    if name == OWN:
        return "The file's own window"
    if name == AUTO:
        return "Auto (from the histogram)"
    return f"{name}  (W {window[1]:.0f} L {window[0]:.0f})" if window else name


def auto_window(array: np.ndarray) -> tuple[float, float]:
    """A window (center, width) spanning the middle 98% of a greyscale frame's values, so a
    few very bright or dark pixels do not wash the image out."""
    values = array[np.isfinite(array)] if array.dtype.kind == "f" else array.ravel()
    if values.size == 0:
        return 0.0, 1.0
    if values.size > 1_000_000:  # a sample is enough for percentiles
        values = values[:: values.size // 1_000_000 + 1]
    low, high = (float(v) for v in np.percentile(values, (1, 99)))
    width = max(high - low, 1.0)
    return low + width / 2.0, width


def patient_words(name: str, patient_id: str, birth_date: str, sex: str) -> list[str]:
    """The patient a file names, as lines: "Jane Doe · ID 12345", "born 4 March 1961 · female"
    (empty when the file names nobody)."""
    born = birth_date.strip()
    if len(born) == 8 and born.isdigit():
        born = f"{born[:4]}-{born[4:6]}-{born[6:]}"
    first = " · ".join(
        p for p in (display_name(name), f"ID {patient_id}" if patient_id else "") if p
    )
    second = " · ".join(
        p
        for p in (f"born {long_date(born)}" if born else "", SEX_WORDS.get(sex.strip().upper(), ""))
        if p
    )
    return [line for line in (first, second) if line]
