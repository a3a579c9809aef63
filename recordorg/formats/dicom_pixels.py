"""Turn DICOM pixel data into numbers and pictures: frames, windowing, thumbnails."""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.pixels import get_decoder
from pydicom.pixels.processing import apply_color_lut, apply_modality_lut, convert_color_space

from recordorg.formats.dicom_frames import preview_dataset
from recordorg.formats.dicom_jpeg import decode_forgiving
from recordorg.formats.dicom_values import frame_count, transfer_syntax
from recordorg.formats.extracted import UnreadableFile
from recordorg.formats.sniff import has_dicom_prefix

WINDOW_PRESETS: dict[str, tuple[float, float]] = {
    "Soft tissue": (40, 400),
    "Lung": (-600, 1500),
    "Bone": (400, 1800),
    "Brain": (40, 80),
}
MAX_FRAME_VALUES = 150_000_000  # rows x columns x samples of one frame
PIXEL_KEYWORDS = ("PixelData", "FloatPixelData", "DoubleFloatPixelData")

DAMAGED_IMAGE = "The image inside this DICOM file is damaged and cannot be shown."


def _without_plugin_tracebacks(record: logging.LogRecord) -> bool:
    """pydicom logs every decoding plugin's failure with its traceback before it raises;
    the user hears of a frame that cannot be decoded once, in words (DAMAGED_IMAGE)."""
    return record.funcName != "_decode_frame"


logging.getLogger("pydicom.pixels.decoders.base").addFilter(_without_plugin_tracebacks)


def _is_decoder_failure(exc: BaseException) -> bool:
    """Any decoder error means the stored image is broken. The Rust decoders (pylibjpeg-rle)
    panic with pyo3's PanicException, which derives from BaseException, not Exception."""
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _dataset(path_or_dataset: Path | str | Dataset, first_frame_only: bool = False) -> Dataset:
    if isinstance(path_or_dataset, Dataset):
        return path_or_dataset
    path = Path(path_or_dataset)
    with path.open("rb") as f:
        preamble = has_dicom_prefix(f.read(132))
    try:
        if first_frame_only:
            return preview_dataset(path)
        return pydicom.dcmread(path, force=not preamble)
    except Exception as exc:  # a damaged file can break the parser anywhere
        raise UnreadableFile("This DICOM file is damaged and cannot be read.") from exc


def _get(ds: Dataset, keyword: str) -> Any:
    """An element's value, or None if it is missing or too damaged to decode."""
    try:
        return ds.get(keyword)
    except Exception:
        return None


def _first(value: Any) -> float | None:
    """First number of a possibly multi-valued element."""
    if value is None:
        return None
    if hasattr(value, "__len__") and not isinstance(value, (str, bytes)):
        value = value[0] if len(value) else None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _functional_group_item(ds: Dataset, frame: int, sequence: str) -> Dataset | None:
    """An item of a functional-group macro (enhanced multi-frame objects), per frame first."""
    for keyword, index in (
        ("PerFrameFunctionalGroupsSequence", frame),
        ("SharedFunctionalGroupsSequence", 0),
    ):
        try:
            groups = ds.get(keyword)
            if groups and len(groups) > index and sequence in groups[index]:
                items = groups[index][sequence]
                if items:
                    return items[0]
        except Exception:  # a damaged sequence simply does not count
            continue
    return None


def _rescale(arr: np.ndarray, ds: Dataset, frame: int) -> np.ndarray:
    """Modality LUT: RescaleSlope/Intercept, a Modality LUT Sequence, or the functional groups."""
    if ds.get("ModalityLUTSequence"):
        return apply_modality_lut(arr, ds).astype(np.float32)
    source: Dataset | None = ds if "RescaleSlope" in ds or "RescaleIntercept" in ds else None
    if source is None:
        source = _functional_group_item(ds, frame, "PixelValueTransformationSequence")
    values = arr.astype(np.float32)
    if source is not None:
        slope = _first(_get(source, "RescaleSlope"))
        intercept = _first(_get(source, "RescaleIntercept"))
        if slope is not None and slope != 1:
            values *= np.float32(slope)
        if intercept:
            values += np.float32(intercept)
    return values


def _to_uint8_rgb(arr: np.ndarray, bits_stored: int) -> np.ndarray:
    if arr.dtype == np.uint8:
        return arr
    top = float(2**bits_stored - 1) if 8 < bits_stored <= 32 else float(arr.max() or 1)
    return np.clip(np.rint(arr.astype(np.float64) * (255.0 / top)), 0, 255).astype(np.uint8)


def _palette(arr: np.ndarray, ds: Dataset) -> np.ndarray:
    rgb = apply_color_lut(arr, ds)[..., :3]
    if rgb.dtype != np.uint8:
        rgb = rgb >> 8 if rgb.max() > 255 else rgb  # some 16-bit palettes hold 8-bit values
    return rgb.astype(np.uint8)


