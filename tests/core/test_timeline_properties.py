"""The timeline reads at any span and density: random libraries of 1 day to 40 years and 1 to
500 items never give colliding labels, an unlabelled item, a bare axis, or illness years
squeezed into a corner."""

from __future__ import annotations

import random
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recordorg.core.case.review import CaseEntry, CaseReview, Citation
from recordorg.core.case.timeline import RecordDot, TimelineLayout, build_timeline
from recordorg.core.case.timeline_draw import draw_timeline
from recordorg.core.case.timeline_shapes import Scene

WORDS = ["MR BRAIN", "NM WHOLE BODY", "CT chest abdomen pelvis", "Blood count", "Letter", "X"]
DATE_FIELD = {
    "diagnosis": "diagnosed_on",
    "treatment_line": "start_date",
    "imaging": "study_date",
    "biomarker": "specimen_date",
    "event": "start_date",
    "procedure": "performed_on",
}


def random_library(seed: int, items: int, span: int, illness: bool) -> TimelineLayout:
    """A case and records spread over `span` days; the illness (if any) in the last part."""
    rng = random.Random(seed)
    first = date(1990, 1, 1) + timedelta(days=rng.randint(0, 9000))
    ill_from = rng.randint(0, span) if illness else span + 1

    def day(low: int = 0) -> date:
        return first + timedelta(days=rng.randint(min(low, span), span))

    entries, dots = [], []
    for n in range(items):
        if illness and (n == 0 or rng.random() < 0.3):
            kind = "diagnosis" if n == 0 else rng.choice(list(DATE_FIELD))
            start = day(ill_from)
            fields = {DATE_FIELD[kind]: start.isoformat(), "regimen": rng.choice(WORDS)}
            if kind in ("treatment_line", "event") and rng.random() < 0.7:
                fields["end_date"] = (start + timedelta(days=rng.randint(0, 400))).isoformat()
            status = rng.choice(["confirmed", "suggested"])
            entries.append(CaseEntry(n, kind, status, "person", fields, [Citation(n, n, 1, "")]))
            continue
        start = day()
        precision = rng.choice(["day"] * 6 + ["month", "quarter", "year"])
        text = start.isoformat()[: {"year": 4, "month": 7}.get(precision, 10)]
        end = (
            (start + timedelta(days=rng.randint(1, 30))).isoformat() if rng.random() < 0.1 else None
        )
        dots.append(
            RecordDot(10_000 + n, rng.choice(WORDS) + f" {n}", text, "other", "", end, precision)
        )
    return build_timeline(CaseReview("Someone", 1, entries), dots, first + timedelta(days=span))


def text_boxes(scene: Scene) -> list[tuple[float, float, float, float]]:
    return [s.box() for s in scene.shapes if s.kind == "text" and s.text]


def overlapping(boxes: list[tuple[float, float, float, float]]) -> list[tuple]:
    found = []
    boxes = sorted(boxes)
    for n, a in enumerate(boxes):
        for b in boxes[n + 1 :]:
            if b[0] >= a[2]:
                break
            if b[1] < a[3] and a[1] < b[3]:
                found.append((a, b))
    return found


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 10**6),
    items=st.integers(1, 500),
    span=st.one_of(st.integers(0, 40), st.integers(0, 40 * 365)),
    illness=st.booleans(),
    width=st.sampled_from([760, 1100, 1600]),
)
def test_any_library_gives_a_readable_timeline(seed, items, span, illness, width) -> None:
    layout = random_library(seed, items, span, illness)
    scene = draw_timeline(layout, width)
    assert not overlapping(text_boxes(scene))
    assert all(0 <= box[0] and box[2] <= width for box in text_boxes(scene))  # none cut off
    keyed = {line.number: line.label for line in scene.key}
    shown = {}
    for unit in scene.labels:
        for n, item in enumerate(unit.items):
            shown[item.key] = unit.text or keyed[unit.numbers[n]]
            assert unit.shown() == unit.text or unit.numbers[0] <= unit.numbers[n]
    assert shown == {item.key: item.label for item in layout.items()}
    dates = [label for label in scene.axis if label.x >= scene.scale.main_left]  # not the gutter
    assert len(dates) >= 2
    if layout.illness_start is not None:
        axis = scene.scale
        share = (axis.x(layout.days) - axis.x(layout.illness_start)) / axis.width
        assert share > 0.5, (share, layout.illness_start, layout.days)
