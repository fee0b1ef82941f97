"""The upstream register: every place the site patches code it does not own, or relies on an
interface its maker does not promise to keep, with the version it was checked against and the
tests that fail when an upgrade breaks it.

Upgrading one of PINS: run the guards named below for that package (tests/build runs in seconds,
without a build; the others need a build or a browser). tests/build/test_upstream.py holds the
register to the code: each version equals the pin in requirements.txt or package.json, each
`ours` file still holds its `marker`, each guard test exists, and each copied upstream file still
has the hash recorded here (a changed file fails until its copy is compared and the hash renewed).
"""

from dataclasses import dataclass

# The versions every entry was checked against (requirements.txt, package.json).
PINS = {
    "mkdocs": "1.6.1",
    "mkdocs-material": "9.8.2",
    "mkdocs-static-i18n": "1.3.1",
    "pyodide": "314.0.7",
}


@dataclass(frozen=True)
class Reliance:
    name: str
    package: str  # a key of PINS
    what: str  # what of theirs we patch or rely on, and why
    ours: str  # the file of ours that does it
    marker: str  # text in `ours` that shows it (kept true by the register's test)
    guards: tuple  # "tests/<file>.py::<test>" that fail when an upgrade breaks it
    copied: dict | None = None  # {upstream file (in the package): sha256 at the pinned version}


UP = "tests/build/test_upstream.py::"
OUT = "tests/content/test_upstream_output.py::"

