"""The remaining time of a long job: said only once it can be said honestly, in plain words."""

from __future__ import annotations

from recordorg.core.progress import Progress, RemainingTime, time_left


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_nothing_is_said_in_the_first_seconds_however_fast_it_starts() -> None:
    clock = Clock()
    remaining = RemainingTime(clock)
    assert remaining.seconds_left(Progress(0, 400, "IMG00000")) is None
    clock.now += 0.5
    assert remaining.seconds_left(Progress(40, 400, "IMG00040")) is None  # a burst, not a rate
    clock.now += 2.0
    assert remaining.seconds_left(Progress(41, 400, "IMG00041")) is None


def test_the_estimate_follows_the_rate_once_settled() -> None:
    clock = Clock()
    remaining = RemainingTime(clock)
    remaining.seconds_left(Progress(10, 410, "IMG00010"))
    clock.now += 10.0
    assert remaining.seconds_left(Progress(30, 410, "IMG00030")) == 190.0  # 2 files a second
    clock.now += 10.0  # ten seconds without a file: the estimate grows, it does not freeze
    assert remaining.seconds_left(Progress(30, 410, "IMG00030")) == 380.0


def test_a_new_phase_or_uncounted_work_starts_again_and_says_nothing() -> None:
    clock = Clock()
    remaining = RemainingTime(clock)
    remaining.seconds_left(Progress(0, 100))
    clock.now += 10.0
    assert remaining.seconds_left(Progress(50, 100)) == 10.0
    assert remaining.seconds_left(Progress(0, 0, "", "Looking for files…")) is None
    assert remaining.seconds_left(Progress(100, 100, "", "Making study previews…")) is None
    assert remaining.seconds_left(Progress(100, 100)) is None  # done: nothing left to guess
    assert remaining.seconds_left(Progress(5, 20)) is None  # another total: measured afresh
    clock.now += 1.0
    assert remaining.seconds_left(Progress(15, 20)) is None


def test_time_left_in_words() -> None:
    assert time_left(4) == "a few seconds left"
    assert time_left(38) == "about 40 s left"
    assert time_left(130) == "about 2 min left"
    assert time_left(59 * 60) == "about 59 min left"
    assert time_left(2 * 3600 + 21 * 60) == "about 2 h 20 min left"
    assert time_left(3 * 3600) == "about 3 h left"
