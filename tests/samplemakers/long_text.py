"""Long clinical texts made of the sample records' lines: a thick file of many dates."""

from __future__ import annotations

from recordorg.samples.texts import all_texts


def long_clinical_text(size: int, *, indented: bool = True) -> str:
    """About `size` characters of the fictional case's lines, over and over; with
    `indented`, some lines start with runs of spaces as text taken from XML does."""
    lines = [line for text in all_texts() for line in text.lines]
    out: list[str] = []
    length = n = 0
    while length < size:
        line = lines[n % len(lines)]
        if indented and n % 3 == 0:
            line = " " * (8 + n % 40) + line
        out.append(line)
        length += len(line) + 1
        n += 1
    return "\n".join(out)[:size]
