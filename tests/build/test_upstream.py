"""The upstream register (sitebuild/upstream.py) is true, and what it lists is still there in the
installed versions: these fail, without a build, when an upgrade moves something the site patches."""

import hashlib
import importlib.metadata
import inspect
import json
import re
from pathlib import Path

import pytest

from sitebuild.upstream import PINS, REGISTER

ROOT = Path(__file__).resolve().parents[2]


def installed(package):
    if package == "pyodide":
        return json.loads((ROOT / "node_modules" / "pyodide" / "package.json").read_text())["version"]
    return importlib.metadata.version(package)


def material(path):
    import material

    return (Path(material.__file__).parent / path).read_text(encoding="utf-8")


def test_the_pins_are_the_projects_and_installed_versions():
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    for name, version in PINS.items():
        pinned = (
            package["dependencies"][name] if name == "pyodide" else re.search(rf"^{name}==(.+)$", requirements, re.M)[1]
        )
        assert pinned == version == installed(name), name


@pytest.mark.parametrize("entry", REGISTER, ids=lambda e: e.name)
def test_each_entry_names_its_place_and_tests_that_exist(entry):
    assert entry.package in PINS
    assert entry.marker in (ROOT / entry.ours).read_text(encoding="utf-8"), (entry.ours, entry.marker)
    assert entry.guards
    for guard in entry.guards:
        path, _, name = guard.partition("::")
        source = (ROOT / path).read_text(encoding="utf-8")
        assert not name or f"def {name}(" in source, guard


def test_copied_partials_are_unchanged_upstream():
    """A copy of an upstream file is checked against the file it was copied from; when this fails,
    compare the copy with the new upstream file, then renew the hash in the register."""
    for entry in (e for e in REGISTER if e.copied):
        for path, digest in entry.copied.items():
            assert hashlib.sha256(material(path).encode("utf-8")).hexdigest() == digest, path
        assert PINS[entry.package] in (ROOT / entry.ours).read_text(encoding="utf-8")


def test_materials_scripts_block_writes_the_tag_that_main_html_defers():
    block = material("templates/base.html").split("{% block scripts %}")[1].split("{% endblock %}")[0]
    assert re.search(
        r"""<script src="\{\{ 'assets/javascripts/bundle\.[0-9a-f]+\.min\.js' \| url \}\}"></script>""", block
    )


def test_the_blocks_main_html_overrides_are_in_base_html():
    base = material("templates/base.html")
    ours = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    for block in re.findall(r"\{% block (\w+) %\}", ours):
        assert f"{{% block {block} %}}" in base, block


def test_materials_configuration_script_has_base_and_search():
    base = material("templates/base.html")
    config = base.split('<script id="__config" type="application/json">')[1].split("</script>")[0]
    assert '"base": base_url' in config.replace("'", '"') and "search" in config


def test_materials_search_worker_and_lunr_are_where_the_build_looks():
    import material

    assets = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    [worker] = (assets / "workers").glob("search.*.min.js")
    code = worker.read_text(encoding="utf-8")
    assert "Query.prototype.clause" in code and "Index.prototype.query" in code
    assert 'addEventListener("message"' in code
    assert "no.stemmer" in (assets / "lunr" / "min" / "lunr.no.min.js").read_text(encoding="utf-8")


def test_materials_search_worker_loads_the_lunr_files_the_build_keeps():
    """sitebuild/search.py lunr_files() follows the worker's rule for which lunr files it loads."""
    import material

    assets = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    [worker] = (assets / "workers").glob("search.*.min.js")
    code = worker.read_text(encoding="utf-8")
    rule = re.search(r"for\(let (\w) of \w\.lang\)\{(.*?)importScripts\(([^)]*)\)", code, re.S)
    assert rule, "the worker's language loading has changed"
    lang, body, loaded = rule.groups()
    assert 'case"ja":' in body and "/tinyseg.js`" in body
    assert 'case"hi":case"th":' in body and "/wordcut.js`" in body
    assert f'{lang}!=="en"&&' in body and f"/min/lunr.${{{lang}}}.min.js`" in body
    assert ".lang.length>1&&" in body and "/min/lunr.multi.min.js`" in body
    assert "/min/lunr.stemmer.support.min.js`" in loaded


def test_materials_search_asks_for_its_index_with_an_xmlhttprequest_it_hears_by_load_and_error():
    """search-hold.js and search-index.js wrap XMLHttpRequest's open and send for the index, and
    search-index.js listens before Material: Material must still ask for search_index.json through
    its one request function, an XMLHttpRequest opened before its listeners are added, asking for
    a blob, heard through "load" and "error", then parsed as JSON."""
    import material

    [bundle] = (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
    code = bundle.read_text(encoding="utf-8")
    request = re.search(
        r'function (\w+)\(\w,\w\)\{return new \w+\(\w=>\{let (\w)=new XMLHttpRequest;return \2\.open\("GET",[^)]*\),'
        r'\2\.responseType="blob",\2\.addEventListener\("load",.*?\2\.addEventListener\("error",.*?\2\.send\(\)',
        code,
        re.S,
    )
    assert request, "Material's request function has changed"
    json_request = re.search(
        rf"function (\w+)\(\w,\w\)\{{return {request.group(1)}\(\w,\w\)\.pipe\([^;]*JSON\.parse", code
    )
    assert json_request, "Material no longer reads JSON through that request"
    assert re.search(rf'{json_request.group(1)}\(new URL\("search/search_index\.json",', code)


def test_the_brands_css_variables_are_materials():
    import material

    from sitebuild.brand import VARIABLES

    css = "".join(
        p.read_text(encoding="utf-8")
        for p in (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.min.css")
    )
    for names in VARIABLES.values():
        for name in names:
            assert re.search(re.escape(name) + r"[:)]", css), name


def test_the_i18n_plugins_attributes_and_priorities_the_build_relies_on():
    from mkdocs_static_i18n.plugin import I18n

    assert I18n.on_post_build.mkdocs_priority == -100 > -200
    assert I18n.on_page_context.mkdocs_priority == 50 > -100
    assert I18n.on_template_context.mkdocs_priority == 50 > -100
    assert "self.current_language" in inspect.getsource(I18n)
    from mkdocs_static_i18n.config import I18nPluginLanguage

    assert {"locale", "default", "build"} <= set(dict(I18nPluginLanguage._schema))


def test_pyodide_has_the_snapshot_options_the_worker_uses():
    core = (ROOT / "node_modules" / "pyodide" / "pyodide.asm.mjs").read_text(encoding="utf-8")
    loader = (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").read_text(encoding="utf-8")
    assert "_makeSnapshot" in core and "makeMemorySnapshot" in core
    assert "_loadSnapshot" in loader and "createPyodideModule" in loader


def test_mkdocs_anchor_links_are_made_as_the_hook_makes_them():
    from mkdocs.structure.toc import AnchorLink

    link = AnchorLink("Results", "results", 3)
    assert (link.title, link.id, link.level, link.children) == ("Results", "results", 3, [])
