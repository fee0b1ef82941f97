"""The response headers a host should send, written into the built site for three
kinds of server, from the one policy below.

- `_deploy/nginx.conf`: to `include` in the nginx `location` that serves the site;
- `.htaccess`: Apache (mod_headers, mod_mime), read from the site's own folder;
- `_headers` and `_redirects`: Netlify and Cloudflare Pages.

Each also sends the 404 page in the language of the missing address (`404.html`, `no/404.html`).
The nginx snippet works out the site's path on the server itself, so it works under any path
with no public address set: with `alias`, the request's file is the site's folder plus the
address's part within the site, and the address less that part is the site's path (a regular
expression with a back-reference does the subtraction). It then sends the 404 page with that
path written into its `<base>` (SSI, sitebuild/search.py), so the page's styles and links load
from wherever the site is. Apache and the other hosts take the path from the public address
(or `/`).

The Content-Security-Policy allows scripts from the site itself only. Material's theme puts a
few small scripts inline in every page (its storage helpers, the colour scheme); rather than
copy them into overrides (which a theme update would silently leave behind), their SHA-256
hashes are collected from the built pages, so the policy follows whatever the theme writes.
The i18n plugin builds each language into the same folder and every build ends here, so the
files are rewritten from all pages present each time: the last build leaves the full set.
"""

import base64
import hashlib
import re
from pathlib import Path

from .precompress import EXTENSIONS as PRECOMPRESSED
from .search import site_path
from .site import write_if_changed

DEPLOY_DIR = "_deploy"

# The policy. 'wasm-unsafe-eval' lets Pyodide compile its WebAssembly; nothing else is relaxed.
# data: images: Material's stylesheets draw their icons as data: SVGs.
CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],  # + the inline scripts' hashes
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# Caching. Material's assets carry a content hash in their names, and the worksheet code is
# fetched as tools.zip?v=<hash>: they never change under the same URL. Everything else, pages,
# the service worker and Pyodide (its folder has no version in its name, so an upgrade would
# mix versions), is revalidated on each use; the service worker keeps them for offline use.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
IMMUTABLE_NAME = re.compile(r"^(?:.+\.[0-9a-f]{8}\.min\.(?:js|css)|tools\.zip)$")

# Types to send explicitly; Pyodide streams its .wasm only as application/wasm.
TYPES = {
    "html": "text/html",
    "css": "text/css",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "json": "application/json",
    "wasm": "application/wasm",
    "zip": "application/zip",
    "svg": "image/svg+xml",
    "png": "image/png",
    "ico": "image/x-icon",
    "xml": "application/xml",
    "gz": "application/gzip",
    "txt": "text/plain",
    "webmanifest": "application/manifest+json",
}

# Compressed on the way out: the text files and Pyodide's .wasm (9.6 MB, about a third of that
# compressed). HTML is always compressed once compression is on.
COMPRESS = (
    "text/css",
    "text/javascript",
    "application/json",
    "application/wasm",
    "image/svg+xml",
    "application/xml",
    "text/plain",
    "application/manifest+json",
)

# The precompressed copies beside the large files (sitebuild/precompress.py), X.br and X.gz, sent in
# X's place to a browser that accepts them, with X's type, `Content-Encoding` and
# `Vary: Accept-Encoding`. nginx: gzip through `gzip_static` (in every nginx build Debian ships,
# nginx-light included); Brotli through the rewrite module, present in every build (the Brotli
# modules are not), the same way: a request that accepts br, for a file with an X.br beside it,
# is answered from X.br by a location that labels it. Where the server has the Brotli module,
# `brotli_static on;` does the same (README's Self-hosting section).
ACCEPTS_BR = r"\bbr\b"
ENCODED = "|".join(ext[1:] for ext in PRECOMPRESSED)

SCRIPT = re.compile(r"<script(\s[^>]*)?>(.*?)</script>", re.S | re.I)
TYPE = re.compile(r'\btype\s*=\s*["\']?([^"\'\s>]*)', re.I)
EXECUTABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


def inline_script_hashes(html):
    """'sha256-...' for each inline script a browser would run (not src=, not JSON data)."""
    found = set()
    for attrs, body in SCRIPT.findall(html):
        attrs = attrs or ""
        kind = TYPE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs, re.I) or (kind and kind.group(1).lower() not in EXECUTABLE_TYPES):
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        found.add("'sha256-" + base64.b64encode(digest).decode() + "'")
    return found


def policy(hashes):
    directives = {k: list(v) for k, v in CSP.items()}
    directives["script-src"] += sorted(hashes)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def headers(hashes):
    return {"Content-Security-Policy": policy(hashes), **OTHER_HEADERS}


