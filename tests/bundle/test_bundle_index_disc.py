"""INDEX.HTM's links open the bundle's files from a folder as made and from a disc Linux
shows in lower case (plain ISO 9660, no Joliet or Rock Ridge names), read by a real browser."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
needs_browser = pytest.mark.skipif(BROWSER is None, reason="chromium is not installed")


def lower_case_disc(bundle: Path, where: Path) -> Path:
    """The bundle as Linux shows it from a disc with ISO 9660 names only: all lower case."""
    for path in sorted(p for p in bundle.rglob("*") if p.is_file()):
        target = where / str(path.relative_to(bundle)).lower()
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return where


def links_as_the_browser_has_them(page: Path) -> list[str]:
    """The page's links to files after its script ran, as headless Chromium has them."""
    shown = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    hrefs = [unquote(h) for h in re.findall(r'<a href="([^"]+)"', shown)]
    return [h.split("#")[0] for h in hrefs if not h.startswith("#") and ":" not in h]


def test_the_page_allows_its_one_script_and_nothing_else(bundle: Path) -> None:
    page = (bundle / "INDEX.HTM").read_text("utf-8")
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    (policy,) = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert f"script-src 'sha256-{digest}';" in policy and "default-src 'none'" in policy
    assert "<" not in script and "&" not in script  # the page stays well-formed


@needs_browser
def test_links_open_from_a_disc_shown_in_lower_case(bundle: Path, tmp_path: Path) -> None:
    disc = lower_case_disc(bundle, tmp_path / "cdrom")
    links = links_as_the_browser_has_them(disc / "index.htm")
    assert len(links) > 10
    assert not [link for link in links if not (disc / link).exists()]
    assert "review.pdf" in links


@needs_browser
def test_links_open_from_the_folder_as_made(bundle: Path) -> None:
    links = links_as_the_browser_has_them(bundle / "INDEX.HTM")
    assert len(links) > 10
    assert not [link for link in links if not (bundle / link).exists()]
    assert "REVIEW.PDF" in links
