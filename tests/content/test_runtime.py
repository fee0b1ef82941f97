"""The worksheets' Python ships compiled (sitebuild/runtime_build.py): tools.zip carries each module's
bytecode beside its source, and python_stdlib.zip the standard library the worksheets and
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
    # Smaller than the all-source library it replaces: what is not used is left out.
    original = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"
    assert (built_site / "assets" / "pyodide" / "python_stdlib.zip").stat().st_size < original.stat().st_size
    assert "email/__init__.py" not in names and "unittest/__init__.pyc" not in names


def test_the_worksheet_code_ships_as_its_source_with_unchecked_bytecode_beside_it(built_site):
    shipped = zipfile.ZipFile(built_site / "assets" / "tools.zip")
    names = set(shipped.namelist())
    sources = {
        p.relative_to(ROOT).as_posix()
        for p in TOOLS.rglob("*")
        if p.suffix in (".py", ".json") and "__pycache__" not in p.parts
    }
    assert sources <= names
    for name in sources:
        assert shipped.read(name) == (ROOT / name).read_bytes(), name  # the code the unit tests test
    tag = json.loads((runtime.runtime() / "runtime.json").read_text())["cache_tag"]
    for name in (n for n in sources if n.endswith(".py")):
        folder, file = name.rsplit("/", 1)
        assert f"{folder}/__pycache__/{file[:-3]}.{tag}.pyc" in names, name
    # One Python's bytecode throughout (the browser's), hash-based and not checked against the
    # source (PEP 552 flags 0b01), so Python neither recompiles nor reads the source first.
    stdlib = zipfile.ZipFile(built_site / "assets" / "pyodide" / "python_stdlib.zip")
    headers = list(pyc_headers(shipped).values()) + list(pyc_headers(stdlib).values())
    assert len({h[:4] for h in headers}) == 1
    assert {int.from_bytes(h[4:8], "little") for h in headers} == {1}
    assert headers[0][:4] != importlib.util.MAGIC_NUMBER or sys.version_info[:2] == (3, 14)


def test_pyodide_ships_as_its_package_has_it_with_one_compile_hint_in_front_of_its_runtime(built_site):
    """The runtime script is Pyodide's own, byte for byte, after V8's compile hint (a comment that
    has Chrome compile all of it at once, so its code cache covers all of it); the other files
    are untouched."""
    package = ROOT / "node_modules" / "pyodide"
    shipped = built_site / "assets" / "pyodide"
    runtime = (shipped / "pyodide.asm.mjs").read_bytes()
    assert runtime.startswith(b"//# allFunctionsCalledOnLoad\n")
    assert runtime.split(b"\n", 1)[1] == (package / "pyodide.asm.mjs").read_bytes()
    for name in ("pyodide.mjs", "pyodide.asm.wasm", "pyodide-lock.json"):
        assert (shipped / name).read_bytes() == (package / name).read_bytes(), name