def _nginx_brotli(cache):
    """Rewrite directives are not inherited by nested locations: each location that serves files
    repeats these. The Cache-Control of X goes with the request to X.br's location."""
    return [
        f'set $isp_cache "{cache}";',
        'set $isp_br "";',
        f'if ($http_accept_encoding ~* "{ACCEPTS_BR}") {{ set $isp_br "a"; }}',
        'if (-f $request_filename.br) { set $isp_br "${isp_br}f"; }',
        "if ($isp_br = af) { rewrite ^ $uri.br last; }",
    ]


LANGS_404 = ("no/",)  # the folders with a 404 page of their own, besides the site's root

# nginx: the site's path and the language folder of the address asked for, from the location's
# alias (see above); each location that may answer 404 needs them, as nginx runs only the matched
# location's `set` and `if`.
NGINX_SITE_PATH = [
    'set $isp_paths "$document_root|$request_filename|$uri";',
    "set $isp_site /;",
    'set $isp_lang "";',
    'if ($isp_paths ~ "^(.*?)/?\\|\\1/(.*)\\|(.*/)\\2$") { set $isp_site $3; }',
    *(f'if ($isp_paths ~ "^(.*?)/?\\|\\1/{lang}") {{ set $isp_lang {lang}; }}' for lang in LANGS_404),
    "error_page 404 $isp_site${isp_lang}404.html;",
]


def nginx_conf(hashes):
    lines = [
        "# Generated at build time by sitebuild/headers.py. Include it in the location that serves",
        "# the site, with alias, for example (the self-hosting page has the whole block):",
        "#   location /practice-guide/ {",
        "#       alias /srv/practice-guide/;",
        "#       include /srv/practice-guide/_deploy/nginx.conf;",
        "#   }",
        "types {",
        *(f"    {mime} {ext};" for ext, mime in TYPES.items()),
        "}",
        "default_type application/octet-stream;",
        "charset utf-8;",
        "charset_types text/css text/javascript application/json application/xml;",
        "gzip on;",
        "gzip_vary on;",
        "gzip_comp_level 6;",
        "gzip_min_length 1024;",
        f"gzip_types {' '.join(COMPRESS)};",
        "# X.gz, made at build time, in place of X for a browser that accepts gzip.",
        "gzip_static on;",
        "# X.br in place of X for a browser that accepts Brotli (no module needed; see sitebuild/headers.py).",
        "# With the Brotli module, `brotli_static on;` may replace these lines and the .br locations.",
    ]
    common = [f'add_header {name} "{value}" always;' for name, value in headers(hashes).items()]
    lines += _nginx_brotli(REVALIDATE)
    lines += common + [f'add_header Cache-Control "{REVALIDATE}" always;']
    lines += ["# A missing address gets the 404 page of its language, from wherever the site is.", *NGINX_SITE_PATH]
    # A nested location replaces all add_header lines, so it repeats the common ones.
    lines += [
        f'location ~ "{IMMUTABLE_NAME.pattern[1:-1]}$" {{',
        *("    " + line for line in _nginx_brotli(IMMUTABLE)),
        *("    " + line for line in common),
        f'    add_header Cache-Control "{IMMUTABLE}" always;',
        *("    " + line for line in NGINX_SITE_PATH),
        "}",
        "# The 404 pages, with the site's path as their <base> (SSI): their links and styles load from it.",
        'location ~ "^(?<isp_root>/.*?)(?:no/)?404\\.html$" {',
        "    ssi on;",
        "    set $isp_base_tag '<base href=\"$isp_root\">';",
        "}",
    ]
    for ext in PRECOMPRESSED:
        lines += [
            f'location ~ "\\{ext}\\.br$" {{',
            "    gzip off;",
            f"    types {{ }} default_type {TYPES[ext[1:]]};",
            "    add_header Content-Encoding br always;",
            "    add_header Vary Accept-Encoding always;",
            *("    " + line for line in common),
            "    add_header Cache-Control $isp_cache always;",
            "}",
        ]
    return "\n".join(lines) + "\n"


