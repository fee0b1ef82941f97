"""The worksheets' Python ships compiled (sitebuild/runtime_build.py): tools.zip carries each module's
bytecode and the data it reads, and python_stdlib.zip the standard library the worksheets and
Pyodide's start import, as bytecode, with nothing the worksheets import left out."""

import ast
import importlib.util
import json
import sys
import zipfile
from pathlib import Path

from sitebuild import runtime

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ROOT / "tools"


def imported_by_tools():
    names = set()
    for path in TOOLS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module.split(".")[0])
    return names - {"tools"}


def pyc_headers(archive):
    return {name: archive.read(name)[:8] for name in archive.namelist() if name.endswith(".pyc")}


def test_the_standard_library_holds_every_module_the_worksheets_import_compiled(built_site):
    stdlib = zipfile.ZipFile(built_site / "assets" / "pyodide" / "python_stdlib.zip")
    names = set(stdlib.namelist())
    builtins = set(json.loads((runtime.runtime() / "runtime.json").read_text())["builtins"])
    missing, source_only = [], []
    for module in sorted(imported_by_tools()):
        if module in builtins:
            continue
        if f"{module}.pyc" in names or f"{module}/__init__.pyc" in names:
            continue
        (source_only if f"{module}.py" in names or f"{module}/__init__.py" in names else missing).append(module)
    assert missing == [] and source_only == []
    # What is not used is left out: whole packages, all but the common codecs (zipfile's cp437
    # among them), and the margin's modules that import what is not there.
    assert "email/__init__.py" not in names and "unittest/__init__.pyc" not in names
    assert {"encodings/cp437.py", "encodings/utf_16.py", "encodings/latin_1.py"} <= names
    assert "encodings/cp850.py" not in names and "encodings/shift_jis.py" not in names
    assert "urllib/request.py" not in names and "urllib/parse.pyc" in names


def test_the_runtime_travels_as_one_compressed_whole_at_a_third_of_pyodides_own(built_site):
    """The zips are stored, not deflated entry by entry, so that the server's Brotli copy packs
    them as a whole (sitebuild/precompress.py); with bytecode without columns the standard
    library is then under a third of Pyodide's all-source file on the wire."""
    folder = built_site / "assets" / "pyodide"
    for archive in (folder / "python_stdlib.zip", built_site / "assets" / "tools.zip"):
        assert {i.compress_type for i in zipfile.ZipFile(archive).infolist()} == {zipfile.ZIP_STORED}, archive
        assert archive.with_name(archive.name + ".br").stat().st_size < 0.3 * archive.stat().st_size
    original = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
    assert (folder / "python_stdlib.zip.br").stat().st_size < original.stat().st_size / 2.5


def test_the_worksheet_code_ships_as_unchecked_bytecode_of_the_tested_source_and_its_data_as_is(built_site):
    """tools.zip holds what the browser runs: each module's bytecode in its own place (imported
    without a source), compiled from the very source the unit tests test, and the data files
    byte for byte; no source text, which the browser never reads."""
    import hashlib

    shipped = zipfile.ZipFile(built_site / "assets" / "tools.zip")
    names = set(shipped.namelist())
    sources = {
        p.relative_to(ROOT).as_posix()
        for p in TOOLS.rglob("*")
        if p.suffix in (".py", ".json") and "__pycache__" not in p.parts
    }
    modules = {n for n in sources if n.endswith(".py")}
    assert names == {n + "c" for n in modules} | (sources - modules)
    for name in sources - modules:
        assert shipped.read(name) == (ROOT / name).read_bytes(), name
    compiled = json.loads((runtime.runtime() / "runtime.json").read_text())["tools_compiled"]
    assert compiled == {n: hashlib.sha256((ROOT / n).read_bytes()).hexdigest() for n in modules}
    # One Python's bytecode throughout (the browser's), hash-based and not checked against the
    # source (PEP 552 flags 0b01), so Python neither recompiles nor reads the source first.
    stdlib = zipfile.ZipFile(built_site / "assets" / "pyodide" / "python_stdlib.zip")
    headers = list(pyc_headers(shipped).values()) + list(pyc_headers(stdlib).values())
    assert len(pyc_headers(shipped)) == len(modules)
    assert len({h[:4] for h in headers}) == 1
    assert {int.from_bytes(h[4:8], "little") for h in headers} == {1}
    assert headers[0][:4] != importlib.util.MAGIC_NUMBER or sys.version_info[:2] == (3, 14)


def test_pyodide_ships_as_its_package_has_it_with_one_compile_hint_in_front_of_its_runtime(built_site):
    """The runtime script is Pyodide's own, byte for byte, after V8's compile hint (a comment that
    has Chrome compile all of it at once, so its code cache covers all of it); the loader and the
    WebAssembly are untouched."""
    package = ROOT / "node_modules" / "pyodide"
    shipped = built_site / "assets" / "pyodide"
    runtime = (shipped / "pyodide.asm.mjs").read_bytes()
    assert runtime.startswith(b"//# allFunctionsCalledOnLoad\n")
    assert runtime.split(b"\n", 1)[1] == (package / "pyodide.asm.mjs").read_bytes()
    for name in ("pyodide.mjs", "pyodide.asm.wasm"):
        assert (shipped / name).read_bytes() == (package / name).read_bytes(), name
    # The lock file as Pyodide checks it at start (its ABI and Python), without the packages the
    # worksheets never load.
    lock, upstream = (json.loads((folder / "pyodide-lock.json").read_text()) for folder in (shipped, package))
    assert lock == {"info": upstream["info"], "packages": {}} and len(upstream["packages"]) > 300


def test_a_worksheet_page_starts_python_before_its_stylesheets_and_holds_search_before_material(built_site):
    """An inline script after a stylesheet waits until the stylesheet is loaded and parsed: the
    worker's start is the first script of the head. Material asks for its search index as its
    script starts, so the module that holds that request back comes before it."""
    for page in ("worksheets/vi-worksheet/index.html", "no/worksheets/competency-self-check/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        start = html.index('<meta name="isp-python"')
        assert start < html.index('<link rel="stylesheet"') and start < html.index("<script")
        assert html.index("assets/javascripts/search-hold.js") < html.index("assets/javascripts/bundle.")
    assert "search-hold.js" not in (built_site / "guide" / "principles" / "index.html").read_text(encoding="utf-8")
