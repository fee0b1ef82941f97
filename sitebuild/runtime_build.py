"""Run inside Pyodide (by sitebuild/runtime_build.mjs, at build time): the worksheets' Python as
bytecode, so the browser compiles nothing when Python starts, in as few bytes as it can.

Pyodide ships its standard library as source (python_stdlib.zip): every start compiles each
module it imports, in WebAssembly. Here, with Pyodide's own Python (so the bytecode matches the
browser's), this writes
- /build/out/python_stdlib.zip: the parts of the standard library that Pyodide's start and the
  worksheets import. Which parts: every module in sys.modules once Pyodide has started, every
  module of tools/ has been imported, every module a tools/ file names in an import statement
  (also inside functions) has been imported, and every action of the browser's interface
  (tools.bridge.call: views, every export, import, saved-entry check, share links, team views)
  has run once for every worksheet in both languages, so what the standard library imports only
  when called is in too. What was imported goes in as bytecode. A safety margin, as source
  (compiled only if something asks for it): the rest of each package that was imported (a part
  of asyncio, importlib or urllib asked for by name later), and of `encodings` (codecs are looked
  up by name at run time) the Unicode and Latin codecs; the other 100 codecs are left out.
- /build/out/tools.zip: tools/ as the browser runs it: each module's bytecode in its place (with
  its line numbers, without columns; docstrings and asserts kept), and the data files.
- /build/out/runtime.json: what went in, for the tests.
Bytecode is written "unchecked" (PEP 552): Python uses it without looking for the source.
Both zips are stored, not deflated: the server sends them compressed as a whole (Brotli or gzip,
sitebuild/precompress.py), which packs the modules a third smaller than deflating each one, and
Python reads a stored entry without inflating it.
"""

import ast
import importlib
import os
import sys

BUILD = "/build"
SITE = f"{BUILD}/site"


def exercise(bridge, worksheet_ids):
    """Each action the browser's worker can ask for, once per worksheet and language, on an empty
    form (a failing action is fine: what it imported on the way counts)."""
    import json

    def call(action, **args):
        try:
            return json.loads(bridge.call(action, json.dumps(args)))
        except Exception:
            return {}

    for ws in worksheet_ids:
        for lang in ("en", "no"):
            base = {"worksheet": ws, "lang": lang}
            call("view", **base, data=None)
            module = importlib.import_module(f"tools.{bridge.worksheets.MODULES[ws]}")
            formats = ("json", "csv", "markdown", *getattr(module, "EXPORTS", {}))
            exported = {fmt: call("export", **base, format=fmt, data=None) for fmt in formats}
            text = exported["json"].get("text", "{}")
            call("import", **base, text=text, data=None)
            call("check-saved", **base, text=text)
            link = call("share-link", **base, data=None, page="https://example.org/").get("link", "#")
            call("open-link", **base, payload=link.split("#", 1)[1].split("=", 1)[-1], data=None)
            added = call("team-add", **base, team=None, files=[{"name": "a.json", "text": text}], links="")
            team = added.get("team")
            call("team-view", **base, team=team, options=None)
            for fmt in ("json", "csv", "markdown"):
                call("team-export", **base, format=fmt, team=team, options=None)


def imported_by_tools():
    """Top-level names of everything tools/ imports, measured before this script imports
    anything of its own (which would count too)."""
    sys.path.insert(0, SITE)
    named = set()
    for root, _, files in os.walk(f"{SITE}/tools"):
        for name in sorted(files):
            if not name.endswith(".py"):
                continue
            path = os.path.join(root, name)
            with open(path, encoding="utf-8") as f:
                tree = ast.parse(f.read())
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    named |= {a.name for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    named.add(node.module)
            module = os.path.relpath(path, SITE)[:-3].replace("/", ".")
            importlib.import_module(module[:-9] if module.endswith(".__init__") else module)
    for name in named:
        if name.split(".")[0] != "tools":
            importlib.import_module(name)
    bridge = importlib.import_module("tools.bridge")
    exercise(bridge, sorted(bridge.worksheets.MODULES))
    files = {getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}
    return {name.split(".")[0] for name in sys.modules}, {f.split(".zip/", 1)[1] for f in files if ".zip/" in f}


USED, LOADED = imported_by_tools()

import hashlib  # noqa: E402
import importlib.util  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import zipfile  # noqa: E402
from importlib._bootstrap_external import _code_to_hash_pyc  # noqa: E402

# Where the browser finds them (co_filename, for tracebacks).
STDLIB_PATH = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
SITE_PATH = "/home/pyodide/site"
ALWAYS = {"encodings"}
# The codecs kept beside those measured (encodings/<name>.py): Unicode, ASCII and Latin-1,
# Windows' Western code page, and cp437, which zipfile reads file names with (Pyodide's own
# unpackArchive, the worker's fallback for tools.zip).
CODECS = {"aliases", "ascii", "latin_1", "cp437", "cp1252", "charmap", "utf_8", "utf_8_sig"} | {
    f"utf_{n}{end}" for n in (16, 32) for end in ("", "_le", "_be")
}
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
BUILTINS = set(sys.builtin_module_names)
# Left out of the margin: what no worksheet can use (command lines, Windows' event loops, Node's
# sockets, other interpreters, installed packages' metadata (none is installed), and Pyodide's
# network fetches: the worksheets' Python makes no request).
NOT_IN_A_BROWSER = re.compile(
    r"(/__main__\.py|^asyncio/tools\.py|windows|proactor|_nodesock|interpreter|^importlib/metadata/|^pyodide/http/)"
)
# The standard library's bytecode carries no locations: a traceback names its functions with
# "line None" (tools/ keeps its line numbers). That keeps a first visit under 4.0 MB on the wire;
# with line numbers ("lines") the standard library is 100 KB more as Brotli.
STDLIB_LOCATIONS = "none"


def _varint(out, value):
    while value >= 64:
        out.append(0x40 | (value & 63))
        value >>= 6
    out.append(value)


def slim_locations(code, lines=True):
    """The code with a smaller location table (co_linetable), in every function it holds: its
    line numbers without columns (lines=True), or no locations at all. Python runs it the same;
    a traceback through it names each line, without the carets under the failing part, or (no
    locations) names the function with "line None". The columns are most of the table and
    barely compress. The format: CPython's Objects/locations.md (code 13: a line without
    columns, code 15: no location; an entry covers up to 8 code units).
    Measured on the modules the worksheets load, as Brotli: bytecode 958 KB, source 629 KB (which
    the browser would compile at every first start), bytecode without columns 687 KB, bytecode
    without locations about 590 KB."""
    consts = tuple(slim_locations(c, lines) if isinstance(c, type(code)) else c for c in code.co_consts)
    table, line_before = bytearray(), code.co_firstlineno
    spans = code.co_lines() if lines else [(0, len(code.co_code), None)]  # one run: compresses to nothing
    for start, end, line in spans:
        units = (end - start) // 2
        while units > 0:
            n, units = min(units, 8), units - min(units, 8)
            if line is None:
                table.append(0x80 | (15 << 3) | (n - 1))
            else:
                table.append(0x80 | (13 << 3) | (n - 1))
                delta = line - line_before
                _varint(table, (-delta << 1) | 1 if delta < 0 else delta << 1)
                line_before = line
    slim = code.replace(co_linetable=bytes(table), co_consts=consts)
    expected = list(code.co_lines()) if lines else [(0, len(code.co_code), None)]
    if list(slim.co_lines()) != expected:
        raise RuntimeError(f"location table rewritten wrongly: {code.co_filename} {code.co_qualname}")
    return slim


def bytecode(source, filename, optimize=0, locations="all"):
    """locations: "all", "lines" (no columns) or "none" (slim_locations)."""
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    if locations != "all":
        code = slim_locations(code, lines=locations == "lines")
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)


