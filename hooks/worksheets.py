"""Build hook: puts each worksheet's form into its page and ships the runtime into the site.

- A page with `worksheet: <id>` in its front matter gets the form that `tools/` renders for
  the page's language, in place of the `<!-- worksheet -->` marker.
- After the build, `tools/` is packed into `assets/tools.zip` (the exact code the unit tests
  test) and Pyodide's core files are copied from node_modules into `assets/pyodide/` (the
  runtime script with a compile hint for V8 in front). Both
  go in as bytecode made by Pyodide's own Python (hooks/runtime_build.py, run under Node):
  `tools.zip` with each module's .pyc beside its source, and a `python_stdlib.zip` holding
  the standard library the worksheets use, compiled, in place of Pyodide's all-source one, so
  the browser compiles nothing when Python starts. The result is kept in `.cache/runtime/`
  under a hash of its inputs.
The i18n plugin builds once per language into the same site folder, so every step here is
idempotent: it writes the same bytes and skips files that are already up to date.
"""

import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import AnchorLink

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools import worksheets  # noqa: E402

MARKER = "<!-- worksheet -->"
LIMITS_MARKER = "<!-- worksheet-limits -->"
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# The core of Pyodide: enough for the standard library, which is all tools/ uses. Its
# python_stdlib.zip is replaced by the compiled one (runtime()).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.wasm", "pyodide-lock.json")
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"  # V8's explicit compile hint for a whole file
RUNTIME_BUILD = (Path(__file__).parent / "runtime_build.mjs", Path(__file__).parent / "runtime_build.py")
CACHE = ROOT / ".cache" / "runtime"
PROTOCOL = ROOT / "overrides" / "assets" / "javascripts" / "worksheet" / "protocol.js"


JAVASCRIPTS = PROTOCOL.parent.parent
IMPORT_RE = re.compile(r'^import [^;]*? from "(\./[^"]+)";', re.M)


def page_modules(entry="worksheet.js"):
    """Every module the worksheet page's script imports, at any depth (site-relative paths): the
    page's head asks for them at once (modulepreload), so they load side by side rather than
    each after the module that names it."""
    seen, todo = [], [JAVASCRIPTS / entry]
    while todo:
        path = todo.pop()
        for name in IMPORT_RE.findall(path.read_text(encoding="utf-8")):
            found = (path.parent / name).resolve()
            rel = found.relative_to(JAVASCRIPTS.parent.parent).as_posix()
            if rel not in seen:
                seen.append(rel)
                todo.append(found)
    return sorted(seen)


def protocol_head():
    """The values the head's inline start-up script shares with the page and the worker (HEAD in
    worksheet/protocol.js, plain JSON between its markers): declared there once."""
    text = PROTOCOL.read_text(encoding="utf-8")
    found = re.search(r"/\* head-json \*/(.*?)/\* end-head-json \*/", text, re.S)
    if not found:
        raise PluginError(f"{PROTOCOL}: HEAD's JSON between /* head-json */ and /* end-head-json */ is missing")
    return json.loads(found.group(1))


def tools_files():
    base = ROOT / "tools"
    return sorted(
        p for p in base.rglob("*") if p.is_file() and p.suffix in (".py", ".json") and "__pycache__" not in p.parts
    )


def tools_zip():
    """A reproducible zip of the tools package (fixed timestamps, sorted names)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in tools_files():
            info = zipfile.ZipInfo(path.relative_to(ROOT).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def code_version():
    """Changes whenever tools/, Pyodide or the way they are compiled changes, so browsers never
    mix old and new code."""
    digest = hashlib.sha256(tools_zip())
    lock = PYODIDE_DIR / "package.json"
    if lock.exists():
        digest.update(json.loads(lock.read_text())["version"].encode())
    for path in RUNTIME_BUILD:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def runtime():
    """The folder with the compiled tools.zip and python_stdlib.zip for this tools/ and this
    Pyodide: made once (about ten seconds, by Node), then reused by every build."""
    folder = CACHE / code_version()
    if (folder / "runtime.json").exists():
        return folder
    node = shutil.which("node")
    if node is None:
        raise PluginError("Node is missing: the build compiles the worksheets' Python with Pyodide under Node.")
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    (tmp / "source-tools.zip").write_bytes(tools_zip())
    done = subprocess.run(
        [node, str(RUNTIME_BUILD[0]), str(PYODIDE_DIR), str(tmp / "source-tools.zip"), str(ROOT / "tools"), str(tmp)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise PluginError(f"compiling the worksheets' Python failed:\n{done.stderr[-3000:]}")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return folder


def _current_language(config):
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or "en"


def on_page_content(html, page, config, files):
    worksheet_id = page.meta.get("worksheet")
    if not worksheet_id:
        return html
    if MARKER not in html:
        raise PluginError(
            f"{page.file.src_uri}: front matter names worksheet {worksheet_id!r} but the page has no {MARKER} marker"
        )
    lang = _current_language(config)
    page.meta["code_version"] = code_version()  # for partials/py-start.html in the page's head
    page.meta["py_head"] = protocol_head()
    page.meta["page_modules"] = page_modules()
    form = worksheets.render_page(worksheet_id, lang, page.meta["code_version"])
    _list_results_in_toc(page, worksheet_id, lang, form)
    # A jump from the top of the page straight to the form, for readers who know the method.
    start = worksheets.start_link(worksheet_id, lang)
    html = re.sub(r"(</h1>)", lambda m: m.group(1) + start, html, count=1)
    # The file-format section's table of limits, from the same schema the form and import use.
    html = html.replace(LIMITS_MARKER, worksheets.limits_html(worksheet_id, lang))
    return html.replace(MARKER, form, 1)


def _list_results_in_toc(page, worksheet_id, lang, form):
    """The worksheet's results headings go under its "Your worksheet" entry in the table of
    contents, so a reader can jump to them (the form is added after Markdown made the toc)."""

    def find(items):
        for item in items:
            if item.id == "worksheet":
                return item
            found = find(item.children)
            if found:
                return found
        return None

    entry = find(page.toc)
    if entry is None:
        raise PluginError(f"{page.file.src_uri}: a worksheet page needs a heading with the anchor #worksheet")
    known = {child.id for child in entry.children}
    for hid, title in worksheets.result_headings(worksheet_id, lang, form):
        if hid not in known:
            entry.children.append(AnchorLink(title, hid, entry.level + 1))


def _write_if_changed(path, data):
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def on_post_build(config):
    assets = Path(config.site_dir) / "assets"
    if not PYODIDE_DIR.is_dir():
        raise PluginError("node_modules/pyodide is missing: run `npm ci` first (the README's commands do).")
    compiled = runtime()
    _write_if_changed(assets / "tools.zip", (compiled / "tools.zip").read_bytes())
    target = assets / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    _write_if_changed(target / "python_stdlib.zip", (compiled / "python_stdlib.zip").read_bytes())
    # Chrome compiles a script's functions only when first called, and keeps (in its code cache)
    # only what was compiled by then; this comment has it compile the whole runtime script at
    # once, so a repeat visit finds all of it compiled (py-prime.js). Measured: bench/run.py.
    _write_if_changed(target / "pyodide.asm.mjs", COMPILE_HINT + (PYODIDE_DIR / "pyodide.asm.mjs").read_bytes())
    for name in PYODIDE_FILES:
        src, dst = PYODIDE_DIR / name, target / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size or dst.stat().st_mtime < src.stat().st_mtime:
            shutil.copy2(src, dst)
