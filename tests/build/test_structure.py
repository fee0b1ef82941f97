"""The build is engine-neutral: only sitebuild/engine.py and the hooks know MkDocs, and each hook
is a thin adapter that hands an event to sitebuild/."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ("mkdocs", "material", "mkdocs_static_i18n")


def imports(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_only_the_engine_module_of_the_build_knows_mkdocs():
    knowing = {p.name for p in (ROOT / "sitebuild").rglob("*.py") if set(imports(p)) & set(ENGINE)}
    assert knowing == {"engine.py"}


def test_every_hook_is_a_thin_adapter_over_sitebuild():
    hooks = sorted(p for p in (ROOT / "hooks").glob("*.py") if p.name != "_project.py")
    listed = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert hooks and all(f"hooks/{p.name}" in listed for p in hooks)
    for path in hooks:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
        assert "sitebuild" in set(imports(path)), path.name
        assert functions and all(n.end_lineno - n.lineno < 20 for n in functions), path.name
        # Code, not counting a string table a hook may still hold (hooks/offline.py's STRINGS).
        code = sum(n.end_lineno - n.lineno + 1 for n in tree.body if not isinstance(n, ast.Assign | ast.Expr))
        assert code < 40, (path.name, code)
