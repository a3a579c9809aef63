"""The library folder: originals stored once by hash, staging emptied, orphans cleaned."""

from __future__ import annotations

import hashlib

from recordorg.core.catalogue.library import Library, keep_in_originals, stage_copy


def test_stage_and_keep_stores_once_by_hash(library: Library, tmp_path) -> None:
    source = tmp_path / "letter.txt"
    source.write_bytes(b"clinic letter" * 1000)
    staged = stage_copy(source, library.staging)
    assert staged.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert staged.size == source.stat().st_size
    assert staged.path.parent == library.staging
    kept = keep_in_originals(staged, library.originals)
    assert kept == library.original_path(staged.sha256)
    assert kept.read_bytes() == source.read_bytes()
    again = stage_copy(source, library.staging)
    assert keep_in_originals(again, library.originals) == kept
    assert list(library.staging.iterdir()) == []


def test_open_empties_staging_and_removes_orphans(tmp_path) -> None:
    library = Library.open(tmp_path / "lib")
    source = tmp_path / "scan.bin"
    source.write_bytes(b"x" * 5000)
    # kept, never committed
    orphan = keep_in_originals(stage_copy(source, library.staging), library.originals)
    leftover = stage_copy(source, library.staging)  # staged, never kept
    library.close()

    reopened = Library.open(tmp_path / "lib")
    assert not orphan.exists()
    assert not leftover.path.exists()
    assert reopened.orphan_originals() == []
    reopened.close()


def test_second_writer_is_told_the_library_is_busy(library: Library) -> None:
    import pytest

    from recordorg.core.errors import LibraryBusy

    with library.writer_lock():
        other = Library(library.root)
        with pytest.raises(LibraryBusy):
            with other.writer_lock():
                pass