def imports_available(source, available):
    """Whether every module a file imports at its top level is here: a margin module that needs
    one left out (urllib.request needs http and email) could not be imported anyway."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[0] not in available for name in names):
            return False
    return True


def add(out, name, data):
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_STORED  # compressed whole on the way (see above)
    out.writestr(info, data)


def stdlib_zip(keep):
    buf = io.BytesIO()
    source = zipfile.ZipFile(f"{BUILD}/python_stdlib.zip")
    kept = []
    with zipfile.ZipFile(buf, "w") as out:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            top = info.filename.split("/")[0]
            top = top[:-3] if top.endswith(".py") else top
            if ("/" in info.filename or info.filename.endswith(".py")) and top not in keep:
                continue
            codec = info.filename.rsplit("/", 1)[-1][:-3]
            if top == "encodings" and info.filename not in LOADED and codec not in CODECS | {"__init__"}:
                continue
            data = source.read(info)
            if info.filename in LOADED:
                # Without docstrings (as `python -OO`, which the standard library supports) and
                # locations (STDLIB_LOCATIONS): under two thirds of the bytes on the wire.
                add(
                    out,
                    info.filename + "c",
                    bytecode(data, f"{STDLIB_PATH}/{info.filename}", optimize=2, locations=STDLIB_LOCATIONS),
                )
                kept.append(info.filename)
            elif NOT_IN_A_BROWSER.search(info.filename):
                continue
            elif not info.filename.endswith(".py") or imports_available(data, keep | BUILTINS):
                # Not imported when measured, but in a package that is: kept as source, in case
                # something asks for it by name (a codec, a part of asyncio).
                add(out, info.filename, data)
    return buf.getvalue(), kept


def tools_zip():
    """tools/ as the browser runs it: each module as bytecode only, in the module's own place
    (tools/x.pyc, which Python imports without a source; a .pyc in __pycache__ is read only beside
    its source), and the data files as they are. The sources would add a fifth to the download
    for the text of a traceback's lines alone. Returns {module: sha256 of its source}."""
    buf = io.BytesIO()
    source = zipfile.ZipFile(f"{BUILD}/tools.zip")
    compiled = {}
    with zipfile.ZipFile(buf, "w") as out:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            data = source.read(info)
            if info.filename.endswith(".py"):
                code = bytecode(data, f"{SITE_PATH}/{info.filename}", locations="lines")
                add(out, info.filename + "c", code)
                compiled[info.filename] = hashlib.sha256(data).hexdigest()
            else:
                add(out, info.filename, data)
    return buf.getvalue(), compiled


def main():
    keep = USED | ALWAYS
    stdlib, kept = stdlib_zip(keep)
    os.makedirs(f"{BUILD}/out", exist_ok=True)
    with open(f"{BUILD}/out/python_stdlib.zip", "wb") as f:
        f.write(stdlib)
    with open(f"{BUILD}/out/tools.zip", "wb") as f:
        tools, compiled = tools_zip()
        f.write(tools)
    with open(f"{BUILD}/out/runtime.json", "w") as f:
        json.dump(
            {
                "python": sys.version.split()[0],
                "cache_tag": sys.implementation.cache_tag,
                "top_levels": sorted(keep),
                "files": kept,
                "builtins": sorted(sys.builtin_module_names),
                "tools_compiled": compiled,
            },
            f,
            indent=1,
        )


main()
