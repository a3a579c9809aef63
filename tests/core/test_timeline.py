"""The timeline's layout (lanes, order, packed rows, ongoing lines, points) and its rendering."""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PIL import Image

from recordorg.core.case import review as cases
from recordorg.core.case.review import CaseEntry, CaseReview, Citation
from recordorg.core.case.timeline import RecordDot, build_timeline, period, timeline_for
from recordorg.core.case.timeline_draw import draw_timeline
from recordorg.core.case.timeline_render import render_timeline, timeline_png, timeline_svg
from recordorg.core.errors import UserError
from tests.core.case_helpers import sample_case

TODAY = date(2024, 9, 1)


def entry(n: int, kind: str, status: str = "confirmed", **fields) -> CaseEntry:
    return CaseEntry(
        n,
        kind,
        status,
        "person",
        fields,
        citations=[Citation(n, 100 + n, 2, f"quote {n}", f"Record {n}")],
    )


def lane(layout, key):
    return next(lane for lane in layout.lanes if lane.key == key)


def rows_of(layout, key, **options):
    """Each item's row in the drawing of one lane (by entry id, else record id)."""
    scene = draw_timeline(layout, **options)
    return {
        item.entry_id or item.record_id: unit.row
        for unit in scene.labels
        for item in unit.items
        if item.lane == key
    }


def test_lanes_order_and_overlapping_lines_in_sub_rows() -> None:
    case = CaseReview(
        "Maria Example",
        1,
        [
            entry(
                1,
                "treatment_line",
                line_number=1,
                regimen="A",
                start_date="2023-03-01",
                end_date="2024-04-30",
            ),
            entry(
                2,
                "treatment_line",
                line_number=2,
                regimen="B",
                start_date="2024-05-20",
                end_date="2024-07-01",
            ),
            entry(
                3,
                "treatment_line",
                regimen="denosumab trial",
                start_date="2023-06-01",
                end_date="2023-12-01",
            ),
            entry(4, "diagnosis", histology="carcinoma", diagnosed_on="2023-02-14"),
            entry(5, "biomarker", marker="HER2", result="negative", specimen_date="2023-02-14"),
        ],
    )
    layout = build_timeline(case, [], TODAY)
    assert [lane.key for lane in layout.lanes][:5] == [
        "diagnosis",
        "treatment",
        "local",
        "imaging",
        "pathology",
    ]
    treatment = lane(layout, "treatment")
    rows = rows_of(layout, "treatment")
    assert rows == {1: 0, 3: 1, 2: 0}  # the overlapping line gets its own row; 2 follows 1
    starts = [item.start for item in treatment.items]
    assert starts == sorted(starts)
    assert layout.start < "2023-02-14" and layout.end > "2024-07-01"
    first = next(i for i in treatment.items if i.entry_id == 1)
    assert first.shape == "bar" and first.end_day - first.start_day == 426
    assert first.record_id == 101 and first.page == 2  # a click opens the source page


def test_ongoing_lines_run_to_today_and_one_day_events_are_points() -> None:
    case = CaseReview(
        None,
        None,
        [
            entry(
                1, "treatment_line", regimen="capecitabine", start_date="2024-05-20", ongoing=True
            ),
            entry(2, "treatment_line", regimen="letrozole", start_date="2023-03-01"),
            entry(3, "procedure", name="Biopsy", performed_on="2024-04-30"),
            entry(
                4,
                "event",
                event_type="admission",
                title="Admission",
                start_date="2024-08-03",
                end_date="2024-08-07",
            ),
            entry(5, "event", title="Trial screening", start_date="2024-08-20"),
            entry(6, "radiotherapy", site="brain", start_date="2024-05-28", status="suggested"),
            entry(7, "imaging", modality="CT", status="rejected", study_date="2024-04-22"),
            entry(8, "metastasis", site="bone"),
        ],
    )
    layout = build_timeline(case, [], TODAY)
    items = {item.entry_id: item for item in layout.items()}
    assert items[1].ongoing and items[1].end == TODAY.isoformat() and items[1].end_known
    assert not items[2].ongoing and not items[2].end_known and items[2].end == "2024-09-01"
    assert items[3].shape == "point" and items[3].start == items[3].end == "2024-04-30"
    assert items[4].shape == "bar" and items[5].shape == "point"
    assert not items[6].confirmed and items[6].label.endswith("(unconfirmed)")
    assert "NOT YET CONFIRMED" in items[6].detail
    assert 7 not in items  # rejected suggestions never show
    assert layout.undated == ["Metastasis: bone"] and layout.unconfirmed == 1


def test_records_are_dots_unless_an_entry_cites_them() -> None:
    case = CaseReview(
        None,
        None,
        [entry(1, "biomarker", marker="ER", result="positive", specimen_date="2023-02-14")],
    )
    dots = [
        RecordDot(101, "Pathology", "2023-02-17", "pathology"),
        RecordDot(7, "Lab results", "2023-05-01", "laboratory"),
        RecordDot(8, "Undated", None, "other"),
    ]
    layout = build_timeline(case, dots, TODAY)
    records = lane(layout, "records")
    assert [i.record_id for i in records.items] == [7]
    assert records.items[0].shape == "point"


