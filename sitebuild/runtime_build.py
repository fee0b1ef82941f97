"""Run inside Pyodide (by sitebuild/runtime_build.mjs, at build time): the worksheets' Python as
bytecode, so the browser compiles nothing when Python starts.

Pyodide ships its standard library as source (python_stdlib.zip): every start compiles each
module it imports, in WebAssembly. Here, with Pyodide's own Python (so the bytecode matches the
browser's), this writes
- /build/out/python_stdlib.zip: the parts of the standard library that Pyodide's start and the
  worksheets import. Which parts: every top-level module or package in sys.modules once Pyodide
  has started and every module of tools/ has been imported, together with every module a tools/
  file names in an import statement (also inside functions). What was imported goes in as
  bytecode; the rest of a package that was imported, and all of `encodings` (codecs are looked up
  by name at run time), goes in as source, in case something asks for it later.
- /build/out/tools.zip: tools/ as given, plus each module's bytecode in __pycache__.
- /build/out/runtime.json: what went in, for the tests.
Bytecode is written "unchecked" (PEP 552): Python uses it without looking for the source.
"""

import ast
import importlib
import os
import sys

BUILD = "/build"
SITE = f"{BUILD}/site"


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
    files = {getattr(m, "__file__", None) or "" for m in list(sys.modules.values())}
    return {name.split(".")[0] for name in sys.modules}, {f.split(".zip/", 1)[1] for f in files if ".zip/" in f}


USED, LOADED = imported_by_tools()

import importlib.util  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import zipfile  # noqa: E402
from importlib._bootstrap_external import _code_to_hash_pyc  # noqa: E402

# Where the browser finds them (co_filename, for tracebacks).
STDLIB_PATH = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"
SITE_PATH = "/home/pyodide/site"
ALWAYS = {"encodings"}
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


def bytecode(source, filename, optimize=0):
    code = compile(source, filename, "exec", dont_inherit=True, optimize=optimize)
    return _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)


def add(out, name, data):
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
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
            data = source.read(info)
            if info.filename in LOADED:
                # Without docstrings (as `python -OO`, which the standard library supports):
                # a third smaller to download.
                add(out, info.filename + "c", bytecode(data, f"{STDLIB_PATH}/{info.filename}", optimize=2))
                kept.append(info.filename)
            else:
                # Not imported when measured, but in a package that is: kept as source, in case
                # something asks for it by name (a codec, a part of asyncio).
                add(out, info.filename, data)
    return buf.getvalue(), kept


def tools_zip():
    buf = io.BytesIO()
    source = zipfile.ZipFile(f"{BUILD}/tools.zip")
    tag = sys.implementation.cache_tag
    with zipfile.ZipFile(buf, "w") as out:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            data = source.read(info)
            add(out, info.filename, data)
            if info.filename.endswith(".py"):
                folder, name = os.path.split(info.filename)
                add(out, f"{folder}/__pycache__/{name[:-3]}.{tag}.pyc", bytecode(data, f"{SITE_PATH}/{info.filename}"))
    return buf.getvalue()


def main():
    keep = USED | ALWAYS
    stdlib, kept = stdlib_zip(keep)
    os.makedirs(f"{BUILD}/out", exist_ok=True)
    with open(f"{BUILD}/out/python_stdlib.zip", "wb") as f:
        f.write(stdlib)
    with open(f"{BUILD}/out/tools.zip", "wb") as f:
        f.write(tools_zip())
    with open(f"{BUILD}/out/runtime.json", "w") as f:
        json.dump(
            {
                "python": sys.version.split()[0],
                "cache_tag": sys.implementation.cache_tag,
                "top_levels": sorted(keep),
                "files": kept,
                "builtins": sorted(sys.builtin_module_names),
            },
            f,
            indent=1,
        )


main()
