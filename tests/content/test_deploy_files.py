"""The header files the build ships for nginx, Apache and Netlify/Cloudflare: one policy in all
three, covering every inline script of every page, and pages with no inline styles."""

import re

from sitebuild import headers


def policies(built_site):
    nginx = (built_site / "_deploy" / "nginx.conf").read_text()
    apache = (built_site / ".htaccess").read_text()
    netlify = (built_site / "_headers").read_text()
    return {
        "nginx": set(re.findall(r'add_header Content-Security-Policy "([^"]+)"', nginx)),
        "apache": set(re.findall(r'Header always set Content-Security-Policy "([^"]+)"', apache)),
        "netlify": set(re.findall(r"Content-Security-Policy: (.+)", netlify)),
    }


def test_the_three_header_files_send_one_strict_policy(built_site):
    found = policies(built_site)
    assert all(len(p) == 1 for p in found.values()), found
    (policy,) = found["nginx"]
    assert found["apache"] == found["netlify"] == {policy}
    assert "unsafe-inline" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in policy


def test_the_policy_allows_every_inline_script_of_every_page_and_nothing_more(built_site):
    (policy,) = policies(built_site)["nginx"]
    allowed = set(re.findall(r"'sha256-[^']+'", policy))
    needed = set()
    for page in built_site.rglob("*.html"):
        needed |= headers.inline_script_hashes(page.read_text(encoding="utf-8"))
    assert needed and allowed == needed


def test_inline_script_hashes_skip_data_and_external_scripts():
    html = (
        '<script>a()</script><script src="x.js"></script>'
        '<script id="__config" type="application/json">{"a": 1}</script><script type="module">b()</script>'
    )
    assert headers.inline_script_hashes(html) == {
        "'sha256-qVpDBgj7bpq5hMAcGp3AOc79J3Y1Z4HvySTwKrWDoy4='",
        headers.inline_script_hashes("<script>b()</script>").pop(),
    }


def test_no_page_has_inline_style_attributes(built_site):
    styled = sorted(
        p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if re.search(r"<[^>]+\sstyle=", p.read_text(encoding="utf-8"))
    )
    assert styled == []


def test_wasm_and_fingerprinted_files_get_their_type_and_a_long_cache_life(built_site):
    nginx = (built_site / "_deploy" / "nginx.conf").read_text()
    apache = (built_site / ".htaccess").read_text()
    assert "application/wasm wasm;" in nginx and "AddType application/wasm .wasm" in apache
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert headers.IMMUTABLE_NAME.match(bundle.name)
    assert not headers.IMMUTABLE_NAME.match("pyodide.asm.wasm")
    assert (
        f"/{bundle.relative_to(built_site).as_posix()}\n  Cache-Control: {headers.IMMUTABLE}"
        in (built_site / "_headers").read_text()
    )
