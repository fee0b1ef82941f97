"""tools/ runs on Pyodide's core: the standard library only, and Python 3.11 syntax."""

import ast
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
    from sitebuild import runtime

    names = set(zipfile.ZipFile(io.BytesIO(runtime.tools_zip())).namelist())
    expected = {
        p.relative_to(TOOLS.parent).as_posix()
        for p in TOOLS.rglob("*")
        if p.suffix in (".py", ".json") and "__pycache__" not in p.parts
    }
    assert names == expected
    assert "tools/bridge.py" in names and "tools/strings/common.json" in names


# What goes into tools.zip (each module then compiled, tests/content/test_runtime.py): the worksheets' runtime
# and the data it reads.
RUNTIME_MODULES = {
    "__init__",
    "bridge",
    "exports",
    "guide",
    "html",
    "i18n",
    "schema",
    "share",
    "stakeholder_matrix",
    "stakeholder_team",
    "team",
    "competency_team",
    "vi_team",
    "vi_worksheet",
    "worksheets",
    *(
        f"competency_self_check/{name}"
        for name in ("__init__", "form", "guide", "model", "pictures", "reports", "rules", "views", "words")
    ),
}
RUNTIME_DATA = {
    "data/guide.json",
    "data/vi_pointers.json",
    "strings/common.json",
    "strings/page.json",
    "strings/competency_self_check.json",
    "strings/stakeholder_matrix.json",
    "strings/vi_worksheet.json",
}
# Build-time code and data (sitebuild/): no reader's browser needs them.
BUILD_ONLY = ("content", "examples", "terms", "team_summary", "example_cases", "worksheet_examples", "print_pages")


def test_tools_zip_holds_the_runtime_and_the_data_the_browser_reads_and_nothing_of_the_build():
    from sitebuild import runtime

    names = set(zipfile.ZipFile(io.BytesIO(runtime.tools_zip())).namelist())
    assert names == {f"tools/{m}.py" for m in RUNTIME_MODULES} | {f"tools/{d}" for d in RUNTIME_DATA}
    assert not [n for n in names if any(word in n for word in (*BUILD_ONLY, "glossary", "references", "terms"))]


def _imports(path):
    """(module the file imports, at the top level of the file?) for every tools/ import in it."""
    package = path.relative_to(TOOLS.parent).parts[:-1]  # the file's package, dotted below
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = set(map(id, tree.body))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            names = [".".join((*base, *(node.module or "").split("."))).rstrip(".")]
            if not node.module:
                names = [".".join((*base, a.name)) for a in node.names]
            for name in names:
                yield name, id(node) in top
        elif isinstance(node, ast.ImportFrom | ast.Import):
            for name in [node.module] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]:
                yield name, id(node) in top


def _module(path):
    parts = path.relative_to(TOOLS.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_tools_imports_at_the_top_of_each_file_without_a_cycle_and_never_the_build():
    graph, hidden, upward = {}, [], []
    modules = {_module(p): p for p in TOOLS.rglob("*.py")}
    for name, path in modules.items():
        graph[name] = set()
        for imported, at_top in _imports(path):
            if imported.split(".")[0] in ("sitebuild", "hooks"):
                upward.append((name, imported))
            if imported.split(".")[0] != "tools":
                continue
            if not at_top:
                hidden.append((name, imported))
            # "from . import share" names a module; "from .html import el" names html.
            graph[name].add(imported if imported in modules else imported.rsplit(".", 1)[0])
    assert hidden == [] and upward == []

    def cycle_from(start, node, seen):
        for nxt in graph.get(node, ()):
            if nxt == start:
                return [node]
            if nxt not in seen:
                seen.add(nxt)
                found = cycle_from(start, nxt, seen)
                if found:
                    return [node, *found]
        return None

    # A package's __init__ may hand on its own modules' names (they import nothing back up).
    cycles = {m: cycle_from(m, m, set()) for m in graph}
    assert {m: c for m, c in cycles.items() if c} == {}


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
