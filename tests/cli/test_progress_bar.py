"""The command line's progress bar: counts, and the time left once it can be said honestly."""

from __future__ import annotations

import io

from recordorg.cli.output import progress_bar
from recordorg.core.progress import Progress


def test_the_bar_says_the_time_left_once_steps_have_settled() -> None:
    now = [0.0]
    stream = io.StringIO()
    draw = progress_bar(stream, clock=lambda: now[0])
    lines = []
    for done in range(0, 9):  # one file every 2 s, 100 files
        draw(Progress(done, 100, f"IMG{done:05}"))
        lines.append(stream.getvalue().rsplit("\r", 1)[-1].strip())
        now[0] += 2.0
    assert lines[0].startswith("[") and "0/100 IMG00000" in lines[0]
    assert "left" not in lines[1]  # nothing said in the first seconds
    assert "· about 3 min left ·" in lines[-1]  # 92 files to go at 2 s each
    assert lines[-1].endswith("IMG00008")


def test_uncounted_work_has_no_bar_and_no_time() -> None:
    stream = io.StringIO()
    draw = progress_bar(stream)
    draw(Progress(0, 0, "", "Looking through the disc…"))
    assert stream.getvalue().strip() == "Looking through the disc…"
    draw(None)
    assert stream.getvalue().endswith("\r")
