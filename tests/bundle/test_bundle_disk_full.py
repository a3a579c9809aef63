"""Exporting to a disk that is too small or fills while the bundle is written: a clear
message, no partial bundle left, the library untouched."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recordorg.bundle.plan import BundleOptions, plan_bundle
from recordorg.core.catalogue.check import check_library
from recordorg.core.catalogue.disk_space import DiskFull
from recordorg.core.catalogue.library import Library
from tests.bundle.conftest import PERSON, export
from tests.jobs.small_disk import small_disk

FULL = re.compile(r"The disk holding the bundle is full: [\d.]+ (KB|MB) free, [\d.]+ MB needed")
MB = 1024 * 1024


def _records_size(root: Path) -> int:
    library = Library.open(root)
    try:
        return plan_bundle(library, person=PERSON, options=BundleOptions()).total_bytes
    finally:
        library.close()


def _library_is_whole(root: Path) -> None:
    library = Library.open(root)
    try:
        assert check_library(library).ok
    finally:
        library.close()


def test_a_disk_smaller_than_the_records_is_refused_before_writing(demo_library, tmp_path):
    with small_disk(tmp_path / "usb", 1) as usb:
        with pytest.raises(DiskFull) as refused:
            export(demo_library, usb / "BUNDLE")
        assert FULL.search(str(refused.value)), refused.value
        assert "nothing was left there" in str(refused.value)
        assert list(usb.iterdir()) == []
    _library_is_whole(demo_library)


@pytest.mark.parametrize("name", ["BUNDLE.zip", "BUNDLE"])
def test_a_disk_that_fills_while_writing_leaves_no_partial_bundle(
    demo_library, bundle, tmp_path, name
):
    written = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    records = _records_size(demo_library)
    assert written > records + MB / 2  # room for the records, not for the whole bundle
    with small_disk(tmp_path / "usb", (records + written) / 2 / MB) as usb:
        with pytest.raises(DiskFull) as stopped:
            export(demo_library, usb / name)
        assert FULL.search(str(stopped.value)), stopped.value
        assert list(usb.iterdir()) == []  # no bundle, no hidden .part folder or file
    _library_is_whole(demo_library)
