"""A site built without its public address says so on the trainer links page, links
relatively and has no QR codes (a QR code must hold the full address)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from site_pages import Page

ROOT = Path(__file__).resolve().parents[2]
NOTE = {"": "built without its public address", "no/": "bygd uten den offentlige adressen"}


@pytest.fixture(scope="module")
def site_without_address(tmp_path_factory):
    out = tmp_path_factory.mktemp("site-without-address")
    env = {k: v for k, v in os.environ.items() if k != "ISP_SITE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("prefix", NOTE)
def test_trainer_links_say_the_address_is_missing_and_link_relatively(site_without_address, prefix):
    path = site_without_address / prefix / "trainer-links" / "index.html"
    html = path.read_text(encoding="utf-8")
    assert 'class="trainer-links-missing"' in html and NOTE[prefix] in html
    assert "<img" not in html.split("<article", 1)[1].split("</article>", 1)[0]
    assert "data-share-address" not in html
    assert [href for href in Page(path).links if "principles/#be-curious" in href] == [
        "../guide/principles/#be-curious"
    ]
    assert "<code>../guide/principles/#be-curious</code>" in html  # the address shown is the link
    assert not (site_without_address / "assets" / "qr").exists()
