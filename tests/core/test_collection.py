"""The garbage collector told to stay out of the way of an export, then restored."""

from __future__ import annotations

import gc

import pytest

from recordorg.core.collection import YOUNG_THRESHOLD, fewer_collections


def test_old_objects_are_frozen_and_the_collector_runs_less_often_meanwhile() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold()[0] >= YOUNG_THRESHOLD
        cycle: list = []
        cycle.append(cycle)
        del cycle
        assert gc.collect() >= 1  # cycles made meanwhile are still found
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_restored_when_the_work_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("stopped")
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
