"""The site works offline (see overrides/sw.js and overrides/assets/javascripts/offline.js).

- `offline-manifest.json` lists every file a reader needs offline, both languages and Pyodide
  included, with its size (the "Save for offline use" control states the total before it
  starts and shows progress) and a short content hash (a new version copies unchanged files
  from the old cache instead of downloading them again).
- `sw.js` gets this build's version, a hash of all those files: any change to the site is a
  new service worker, which tells open pages that a new version is available.
- A page with `<!-- save-offline -->` gets the control, in its language; every page gets the
  (hidden) notice of a new version.
The i18n plugin builds each language into the same folder and every build ends here, so the
files are rewritten from everything present each time: the last build leaves the full set.
"""

import hashlib
import html
import json
from pathlib import Path

from .precompress import is_copy
from .site import DATA, ROOT, write_if_changed

MARKER = "<!-- save-offline -->"
MANIFEST = "offline-manifest.json"
WORKER = "sw.js"
VERSION_PLACEHOLDER = "__VERSION__"
SOURCE = ROOT / "overrides" / WORKER
# Files for hosts, not for readers, and the files written here.
LEFT_OUT = {MANIFEST, WORKER, ".htaccess", "_headers", "sitemap.xml", "sitemap.xml.gz"}
LEFT_OUT_DIRS = ("_deploy/",)
# Every string of the control and the notice, in both languages (offline.js shows the rest);
# beside the build's other strings, where the Norwegian term check reads them.
STRINGS = json.loads((DATA / "offline.json").read_text(encoding="utf-8"))


def control(s):
    """The "Save for offline use" control, in the words of one language (s)."""
    # Hidden until offline.js has checked that this browser can save (and knows the size).
    return (
        f'<div class="isp-offline" data-offline-save hidden '
        f'data-strings="{html.escape(json.dumps(s, ensure_ascii=False), quote=True)}">'
        f"<p>{html.escape(s['intro'])}</p>"
        f"<p data-offline-size hidden></p>"
        f"<p data-offline-save-data hidden>{html.escape(s['save_data'])}</p>"
        f'<p><button type="button" class="md-button md-button--primary" data-offline-start hidden>'
        f"{html.escape(s['button'])}</button></p>"
        f'<progress data-offline-progress max="1" value="0" hidden aria-label="{html.escape(s["button"])}"></progress>'
        f'<p data-offline-status role="status"></p></div>'
    )


def notice(s):
    """The notice of a new version, in the words of one language (s)."""
    return (
        f'<div class="isp-update" data-offline-update hidden role="status">'
        f"<span>{html.escape(s['update'])}</span> "
        f'<button type="button" class="md-button md-button--primary" data-offline-reload>'
        f"{html.escape(s['reload'])}</button></div>"
    )


def add_control(page_html, s):
    return page_html.replace(MARKER, control(s)) if MARKER in page_html else page_html


def add_notice(output, s):
    # Inside <main>, so the notice belongs to a landmark when it shows.
    head, sep, rest = output.partition('data-md-component="main">')
    if not sep:
        return output
    return head + sep + notice(s) + rest


def site_files(site_dir):
    """(url, path) for every file a reader needs; pages by their address, not index.html."""
    out = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        # Precompressed copies are the same files for the server to send; a browser never asks for them.
        if rel in LEFT_OUT or rel.startswith(LEFT_OUT_DIRS) or rel.endswith(".map") or is_copy(path):
            continue
        if path.name == "index.html":
            rel = rel[: -len("index.html")]
        out.append((rel, path))
    return out


def manifest(site_dir):
    files, version = [], hashlib.sha256()
    for url, path in site_files(site_dir):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        files.append({"url": url, "size": path.stat().st_size, "hash": digest})
        version.update(f"{url} {digest}\n".encode())
    return {"version": version.hexdigest()[:16], "total": sum(f["size"] for f in files), "files": files}


def write_offline_files(site_dir):
    """Writes the manifest and the versioned service worker; returns the version."""
    site_dir = Path(site_dir)
    data = manifest(site_dir)
    write_if_changed(site_dir / MANIFEST, json.dumps(data, separators=(",", ":")))
    write_if_changed(
        site_dir / WORKER, SOURCE.read_text(encoding="utf-8").replace(VERSION_PLACEHOLDER, data["version"])
    )
    return data["version"]
