"""The pages of REVIEW.PDF that recordorg draws itself (fpdf2): the cover, summary, timeline,
tables, checklist and index, and pages for photos, imaging studies and files it cannot show."""

from __future__ import annotations

import io

from PIL import Image

from recordorg.bundle.case_summary import BIOMARKER_COLUMNS, TREATMENT_COLUMNS, Fact
from recordorg.bundle.contents import BundleContents, BundleEntry, made_sentence
from recordorg.bundle.review_layout import MARGIN, Pages
from recordorg.bundle.review_timeline import timeline_on_page

INDEX_ROW = 5.1  # mm: the height of a row of the index
GREY = (90, 100, 120)


def _fact_line(fact: Fact) -> str:
    when = f" ({fact.date})" if fact.date else ""
    mark = "" if fact.confirmed else "  [unconfirmed]"
    sources = "; ".join(s.words for s in fact.sources)
    return f"{fact.text}{when}{mark}" + (f"  - source: {sources}" if sources else "")


def front_matter(
    pdf: Pages,
    c: BundleContents,
    record_pages: list[tuple[int, int]],
    sections: dict[str, int],
    first_pages: dict[int, int],
) -> None:
    """Cover, summary, timeline, tables, checklist and index, drawn once. `record_pages`
    gives each record's number and page count, in order; `sections` receives each
    section's page and `first_pages` each record's first page in REVIEW.PDF. The pages are
    added to `pdf` (after any pages it has) and numbered as the first pages of REVIEW.PDF."""
    offset = pdf.page_no()  # pages drawn before the front matter (records' own pages)
    _cover(pdf, c, sections, offset)
    _case_summary(pdf, c, sections, offset)
    _timeline(pdf, c, sections, offset)
    _tables(pdf, c, sections, offset)
    _checklist(pdf, c, sections, offset)
    _index(pdf, c, record_pages, sections, first_pages, offset)


def _cover(pdf: Pages, c: BundleContents, sections: dict[str, int], offset: int) -> None:
    """The cover: title, who made it, the question, the contact and the warnings."""
    pdf.add_page()
    sections["Cover"] = pdf.page_no() - offset
    pdf.set_y(40)
    pdf.para("CASE REVIEW", 12, GREY, bold=True)
    pdf.heading(c.subject, 26)
    pdf.para(
        made_sentence(c.created[:10], c.made_by, c.application, c.version)
        + f". {len(c.entries)} records; {c.dates}.",
        10,
        GREY,
    )
    pdf.ln(8)
    if c.case.question:
        pdf.para("Question for the reviewer", 12, bold=True)
        pdf.para(c.case.question, 11)
        pdf.ln(4)
    if c.contact:
        pdf.para("Contact", 12, bold=True)
        pdf.para(c.contact, 11)
        pdf.ln(4)
    for warning in c.warnings:
        pdf.para(warning, 9.5, (138, 90, 0))
        pdf.ln(2)
    pdf.ln(6)
    pdf.para(
        "This PDF holds the case summary, then every record of the bundle in order; use "
        "the bookmarks to jump by category or by document. Each page is stamped with its "
        "record number.",
        9.5,
        GREY,
    )


def _case_summary(pdf: Pages, c: BundleContents, sections: dict[str, int], offset: int) -> None:
    """The diagnosis and other facts of the case review."""
    pdf.add_page()
    sections["Case summary"] = pdf.page_no() - offset
    pdf.heading("Case summary")
    if not c.case.available:
        pdf.para("No case review was written for this person yet.")
    pdf.para("Diagnosis", 12, bold=True)
    for fact in c.case.diagnoses or []:
        pdf.para("- " + _fact_line(fact))
    if not c.case.diagnoses:
        pdf.para("No diagnosis recorded.")
    if c.case.other:
        pdf.ln(3)
        pdf.para("Other facts", 12, bold=True)
        for fact in c.case.other:
            pdf.para("- " + (f"{fact.label}: " if fact.label else "") + _fact_line(fact))
    if c.case.unconfirmed:
        pdf.ln(3)
        pdf.para(
            f"{c.case.unconfirmed} entries are marked unconfirmed: suggested by recordorg "
            "from the records, not yet checked by a person.",
            9,
            (138, 90, 0),
        )


def _timeline(pdf: Pages, c: BundleContents, sections: dict[str, int], offset: int) -> None:
    """The treatment timeline, or a note saying why there is none."""
    if c.case.timeline_layout is not None:
        pdf.add_page(orientation="L")
        sections["Timeline"] = pdf.page_no() - offset
        pdf.heading("Timeline")
        timeline_on_page(pdf, c.case.timeline_layout, f"Treatment history: {c.subject}")
    elif c.case.timeline_note:
        pdf.ln(4)
        pdf.para(c.case.timeline_note, 9, GREY)


def _tables(pdf: Pages, c: BundleContents, sections: dict[str, int], offset: int) -> None:
    """Biomarker results and treatment lines."""
    pdf.add_page(orientation="L")
    sections["Biomarker results"] = pdf.page_no() - offset
    pdf.heading("Biomarker results")
    _fact_table(pdf, c.case.biomarkers, BIOMARKER_COLUMNS, "No biomarker results recorded.")
    if pdf.get_y() > pdf.h / 2:
        pdf.add_page(orientation="L")
    sections["Treatment lines"] = pdf.page_no() - offset
    pdf.heading("Treatment lines")
    _fact_table(pdf, c.case.treatments, TREATMENT_COLUMNS, "No treatment lines recorded.")