REGISTER = (
    Reliance(
        "material-script-tag",
        "mkdocs-material",
        "overrides/main.html defers Material's bundle by replacing the end of its script tag "
        '(`.min.js"></script>`) in the `scripts` block of base.html.',
        "overrides/main.html",
        """replace('.min.js"></script>', '.min.js" defer></script>')""",
        (
            UP + "test_materials_scripts_block_writes_the_tag_that_main_html_defers",
            OUT + "test_materials_bundle_is_deferred",
        ),
    ),
    Reliance(
        "material-template-blocks",
        "mkdocs-material",
        "overrides/main.html overrides base.html's blocks htmltitle, extrahead and scripts.",
        "overrides/main.html",
        "{% block extrahead %}",
        (UP + "test_the_blocks_main_html_overrides_are_in_base_html",),
    ),
    Reliance(
        "material-partials",
        "mkdocs-material",
        "Copies of Material's search and logo partials, each with one change (the dialog's "
        "accessible name; a decorative logo).",
        "overrides/partials/search.html",
        "Material's search partial (9.8.2)",
        (UP + "test_copied_partials_are_unchanged_upstream", "tests/e2e/test_site.py"),
        copied={
            "templates/partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
            "templates/partials/logo.html": "e0925ef6c190174a5162ed1ecc55295016dd8a7beec3018db3e04aac283a2dd9",
        },
    ),
    Reliance(
        "material-search-configuration",
        "mkdocs-material",
        'A regular expression rewrites "base" and "search" in the page\'s <script id="__config"> '
        "(Material's configuration): each language searches its own index, worksheet pages start "
        "the search worker later.",
        "sitebuild/search.py",
        '<script id="__config" type="application/json">',
        (
            UP + "test_materials_configuration_script_has_base_and_search",
            OUT + "test_each_language_searches_its_own_index",
        ),
    ),
    Reliance(
        "material-search-worker",
        "mkdocs-material",
        "workers/search-later.js loads Material's search worker (one workers/search.<hash>.min.js) and "
        'keeps the listener it adds with addEventListener("message"), to hold back building the index.',
        "overrides/assets/javascripts/workers/search-later.js",
        'if (type === "message" && !material) material = listener;',
        (UP + "test_materials_search_worker_and_lunr_are_where_the_build_looks", "tests/e2e/test_search_language.py"),
    ),
    Reliance(
        "lunr-prototypes",
        "mkdocs-material",
        "sitebuild/lunr_no_prefix.js replaces lunr.Query.prototype.clause and lunr.Index.prototype.query "
        "(lunr, bundled in Material's search worker) and calls lunr.no.stemmer (lunr-languages' "
        "lunr.no.min.js, to which the build appends it).",
        "sitebuild/lunr_no_prefix.js",
        "lunr.Query.prototype.clause = function",
        (UP + "test_materials_search_worker_and_lunr_are_where_the_build_looks", "tests/e2e/test_search_language.py"),
    ),
    Reliance(
        "material-search-languages",
        "mkdocs-material",
        "Material's search worker loads lunr files by the index's languages (the stemmer support, "
        "lunr.<lang>.min.js but for English, tinyseg.js for Japanese, wordcut.js for Hindi and Thai, "
        "lunr.multi.min.js for several); sitebuild/search.py keeps only those and removes the rest.",
        "sitebuild/search.py",
        "def lunr_files(index_langs):",
        (
            UP + "test_materials_search_worker_loads_the_lunr_files_the_build_keeps",
            "tests/content/test_search_index.py",
        ),
    ),
    Reliance(
        "material-search-index-request",
        "mkdocs-material",
        "Material asks for its search index with an XMLHttpRequest (opened, then heard through "
        '"load" and "error", a blob parsed as JSON) as its script starts. search-hold.js holds '
        "that request back on worksheet pages; search-index.js listens before Material, asks "
        "again after a failure on the way and says when the index cannot be had.",
        "overrides/assets/javascripts/search-index.js",
        "XMLHttpRequest.prototype.open",
        (
            UP + "test_materials_search_asks_for_its_index_with_an_xmlhttprequest_it_hears_by_load_and_error",
            "tests/e2e/test_reliability.py::"
            "test_a_search_index_lost_once_is_asked_for_again_and_one_that_cannot_be_had_is_said",
            "tests/e2e/test_search_language.py::test_a_worksheet_page_downloads_and_builds_its_search_index_after_python_is_ready",
        ),
    ),
    Reliance(
        "material-css-variables",
        "mkdocs-material",
        "The brand's colours set Material's CSS variables (--md-primary-fg-color and others).",
        "sitebuild/brand.py",
        '"--md-primary-fg-color"',
        (UP + "test_the_brands_css_variables_are_materials", "tests/e2e/test_branding.py"),
    ),
    Reliance(
        "material-inline-scripts",
        "mkdocs-material",
        "The Content-Security-Policy allows Material's inline scripts by their hashes, read from the "
        "built pages (not copied), so it follows what the theme writes.",
        "sitebuild/headers.py",
        "def inline_script_hashes(html):",
        ("tests/content/test_deploy_files.py", "tests/e2e/test_strict_csp.py"),
    ),
    Reliance(
        "i18n-output",
        "mkdocs-static-i18n",
        'Regular expressions take the plugin\'s <link rel="alternate" hreflang> out of the head and make '
        "the home pages' absolute language links relative.",
        "sitebuild/language_links.py",
        'HEAD_ALTERNATE = re.compile(r\'\\s*<link rel="alternate"',
        (OUT + "test_no_head_alternates_and_relative_home_language_links", "tests/e2e/test_site.py"),
    ),
    Reliance(
        "i18n-internals",
        "mkdocs-static-i18n",
        "The plugin's current_language and config.languages (locale, default, build) tell the "
        "build the language; its on_post_build (priority -100) builds the other languages, so the "
        "post-build steps run after it (-200); its on_page_context (50) sets the language's name "
        "before the brand's (-100).",
        "sitebuild/engine.py",
        'getattr(i18n, "current_language", None)',
        (UP + "test_the_i18n_plugins_attributes_and_priorities_the_build_relies_on",),
    ),
    Reliance(
        "material-search-index-shape",
        "mkdocs-material",
        "sitebuild/search.py relies on Material's search: its parser leaves out an element marked "
        "data-search-exclude (matching its end by tag name alone, so only elements that never hold "
        "their own kind are marked), and its worker indexes every field the index's config names "
        "(the unseen `keywords`) and passes each entry's `boost` to lunr.",
        "sitebuild/search.py",
        'EXCLUDE = " data-search-exclude"',
        (
            "tests/build/test_steps.py::test_a_worksheet_form_is_indexed_by_its_headings_and_prose_not_its_controls",
            "tests/e2e/test_search_language.py::test_a_competencys_name_finds_its_section_of_the_guide_first_not_the_worksheets_form",
            "tests/e2e/test_search_language.py::test_a_word_the_pages_say_otherwise_finds_the_page_about_it",
        ),
    ),
    Reliance(
        "pyodide-snapshot",
        "pyodide",
        "py-worker.js passes loadPyodide the private options _makeSnapshot and _loadSnapshot (and "
        "createPyodideModule), and calls makeMemorySnapshot, to keep Python's start between visits.",
        "overrides/assets/javascripts/py-worker.js",
        "_makeSnapshot: true",
        (UP + "test_pyodide_has_the_snapshot_options_the_worker_uses", "tests/e2e/test_python_start.py"),
    ),
    Reliance(
        "pyodide-stdlib",
        "pyodide",
        "The build replaces Pyodide's python_stdlib.zip with a compiled subset, made in Pyodide with "
        "CPython's private importlib._bootstrap_external._code_to_hash_pyc.",
        "sitebuild/runtime_build.py",
        "_code_to_hash_pyc",
        ("tests/content/test_runtime.py",),
    ),
    Reliance(
        "cpython-location-table",
        "pyodide",
        "The compiled runtime rewrites each function's co_linetable in CPython's internal "
        "location-table format (Objects/locations.md): tools/ keeps its line numbers without columns, "
        "the standard library keeps no locations; the build compares co_lines() before and after and "
        "stops on any difference.",
        "sitebuild/runtime_build.py",
        "if list(slim.co_lines()) != expected:",
        ("tests/content/test_runtime.py",),
    ),
    Reliance(
        "mkdocs-toc",
        "mkdocs",
        "hooks/worksheets.py adds the results' headings to the page's table of contents as "
        "mkdocs.structure.toc.AnchorLink(title, id, level).",
        "hooks/worksheets.py",
        "AnchorLink(title, hid, entry.level + 1)",
        (UP + "test_mkdocs_anchor_links_are_made_as_the_hook_makes_them",),
    ),
)