def htaccess(hashes, root=None):
    """root: the site's path from its public address; without one, the 404 lines are left for
    whoever hosts the site to complete (Apache needs the path)."""
    not_found = [f"ErrorDocument 404 {root or '/practice-guide/'}404.html"] + [
        f'<If "%{{REQUEST_URI}} =~ m#^{root or "/practice-guide/"}{lang}#">\n    ErrorDocument 404 {root or "/practice-guide/"}{lang}404.html\n</If>'
        for lang in LANGS_404
    ]
    if not root:
        not_found = [
            "# The 404 pages: built without the site's public address, so write the site's path here",
            "# (as /practice-guide/ below) and remove the # signs.",
            *("# " + line for item in not_found for line in item.split("\n")),
        ]
    immutable = IMMUTABLE_NAME.pattern[:-1] + r"(?:\.br|\.gz)?$"
    lines = [
        "# Generated at build time by sitebuild/headers.py (Apache: mod_mime, mod_headers, mod_deflate,",
        "# mod_rewrite for the precompressed copies X.br and X.gz beside the large files).",
        *(f"AddType {mime} .{ext}" for ext, mime in TYPES.items()),
        "AddCharset utf-8 .html .css .js .mjs .json",
        "<IfModule mod_deflate.c>",
        f"    AddOutputFilterByType DEFLATE text/html {' '.join(COMPRESS)}",
        "</IfModule>",
        "<IfModule mod_rewrite.c>",
        "    RewriteEngine On",
        f"    RewriteCond %{{HTTP:Accept-Encoding}} {ACCEPTS_BR}",
        "    RewriteCond %{REQUEST_FILENAME}.br -f",
        f"    RewriteRule ^(.+\\.(?:{ENCODED}))$ $1.br [L]",
        "    RewriteCond %{HTTP:Accept-Encoding} \\bgzip\\b",
        "    RewriteCond %{REQUEST_FILENAME}.gz -f",
        f"    RewriteRule ^(.+\\.(?:{ENCODED}))$ $1.gz [L]",
        f"    RewriteRule \\.(?:{ENCODED})\\.(?:br|gz)$ - [E=no-gzip:1,E=no-brotli:1]",
        "</IfModule>",
        *(
            line
            for ext in PRECOMPRESSED
            for line in (f'<FilesMatch "\\{ext}\\.(?:br|gz)$">', f"    ForceType {TYPES[ext[1:]]}", "</FilesMatch>")
        ),
        "<IfModule mod_headers.c>",
        *(f'    Header always set {name} "{value}"' for name, value in headers(hashes).items()),
        f'    Header set Cache-Control "{REVALIDATE}"',
        f'    <FilesMatch "{immutable}">',
        f'        Header set Cache-Control "{IMMUTABLE}"',
        "    </FilesMatch>",
        f'    <FilesMatch "\\.(?:{ENCODED})\\.br$">',
        "        Header set Content-Encoding br",
        "        Header append Vary Accept-Encoding",
        "    </FilesMatch>",
        f'    <FilesMatch "\\.(?:{ENCODED})\\.gz$">',
        "        Header set Content-Encoding gzip",
        "        Header append Vary Accept-Encoding",
        "    </FilesMatch>",
        "</IfModule>",
        *not_found,
    ]
    return "\n".join(lines) + "\n"


def redirects(root):
    """Netlify's and Cloudflare Pages' `_redirects`: the 404 page of each language (status 404)."""
    lines = ["# Generated at build time by sitebuild/headers.py (Netlify, Cloudflare Pages)."]
    lines += [f"{root}{lang}*  {root}{lang}404.html  404" for lang in LANGS_404]
    lines += [f"{root}*  {root}404.html  404"]
    return "\n".join(lines) + "\n"


def netlify_headers(hashes, site_dir):
    """Paths are from the site root. Both hosts compress by themselves (Brotli and gzip), and neither
    sends a file's precompressed copy in its place, so X.br and X.gz are not used there. Both join a
    header that several rules set, so Cache-Control is set per file: the fingerprinted files long,
    the rest revalidated."""
    lines = [
        "# Generated at build time by sitebuild/headers.py (Netlify, Cloudflare Pages).",
        "# These hosts compress by themselves; the X.br and X.gz copies beside large files are not used here.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in headers(hashes).items()]
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file() and IMMUTABLE_NAME.match(p.name)):
        lines += ["/" + path.relative_to(site_dir).as_posix(), f"  Cache-Control: {IMMUTABLE}"]
    lines += ["/*.wasm", "  Content-Type: application/wasm", "/*.mjs", "  Content-Type: text/javascript"]
    lines += ["/sw.js", f"  Cache-Control: {REVALIDATE}"]
    return "\n".join(lines) + "\n"


def site_hashes(site_dir):
    hashes = set()
    for page in site_dir.rglob("*.html"):
        hashes |= inline_script_hashes(page.read_text(encoding="utf-8"))
    return hashes


def write_headers(site):
    """The three header files, from every page present (the last step: it reads them all)."""
    site_dir = Path(site.dir)
    hashes = site_hashes(site_dir)
    write_if_changed(site_dir / DEPLOY_DIR / "nginx.conf", nginx_conf(hashes))
    root = site_path(site.url) if site.url else None
    write_if_changed(site_dir / ".htaccess", htaccess(hashes, root))
    write_if_changed(site_dir / "_headers", netlify_headers(hashes, site_dir))
    write_if_changed(site_dir / "_redirects", redirects(root or "/"))