def load_frame(path_or_dataset: Path | str | Dataset, frame: int = 0) -> np.ndarray:
    """One frame as numbers: greyscale as float32 (rows, columns) after the modality LUT
    (e.g. Hounsfield units for CT); colour as uint8 RGB (rows, columns, 3)."""
    ds = _dataset(path_or_dataset)
    frames = frame_count(ds)
    if not 0 <= frame < frames:
        raise IndexError(f"frame {frame} does not exist; the image has {frames} frame(s)")
    try:
        return _load_frame(ds, frame)
    except UnreadableFile:
        raise
    except BaseException as exc:
        if not _is_decoder_failure(exc):
            raise
        raise UnreadableFile(DAMAGED_IMAGE) from exc


def _load_frame(ds: Dataset, frame: int) -> np.ndarray:
    if not any(keyword in ds for keyword in PIXEL_KEYWORDS):
        raise UnreadableFile("This DICOM file holds no image.")
    rows, columns = int(ds.Rows), int(ds.Columns)
    samples = int(ds.get("SamplesPerPixel") or 1)
    if rows * columns * samples > MAX_FRAME_VALUES:
        raise UnreadableFile("This scan image is too large to show safely.")
    ts = transfer_syntax(ds)
    if "TransferSyntaxUID" not in getattr(ds, "file_meta", {}):
        ds.file_meta = getattr(ds, "file_meta", None) or FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ts
    try:
        decoder = get_decoder(ts)
    except NotImplementedError:
        decoder = None
    if decoder is None or not decoder.is_available:
        raise UnreadableFile(
            f"This scan uses a kind of compression this app cannot show yet ({ts.name})."
        )
    arr, photometric = _decoded(decoder, ds, frame)
    if photometric == "PALETTE COLOR":
        return _palette(arr, ds)
    if arr.ndim == 3:
        if samples != 3:
            raise UnreadableFile("This scan stores colour in an old way this app cannot show.")
        if photometric in ("YBR_FULL", "YBR_FULL_422"):
            arr = convert_color_space(arr, photometric, "RGB")
        bits_stored = int(ds.get("BitsStored") or ds.get("BitsAllocated") or 8)
        return _to_uint8_rgb(arr, bits_stored)
    return _rescale(arr, ds, frame)


def _decoded(decoder: Any, ds: Dataset, frame: int) -> tuple[np.ndarray, str]:
    """A frame's stored values and its photometric interpretation as decoded; a sequential
    JPEG that pydicom's decoders refuse for its scan header is repaired and decoded."""
    try:
        arr, info = decoder.as_array(ds, index=frame)
    except Exception:
        arr = decode_forgiving(ds, frame)
        if arr is None:
            raise
        return arr, str(ds.PhotometricInterpretation)
    return arr, str(info.get("photometric_interpretation") or ds.PhotometricInterpretation)


def default_window(ds: Dataset, array: np.ndarray | None = None) -> tuple[float, float]:
    """Window (center, width) to show a greyscale frame: the file's own first window, else
    one spanning the frame's lowest to highest value."""
    sources = [ds, _functional_group_item(ds, 0, "FrameVOILUTSequence")]
    for source in sources:
        if source is None:
            continue
        center = _first(_get(source, "WindowCenter"))
        width = _first(_get(source, "WindowWidth"))
        if center is not None and width is not None and width >= 1:
            return center, width
    if array is None:
        array = load_frame(ds, 0)
    if array.ndim == 3:
        return 127.5, 256.0
    finite = array[np.isfinite(array)]
    if finite.size == 0:
        return 0.0, 1.0
    low, high = float(finite.min()), float(finite.max())
    width = max(high - low + 1.0, 1.0)
    return low + width / 2.0, width


def to_display(
    array: np.ndarray, center: float, width: float, photometric: str = "MONOCHROME2"
) -> np.ndarray:
    """Greyscale values to 0-255 with the linear window of PS3.3 C.11.2.1.2.1; MONOCHROME1
    (white = low values) is inverted. Colour arrays pass through."""
    if array.ndim == 3:
        return array.astype(np.uint8, copy=False)
    values = array.astype(np.float32, copy=False)  # float32: fast enough to drag a window
    if width <= 1:
        shown = np.where(values > center - 0.5, np.float32(255), np.float32(0))
    else:
        scale = np.float32(255.0 / (width - 1.0))
        shown = (values - np.float32(center - 0.5)) * scale + np.float32(127.5)
    shown = np.clip(np.rint(shown), 0, 255).astype(np.uint8)
    if photometric.strip().upper() == "MONOCHROME1":
        shown = 255 - shown
    return shown


def render_thumbnail(path: Path | str | Dataset, size: int = 256) -> bytes:
    """A PNG of the first frame, at most `size` pixels on its long side."""
    ds = _dataset(path, first_frame_only=True)
    array = load_frame(ds, 0)
    if array.ndim == 2:
        center, width = default_window(ds, array)
        photometric = str(_get(ds, "PhotometricInterpretation") or "")
        array = to_display(array, center, width, photometric)
    image = Image.fromarray(array)
    image.thumbnail((size, size))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
