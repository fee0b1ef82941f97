"""tools/ runs on Pyodide's core: the standard library only, and Python 3.11 syntax."""

import ast
import importlib.util
import io
import sys
import zipfile
from pathlib import Path

import tools

TOOLS = Path(tools.__file__).parent


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), feature_version=(3, 11))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_tools_imports_only_the_standard_library():
    outside = {
        (p.name, m)
        for p in TOOLS.rglob("*.py")
        for m in imported_modules(p)
        if m not in sys.stdlib_module_names and m != "tools"
    }
    assert outside == set()


def test_the_build_packs_every_module_and_data_file():
    spec = importlib.util.spec_from_file_location("build_hook", TOOLS.parent / "hooks" / "worksheets.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    names = set(zipfile.ZipFile(io.BytesIO(hook.tools_zip())).namelist())
    expected = {
        p.relative_to(TOOLS.parent).as_posix()
        for p in TOOLS.rglob("*")
        if p.suffix in (".py", ".json") and "__pycache__" not in p.parts
    }
    assert names == expected
    assert "tools/bridge.py" in names and "tools/strings/common.json" in names


def test_each_worksheet_id_names_its_module_and_only_that_module_is_loaded():
    """The browser's worker imports tools.bridge and then one worksheet: the others' code must
    not be compiled on that page (it would lengthen the wait for Python)."""
    import subprocess

    from tools import worksheets

    for worksheet_id in worksheets.MODULES:
        probe = (
            "import sys, json; from tools import bridge; "
            f"bridge.call('view', json.dumps({{'worksheet': {worksheet_id!r}, 'lang': 'en'}})); "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('tools.'))))"
        )
        loaded = subprocess.run(
            [sys.executable, "-c", probe], cwd=TOOLS.parent, capture_output=True, text=True, check=True
        ).stdout.split()
        assert worksheet_id == worksheets.get(worksheet_id).ID
        mine = "tools." + worksheets.MODULES[worksheet_id]
        others = {"tools." + name for name in worksheets.MODULES.values()} - {mine}
        assert mine in loaded and not others & set(loaded), (worksheet_id, loaded)


def test_warm_gets_the_pages_worksheet_ready_and_nothing_else():
    """What the worker runs before it keeps its start-up snapshot: the page's worksheet imported
    and its first view made, so a repeat visit's first view does not wait for them; other
    worksheets, and ids or languages it does not know, are left alone (no error either)."""
    import subprocess

    from tools import worksheets

    probe = (
        "import sys; from tools import bridge; bridge.warm({ws!r}, {lang!r}); "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('tools.'))))"
    )
    for worksheet_id, name in worksheets.MODULES.items():
        loaded = subprocess.run(
            [sys.executable, "-c", probe.format(ws=worksheet_id, lang="no")],
            cwd=TOOLS.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        others = {"tools." + n for n in worksheets.MODULES.values()} - {"tools." + name}
        assert "tools." + name in loaded and not others & set(loaded), (worksheet_id, loaded)
    for worksheet_id, lang in (("", ""), ("no-such-sheet", "en"), ("vi-worksheet", "de")):
        loaded = subprocess.run(
            [sys.executable, "-c", probe.format(ws=worksheet_id, lang=lang)],
            cwd=TOOLS.parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        assert not {"tools." + n for n in worksheets.MODULES.values()} & set(loaded), loaded
