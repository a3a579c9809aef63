"""Frames decoded ahead in decoder processes, for the study viewer."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pydicom

from recordorg.formats.dicom_pixels import load_frame
from recordorg.jobs.frame_decoder import FrameDecoder
from recordorg.samples.dicom import make_series


def _collect(decoder: FrameDecoder, wanted: int, seconds: float = 30) -> dict:
    got: dict = {}
    deadline = time.monotonic() + seconds
    while len(got) < wanted and time.monotonic() < deadline:
        decoder.wait(0.2)
        got.update(dict(decoder.ready()))
    return got


def test_frames_come_back_as_the_viewer_would_decode_them(tmp_path: Path) -> None:
    paths = make_series(tmp_path / "ct", slices=6, rows=64, cols=64)
    broken = tmp_path / "broken.dcm"
    broken.write_bytes(b"not DICOM at all")
    decoder = FrameDecoder(processes=2)
    try:
        keys = [(str(p), 0) for p in paths] + [(str(broken), 0)]
        decoder.ask(keys)
        got = _collect(decoder, len(keys))
        assert set(got) == set(keys)
        for path in paths:
            expected = load_frame(pydicom.dcmread(path), 0)
            assert np.array_equal(got[(str(path), 0)], expected)
        assert got[(str(broken), 0)] is None  # said when shown, not here
    finally:
        decoder.close()
    assert not decoder.alive


def test_a_newer_request_replaces_the_older_one(tmp_path: Path) -> None:
    paths = make_series(tmp_path / "ct", slices=40, rows=128, cols=128)
    decoder = FrameDecoder(processes=1)
    try:
        decoder.ask([(str(p), 0) for p in paths[:30]])
        decoder.ask([(str(paths[-1]), 0)])
        got = _collect(decoder, 1)
        time.sleep(0.3)
        got.update(dict(decoder.ready()))
        assert (str(paths[-1]), 0) in got
        assert len(got) < 30  # most of the first list was dropped
    finally:
        decoder.close()
