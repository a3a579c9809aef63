"""INDEX.HTM: the bundle as one self-contained XHTML page (no scripts, no network requests).

Every piece of user text goes through Jinja2's autoescaping; the only markup inserted as is
comes from this module (escaped pieces) and the timeline renderer (an SVG it builds with
ElementTree, which escapes its own text).
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from recordorg.bundle.case_summary import (
    BIOMARKER_COLUMNS,
    TIMELINE_WIDTH,
    TREATMENT_COLUMNS,
    Fact,
)
from recordorg.bundle.contents import BundleContents, BundleEntry
from recordorg.bundle.names import FHIR, MANIFEST, README, REVIEW, XDM_METADATA
from recordorg.core.paths import resources_dir

KIND_WORDS = {
    "pdf": "Document",
    "image": "Photo or scan",
    "dicom": "Imaging study",
    "other": "Other file",
}
LINKABLE = {README, REVIEW, FHIR, XDM_METADATA, MANIFEST}


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(resources_dir() / "bundle"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def _mark(fact: Fact) -> Markup:
    if fact.confirmed:
        return Markup("")
    return Markup(' <span class="unconfirmed-mark">(unconfirmed)</span>')


def _source_links(fact: Fact) -> Markup:
    parts = []
    for source in fact.sources:
        if source.number is None:
            parts.append(escape(source.words))
        else:
            page = f", p. {source.page}" if source.page else ""
            held = f" ({source.held})" if source.held else ""
            parts.append(
                Markup('<a href="#record-{0}">record {0}</a>{1}{2}').format(
                    source.number, page, held
                )
            )
    return Markup(", ").join(parts)


def _sources(fact: Fact) -> Markup:
    links = _source_links(fact)
    return Markup(' <span class="small">({})</span>').format(links) if links else Markup("")


# Linux shows a disc burned as plain ISO 9660 (no Joliet or Rock Ridge names) with every
# name in lower case: the page then finds itself as "index.htm" and points its links at the
# lower-case names the disc shows. Nothing else runs; the page's policy allows this script
# alone (by its hash). It has no "<" or "&", so the page stays well-formed XHTML.
LOWER_CASE_DISC = (
    "if (/\\/index\\.htm$/.test(location.pathname)) {"
    ' document.querySelectorAll("a[href]").forEach(function (a) {'
    ' var href = a.getAttribute("href");'
    " if (/^(#|[a-z][a-z0-9+.-]*:)/i.test(href)) { return; }"
    ' var at = href.indexOf("#"); if (at === -1) { at = href.length; }'
    ' a.setAttribute("href", href.slice(0, at).toLowerCase() + href.slice(at)); }); }'
)
LOWER_CASE_DISC_HASH = "sha256-" + base64.b64encode(
    hashlib.sha256(LOWER_CASE_DISC.encode("utf-8")).digest()
).decode("ascii")


def _href(entry: BundleEntry) -> str:
    if entry.study is not None and entry.paths:
        return "/".join(entry.paths[0].split("/")[:2]) + "/"  # the study's folder
    return entry.main_path


def _svg(data: bytes | None) -> Markup:
    if not data:
        return Markup("")
    text = data.decode("utf-8")
    if text.startswith("<?xml"):
        text = text.split("?>", 1)[1].lstrip()
    return Markup(text)  # built by the timeline renderer with ElementTree: escaped already


def _timeline_events(contents: BundleContents) -> list[dict]:
    """The timeline's items in words, in date order, each with its key number (where the
    picture shows a number) and its record's link: the picture's text for screen readers."""
    layout = contents.case.timeline_layout
    if layout is None or not contents.case.timeline_svg:
        return []
    from recordorg.core.case.timeline_draw import draw_timeline
    from recordorg.core.case.timeline_key import timeline_events

    numbers = {entry.source_id: entry.number for entry in contents.entries}
    scene = draw_timeline(layout, TIMELINE_WIDTH, key=False)
    return [
        {**vars(line), "record": numbers.get(line.record_id)}
        for line in timeline_events(scene, iso=True)  # dated as the rest of the page
    ]


def index_html(contents: BundleContents, signer: str = "") -> bytes:
    """The INDEX.HTM page for the bundle; `signer` is the fingerprint of the key that signs
    its manifest."""
    template = _environment().get_template("index.htm.j2")
    page = template.render(
        c=contents,
        created=contents.made_words(),
        mark=_mark,
        sources=_sources,
        source_links=_source_links,
        href=_href,
        timeline=_svg(contents.case.timeline_svg),
        timeline_events=_timeline_events(contents),
        biomarker_columns=BIOMARKER_COLUMNS,
        treatment_columns=TREATMENT_COLUMNS,
        kinds=KIND_WORDS,
        linkable=LINKABLE,
        signer=signer,
        manifest=MANIFEST,
        lower_case_disc=Markup(LOWER_CASE_DISC),
        lower_case_disc_hash=LOWER_CASE_DISC_HASH,
    )
    return page.encode("utf-8")
