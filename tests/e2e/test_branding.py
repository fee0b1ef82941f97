"""An organisation's own copy: name, logo, colours and contact line set in mkdocs.yml's
extra.brand block alone, built and shown in both languages."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pages import run_axe
from playwright.sync_api import expect

from harness.site_server import SiteServer

ROOT = Path(__file__).resolve().parents[2]
LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 48 48">'
    '<circle cx="24" cy="24" r="20" fill="#ffffff"/></svg>\n'
)
BRAND = """\
    name: {en: Northwind Practice Guide, "no": Northwind praksisguide}
    logo: brand/logo.svg
    contact: {en: "Questions: learning@northwind.example", "no": "Spørsmål: learning@northwind.example"}
"""
PURPLE = "#4a148c"  # white on it and it on white: contrast about 12:1


@pytest.fixture(scope="module")
def branded_site(tmp_path_factory):
    copy = tmp_path_factory.mktemp("branded")
    for folder in ("docs", "overrides", "hooks", "sitebuild", "tools"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    (copy / "brand").mkdir()
    (copy / "brand" / "logo.svg").write_text(LOGO)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  brand:\n" in config and 'light: {primary: "#00695c"' in config
    config = config.replace("  brand:\n", "  brand:\n" + BRAND, 1)
    config = config.replace('light: {primary: "#00695c"', f'light: {{primary: "{PURPLE}"', 1)
    (copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    out = copy / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=copy,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with SiteServer(out) as server:
        yield server.url


@pytest.mark.parametrize(
    "prefix, name, contact",
    [
        ("", "Northwind Practice Guide", "Questions: learning@northwind.example"),
        ("no/", "Northwind praksisguide", "Spørsmål: learning@northwind.example"),
    ],
)
def test_brand_shows_in_both_languages(page, branded_site, prefix, name, contact):
    page.goto(branded_site + prefix + "guide/principles/")
    expect(page.locator(".md-header__topic").first).to_contain_text(name)
    assert name in page.title()
    logo = page.locator(".md-header__button.md-logo img")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(74, 20, 140)"
    expect(page.locator("footer .md-copyright")).to_contain_text(contact)
    assert run_axe(page) == []
