"""Synthetic anatomy-like pixel arrays for sample DICOM: CT body, MR head, ultrasound."""

from __future__ import annotations

import numpy as np


def _grid(rows: int, cols: int, spacing: float) -> tuple[np.ndarray, np.ndarray]:
    """Millimetre coordinates of pixel centres, origin at the image centre, y downwards."""
    y = (np.arange(rows, dtype=np.float32) - (rows - 1) / 2) * spacing
    x = (np.arange(cols, dtype=np.float32) - (cols - 1) / 2) * spacing
    return x[None, :], y[:, None]


def _ellipse(x: np.ndarray, y: np.ndarray, cx: float, cy: float, a: float, b: float) -> np.ndarray:
    return ((x - cx) / a) ** 2 + ((y - cy) / b) ** 2 <= 1.0


def ct_slice(position: float, rows: int, cols: int, spacing: float, seed: int = 0) -> np.ndarray:
    """Hounsfield units (int16) of an axial body slice; `position` 0 = upper chest, 1 = pelvis."""
    t = float(np.clip(position, 0.0, 1.0))
    x, y = _grid(rows, cols, spacing)
    hu = np.full((rows, cols), -1000.0, dtype=np.float32)
    hu[(y > 135) & (y < 142) & (np.abs(x) < 190)] = 150  # scanner table
    a, b = 165 - 15 * abs(t - 0.5), 115 + 10 * t
    hu[_ellipse(x, y, 0, 0, a, b)] = -100  # subcutaneous fat
    hu[_ellipse(x, y, 0, 0, a - 14, b - 12)] = 40  # muscle and organs
    if t < 0.45:  # lungs shrink towards the diaphragm
        k = 1.0 - t / 0.45
        for side in (-1, 1):
            hu[_ellipse(x, y, side * 72, -5, 55 * k + 10, 80 * k + 10)] = -850
        if t < 0.35:
            hu[_ellipse(x, y, 20, -20, 45, 40)] = 45  # heart
            hu[_ellipse(x, y, 25, -25, 15, 12)] = 180  # contrast in the chambers
        hu[_ellipse(x, y, 80, 30, 4.5, 4.5) & (abs(t - 0.3) < 0.05)] = 30  # lung nodule
    if 0.3 < t < 0.7:
        hu[_ellipse(x, y, -60, 5, 70, 60)] = 60  # liver
        hu[_ellipse(x, y, -75, 15, 16, 14) & (abs(t - 0.5) < 0.1)] = 25  # metastasis
        hu[_ellipse(x, y, -40, -20, 8, 8) & (abs(t - 0.42) < 0.05)] = 25  # metastasis
    if 0.55 < t < 0.8:
        for side in (-1, 1):
            hu[_ellipse(x, y, side * 68, 45, 22, 30)] = 150  # kidneys
    hu[_ellipse(x, y, 15, 45, 12, 12)] = 200  # aorta with contrast
    hu[_ellipse(x, y, 0, 78, 22, 20)] = 250  # vertebral body
    hu[_ellipse(x, y, 0, 78, 22, 20) & ~_ellipse(x, y, 0, 78, 19, 17)] = 800  # cortex
    hu[_ellipse(x, y, 0, 103, 8, 7)] = 20  # spinal canal
    if t > 0.8:
        for side in (-1, 1):
            ring = _ellipse(x, y, side * 95, 40, 30, 55) & ~_ellipse(x, y, side * 95, 40, 24, 48)
            hu[ring] = 700  # iliac bones
    rng = np.random.default_rng(seed)
    hu += rng.normal(0.0, 8.0, hu.shape).astype(np.float32)
    return np.clip(hu, -1024, 3071).astype(np.int16)


def mr_slice(position: float, rows: int, cols: int, spacing: float, seed: int = 0) -> np.ndarray:
    """T1 post-contrast-like signal (uint16) of an axial head slice; `position` 0..1 up."""
    t = float(np.clip(position, 0.0, 1.0))
    x, y = _grid(rows, cols, spacing)
    img = np.zeros((rows, cols), dtype=np.float32)
    k = float(np.sqrt(max(0.05, 1.0 - (2 * t - 0.8) ** 2)))  # head narrows towards the top
    img[_ellipse(x, y, 0, 0, 75 * k, 92 * k)] = 900  # scalp fat
    img[_ellipse(x, y, 0, 0, 70 * k, 87 * k)] = 60  # skull
    img[_ellipse(x, y, 0, 0, 64 * k, 81 * k)] = 250  # CSF
    img[_ellipse(x, y, 0, 0, 61 * k, 78 * k)] = 520  # grey matter
    img[_ellipse(x, y, 0, 0, 50 * k, 66 * k)] = 650  # white matter
    if 0.3 < t < 0.7:
        for side in (-1, 1):
            img[_ellipse(x, y, side * 9, -5, 6, 24)] = 250  # lateral ventricles
    if abs(t - 0.62) < 0.08:
        img[_ellipse(x, y, -28, -45, 6, 6)] = 700  # oedema
        img[_ellipse(x, y, -28, -45, 3.5, 3.5)] = 1150  # enhancing metastasis
    rng = np.random.default_rng(seed)
    img += np.abs(rng.normal(0.0, 12.0, img.shape)).astype(np.float32)
    return np.clip(img, 0, 4095).astype(np.uint16)


def us_frame(rows: int, cols: int, phase: float = 0.0, seed: int = 0) -> np.ndarray:
    """A greyscale ultrasound sector (uint8) with a pulsing dark cyst; `phase` 0..1."""
    yy, xx = np.mgrid[0:rows, 0:cols].astype(np.float32)
    apex_x, apex_y = cols / 2, rows * 0.05
    r = np.hypot(xx - apex_x, yy - apex_y)
    angle = np.arctan2(xx - apex_x, yy - apex_y)
    sector = (np.abs(angle) < 0.6) & (r < rows * 0.9)
    rng = np.random.default_rng(seed)
    speckle = rng.rayleigh(45.0, (rows, cols)).astype(np.float32)
    depth = 1.0 - r / (rows * 1.2)
    img = np.where(sector, speckle * depth + 30, 0)
    cyst = np.hypot(xx - cols * 0.55, yy - rows * 0.5) < rows * (0.1 + 0.02 * np.sin(6.283 * phase))
    img[cyst & sector] *= 0.15
    return np.clip(img, 0, 255).astype(np.uint8)
