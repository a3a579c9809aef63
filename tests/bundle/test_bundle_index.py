"""INDEX.HTM: well-formed XHTML, no scripts but the one pinned by hash for discs shown in lower
case, every link inside the bundle, user text escaped, and headless Chromium opens it without
console errors or network requests."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote

import pytest
from pypdf import PdfReader

from recordorg.bundle.index_html import LOWER_CASE_DISC, LOWER_CASE_DISC_HASH
from tests.bundle.conftest import SCRIPT_NOTE

XHTML = "{http://www.w3.org/1999/xhtml}"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def test_index_is_well_formed_xhtml_without_scripts_but_the_lower_case_disc_one(
    bundle: Path,
) -> None:
    text = (bundle / "INDEX.HTM").read_text(encoding="utf-8")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{XHTML}html"
    assert [s.text for s in root.iter(f"{XHTML}script")] == [LOWER_CASE_DISC]
    assert text.lower().count("<script") == 1  # and its policy allows it alone, by its hash
    assert f"script-src '{LOWER_CASE_DISC_HASH}';" in text
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert not re.search(r"""(src|href)\s*=\s*["']\s*(https?:|//)""", text, re.I)
    assert "url(" not in text
    assert not re.search(r"https?://(?!www\.w3\.org/(1999/xhtml|2000/svg))", text)


def test_user_text_is_escaped(bundle: Path) -> None:
    text = (bundle / "INDEX.HTM").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; rigors" in text
    assert "Is &lt;b&gt;capivasertib&lt;/b&gt; the best next line?" in text
    root = ET.fromstring(text.encode("utf-8"))
    notes = [e for e in root.iter(f"{XHTML}div") if e.get("class") == "note"]
    assert SCRIPT_NOTE in ["".join(n.itertext()) for n in notes]


def test_every_link_points_inside_the_bundle(bundle: Path) -> None:
    root = ET.parse(bundle / "INDEX.HTM").getroot()
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    links = [e.get("href") for e in root.iter() if e.get("href")]
    assert len(links) > 20
    pages = len(PdfReader(bundle / "REVIEW.PDF").pages)
    for link in links:
        if link.startswith("#"):
            assert link[1:] in ids, link
        else:
            target, _, fragment = link.partition("#")
            assert (bundle / unquote(target)).exists(), link
            if fragment:  # a page of REVIEW.PDF
                assert target == "REVIEW.PDF" and fragment.startswith("page=")
                assert 1 <= int(fragment[5:]) <= pages, link
    assert sum(link.startswith("REVIEW.PDF#page=") for link in links) == len(
        json.loads((bundle / "MANIFEST.JSN").read_text())["about"]["records"]
    )
    about = json.loads((bundle / "MANIFEST.JSN").read_text())["about"]
    for record in about["records"]:
        assert f"record-{record['number']}" in ids


def test_summary_sections_are_there(bundle: Path) -> None:
    root = ET.parse(bundle / "INDEX.HTM").getroot()
    text = " ".join("".join(root.itertext()).split())
    for words in (
        "Case summary",
        "Invasive ductal carcinoma of the left breast",
        "Timeline",
        "Biomarker results",
        "PIK3CA",
        "(unconfirmed)",
        "Treatment lines",
        "letrozole + palbociclib",
        "Checklist",
        "Records, by category and date",
        "Pathology",
        "Imaging study",
        "What is in this bundle",
    ):
        assert words in text, words
    svgs = list(root.iter("{http://www.w3.org/2000/svg}svg"))
    assert len(svgs) == 1


def _chromium(page: Path, profile: Path, net_log: Path) -> tuple[str, str]:
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            f"--log-net-log={net_log}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


def _page_requests(net_log: Path) -> list[str]:
    """URLs the page itself asked for (the browser's own update checks have no origin)."""
    data = json.loads(net_log.read_text())
    start = data["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    return [
        e["params"]["url"]
        for e in data["events"]
        if e["type"] == start
        and e.get("params", {}).get("initiator") not in (None, "not an origin")
    ]


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium")
def test_chromium_opens_index_without_errors_or_requests(bundle: Path, tmp_path: Path) -> None:
    dom, log = _chromium(bundle / "INDEX.HTM", tmp_path / "profile", tmp_path / "net.json")
    assert "CONSOLE" not in log, [line for line in log.splitlines() if "CONSOLE" in line]
    assert _page_requests(tmp_path / "net.json") == []
    assert dom.count("<script") == 1  # the lower-case disc one, run without a console error
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; rigors' in dom
    assert "Case review: Maria Example" in dom


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium")
def test_the_chromium_check_would_see_requests_and_console_errors(tmp_path: Path) -> None:
    page = tmp_path / "control.htm"
    page.write_text(
        '<html><body><img src="http://127.0.0.1:9/x.png"/>'
        '<script>console.error("seen")</script></body></html>'
    )
    _dom, log = _chromium(page, tmp_path / "profile", tmp_path / "net.json")
    assert "CONSOLE" in log and "seen" in log
    assert _page_requests(tmp_path / "net.json") == ["http://127.0.0.1:9/x.png"]