def _checklist(pdf: Pages, c: BundleContents, sections: dict[str, int], offset: int) -> None:
    """Whether the case is ready for review."""
    pdf.add_page()
    sections["Checklist"] = pdf.page_no() - offset
    pdf.heading("Checklist: is the case ready for review?")
    if c.case.checklist:
        pdf.table_of(
            ["What a reviewer needs", "Status", "Details"],
            [[r.title, r.status, r.detail] for r in c.case.checklist],
            (50, 18, 112),
            [r.status != "done" for r in c.case.checklist],
        )
    else:
        pdf.para("No checklist for this bundle.")


def _index(
    pdf: Pages,
    c: BundleContents,
    record_pages: list[tuple[int, int]],
    sections: dict[str, int],
    first_pages: dict[int, int],
    offset: int,
) -> None:
    """The index of records, the last section: how many pages it takes follows from its
    rows, so every record's page number is known before the rows are written."""
    pdf.add_page()
    sections["Index of records"] = pdf.page_no() - offset
    pdf.heading("Index of records")
    front = pdf.page_no() - offset - 1 + pdf.pages_for_rows(len(c.entries), INDEX_ROW)
    page = front + 1
    for number, count in record_pages:
        first_pages[number] = page
        page += count
    rows = [
        [
            str(e.number),
            e.date or "no date",
            e.category_name,
            e.title or "Untitled",
            str(first_pages.get(e.number, "")),
        ]
        for e in c.entries
    ]
    pdf.quick_rows(
        ["No.", "Date", "Category", "Record", "Page"], rows, (10, 22, 38, 95, 15), INDEX_ROW
    )
    if pdf.page_no() - offset != front:
        raise AssertionError(f"the front took {pdf.page_no() - offset} pages, not {front}")


def _fact_table(pdf: Pages, facts: list[Fact], columns: list[tuple[str, str]], empty: str) -> None:
    if not facts:
        pdf.para(empty)
        pdf.ln(3)
        return
    headings = [label for _, label in columns] + ["Source"]
    rows = [
        [f.cells.get(key, "") for key, _ in columns]
        + ["; ".join(s.words for s in f.sources) + ("" if f.confirmed else " (unconfirmed)")]
        for f in facts
    ]
    pdf.table_of(headings, rows, shade=[not f.confirmed for f in facts])


def caption(pdf: Pages, entry: BundleEntry) -> None:
    where = entry.main_path
    if entry.study is not None and where:
        where = "/".join(where.split("/")[:2]) + "/"
    pdf.para(f"Record {entry.number}: {entry.title}", 12, bold=True)
    place = f"in the bundle as {where}" if where else "not in the bundle"
    pdf.para(f"{entry.category_name} - {entry.date or 'no date'} - {place}", 8.5, GREY)
    pdf.ln(2)


def image_pages(pdf: Pages, entry: BundleEntry, frames: list[Image.Image]) -> None:
    """One page per picture (a page of a TIFF is a picture), fitted to the page."""
    for image in frames:
        landscape = image.width > image.height * 1.15
        pdf.add_page(orientation="L" if landscape else "P")
        caption(pdf, entry)
        top = pdf.get_y()
        room_w, room_h = pdf.epw, pdf.h - top - 20
        scale = min(room_w / image.width, room_h / image.height)
        jpeg = io.BytesIO()  # kept as JPEG: fpdf2 would hold the raw pixels until the end
        image.save(jpeg, "JPEG", quality=85)
        pdf.image(
            jpeg,
            x=MARGIN + (room_w - image.width * scale) / 2,
            y=top,
            w=image.width * scale,
            h=image.height * scale,
        )


def study_page(
    pdf: Pages, entry: BundleEntry, key_images: list[tuple[str, Image.Image | None, str]]
) -> None:
    """One page for an imaging study: its details, its series, and a key image of each."""
    pdf.add_page()
    caption(pdf, entry)
    study = entry.study
    if study is not None:
        pdf.para(
            f"{study.held()} in {len(study.series)} series; modalities: "
            f"{', '.join(study.modalities) or 'not given'}. Open the DICOMDIR with a "
            "DICOM viewer to see every image.",
            9.5,
        )
        pdf.ln(2)
        pdf.table_of(
            ["Series", "Modality", "Description", "Images"],
            [
                [
                    str(s.number if s.number is not None else ""),
                    s.modality,
                    s.description,
                    str(len(s.instances)),
                ]
                for s in study.series
            ],
            (18, 22, 115, 25),
        )
    _grid(pdf, key_images)


def _grid(pdf: Pages, key_images: list[tuple[str, Image.Image | None, str]]) -> None:
    if not key_images:
        return
    columns = 3 if len(key_images) > 4 else 2
    cell = (pdf.epw - (columns - 1) * 4) / columns
    x0, y = MARGIN, pdf.get_y() + 2
    for n, (label, image, problem) in enumerate(key_images):
        col = n % columns
        if col == 0 and n:
            y += cell + 10
        if y + cell + 8 > pdf.h - 18:
            pdf.add_page()
            y = pdf.get_y()
        x = x0 + col * (cell + 4)
        pdf.set_xy(x, y)
        pdf.set_font(pdf.family, "", 8)
        pdf.cell(cell, 4, pdf.t(label)[:60])
        room = cell - 12 if problem else cell  # a note under the picture keeps its lines
        if image is not None:
            scale = min(cell / image.width, room / image.height)
            pdf.image(
                image,
                x=x + (cell - image.width * scale) / 2,
                y=y + 5,
                w=image.width * scale,
                h=image.height * scale,
            )
        if problem:
            pdf.set_xy(x, y + (room + 6 if image is not None else 8))
            pdf.multi_cell(cell, 4, pdf.t(problem))
    pdf.set_y(y + cell + 10)


def notice_page(pdf: Pages, entry: BundleEntry, message: str) -> None:
    """A page standing in for a file this PDF cannot include, saying where to find it."""
    pdf.add_page()
    caption(pdf, entry)
    pdf.ln(6)
    pdf.para(message, 11)
