"""A site built without its public address says so on the trainer links page, links
relatively and has no QR code files: the reader's browser makes them from the address it is served at
(tests/e2e/test_trainer_links.py)."""

import pytest
from site_pages import Page

NOTE = {"": "built without its public address", "no/": "bygd uten den offentlige adressen"}


@pytest.fixture(scope="module")
def site_without_address(built_site_without_address):
    return built_site_without_address


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