def test_many_points_on_one_day_stack_in_at_most_max_rows() -> None:
    case = CaseReview(
        None,
        None,
        [
            entry(n, "biomarker", marker=f"M{n}", result="x", specimen_date="2024-01-01")
            for n in range(1, 21)
        ],
    )
    layout = build_timeline(case, [], TODAY)
    scene = draw_timeline(layout, max_rows=6)
    assert {unit.row for unit in scene.labels} == set(range(6))  # five in words, then a run
    labels = sorted(f"M{n}: x" for n in range(1, 21))  # one day: in the order of their words
    assert [unit.shown() for unit in scene.labels] == labels[:5] + ["1–15"]
    assert [line.label for line in scene.key] == labels[5:]


def test_ticks_fit_the_range() -> None:
    layout = build_timeline(
        CaseReview(
            None,
            None,
            [
                entry(1, "diagnosis", diagnosed_on="2015-01-01"),
                entry(2, "biomarker", specimen_date="2024-01-01"),
            ],
        ),
        [],
        TODAY,
    )
    found = [label.text for label in draw_timeline(layout).axis]
    assert 1 < len(found) <= 12 and all(label.isdigit() for label in found)


@pytest.fixture
def layout(library):
    conn = library.connection()
    sample_case(conn)
    from recordorg.core.case.suggest import suggest

    suggest(conn)
    case = cases.load_case(conn)
    cases.confirm(conn, [case.biomarkers[0].id])
    cases.add_entry(conn, "diagnosis", {"histology": "IDC <b>&</b>", "diagnosed_on": "2023-02-14"})
    return timeline_for(conn, today=TODAY)


def test_svg_parses_and_marks_unconfirmed_entries(layout, tmp_path) -> None:
    path = render_timeline(layout, tmp_path / "timeline.svg", title="Treatment history")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert "(unconfirmed)" in texts and "NOT YET CONFIRMED" in texts
    assert "IDC <b>&</b>" in texts  # user text is escaped, not markup
    assert any(
        (t.text or "").startswith("Biomarker result")
        for t in root.iter()
        if t.tag.endswith("title")
    )  # hover tooltips
    linked = timeline_svg(layout, link=lambda record_id: f"records/{record_id}.pdf")
    assert b'href="records/' in linked


def test_png_opens_and_pdf_passes_qpdf(layout, tmp_path) -> None:
    image = Image.open(io.BytesIO(timeline_png(layout, width=900, scale=1)))
    assert image.format == "PNG" and image.size[0] == 900
    assert len(image.convert("L").getcolors(65536) or []) > 10  # something was drawn
    pdf = render_timeline(layout, tmp_path / "timeline.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("qpdf"):
        check = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    if shutil.which("pdftotext"):  # drawn as words, not a picture
        words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        assert "Treatment history" in words.stdout and "IDC <b>&</b>" in words.stdout
    with pytest.raises(UserError, match=".svg, .png or .pdf"):
        render_timeline(layout, tmp_path / "timeline.gif")


def test_a_date_stands_for_its_day_month_quarter_or_year() -> None:
    assert period("2023-03") == (date(2023, 3, 1), date(2023, 3, 31), "month")
    assert period("2024-05-17", "quarter") == (date(2024, 4, 1), date(2024, 6, 30), "quarter")
    assert period("2021") == (date(2021, 1, 1), date(2021, 12, 31), "year")
    assert period("2024-12-01", "month")[1] == date(2024, 12, 31)
    assert period("2025-02-03") == (date(2025, 2, 3), date(2025, 2, 3), "day")
    assert period("not a date") is None and period(None) is None


def test_records_with_a_period_or_a_partial_date_from_the_catalogue(library) -> None:
    from tests.core.helpers import add_record

    conn = library.connection()
    stay = add_record(conn, "Discharge summary", ["text"], date="2024-08-07")
    letter = add_record(conn, "Clinic letter", ["text"], date="2023-03-01")
    conn.execute(
        "UPDATE records SET clinical_date_start = '2024-08-03', clinical_date_end = "
        "'2024-08-07' WHERE id = ?",
        [stay],
    )
    conn.execute("UPDATE records SET date_precision = 'month' WHERE id = ?", [letter])
    conn.commit()
    items = {item.record_id: item for item in timeline_for(conn, today=TODAY).items()}
    assert items[stay].shape == "bar" and (items[stay].start, items[stay].end) == (
        "2024-08-03",
        "2024-08-07",
    )
    assert items[stay].when == "3 Aug 2024 – 7 Aug 2024"
    assert items[letter].shape == "point" and items[letter].precision == "month"
    assert items[letter].end_day - items[letter].start_day == 30  # all of March
    assert items[letter].when == "Mar 2023"
    assert (items[stay].dates(iso=True), items[letter].dates(iso=True)) == (
        "2024-08-03 – 2024-08-07",
        "2023-03",
    )
    scene = draw_timeline(timeline_for(conn, today=TODAY))
    fuzzy = [s for s in scene.shapes if s.item == f"record:{letter}" and s.kind == "rect"]
    assert fuzzy and fuzzy[0].w > 5  # a pale band over the month, not a dot on the 1st


def test_a_single_day_has_dated_labels_with_its_year() -> None:
    case = CaseReview(None, None, [entry(1, "procedure", name="Port", performed_on="2025-02-03")])
    layout = build_timeline(case, [RecordDot(9, "Consent", "2025-02-03", "other")], TODAY)
    scene = draw_timeline(build_timeline(case, [], date(2025, 2, 3)))
    labels = [label.text for label in scene.axis]
    assert scene.scale.split is None  # nothing before the illness: no gutter
    assert len(labels) >= 2 and labels[0].endswith(" 2025") and labels[1].count(" ") == 1
    assert len(draw_timeline(layout).axis) >= 2
