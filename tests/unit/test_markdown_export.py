"""Markdown exports: the reader's text comes out as they typed it, with only what Markdown would
read as markup escaped, and hostile text stays text wherever it stands (line start, table cell)."""

import html
import re

import markdown
import pytest

from tools import exports, worksheets


def shown(md):
    """The text a CommonMark viewer shows for escaped running text: backslash escapes and entities undone."""
    return html.unescape(re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md))


@pytest.mark.parametrize(
    "typed",
    [
        "GPs (regular ones) + nurses - 2 groups; 50% of them! {maybe} #1 choice.",
        "Q&A: is 3 > 2? Yes. E-mail: a.b@example.org, www.example.org",
        "snake_case, ikke_lest and æ_ø stay as typed",
    ],
)
def test_punctuation_that_is_not_markup_in_running_text_is_left_alone(typed):
    out = exports.md_text(typed)
    assert "\\" not in out, out
    assert shown(out) == typed


HOSTILE = [
    "# Not a heading",
    "## Not a heading either #",
    "> not a quote",
    "- not a list",
    "+ not a list",
    "* not a list",
    "1. not a list",
    "12) not a list",
    "    not code",
    "```",
    "~~~",
    "===",
    "---",
    "___",
    "***",
    "| a | b |",
    "*emphasis* and __strong__ and _em_ and ~~struck~~ and `code`",
    "[link](javascript:alert(1)) ![image](x.png) [ref][1] [^note]",
    "<img src=x onerror=alert(1)> <b>bold</b> &amp; &#60; <https://example.org>",
    "a line ending in a backslash \\",
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_markup_typed_anywhere_stays_text(typed):
    out = exports.md_text(typed)
    assert shown(out) == typed.lstrip()
    # Rendered on its own line and inside a paragraph, in a heading and in a table cell: one
    # paragraph, heading or cell of plain text, nothing else.
    for doc, wrapper in (
        (out, "<p>"),
        (f"Before\n{out}", "<p>"),
        (f"## {out}", "<h2>"),
        (f"| A | B |\n|---|---|\n| {exports.md_cell(typed)} | x |", "<table>"),
    ):
        rendered = markdown.markdown(doc, extensions=["tables"])
        assert rendered.startswith(wrapper), (typed, rendered)
        tags = set(re.findall(r"<(\w+)", rendered)) - {"p", "h2", "table", "thead", "tbody", "tr", "th", "td"}
        assert not tags, (typed, rendered)
        assert rendered.count("<td") in (0, 2), rendered


@pytest.mark.parametrize("lang", ["en", "no"])
def test_a_markdown_export_keeps_the_readers_parentheses_and_escapes_their_pipes(lang):
    typed = "GPs (regular ones) | nurses"
    data = {"objective": typed, "stakeholders": [{"name": "# GPs (regular)", "stake": "1. *much*"}]}
    md = worksheets.export("stakeholder-matrix", "markdown", data, lang)["text"]
    assert "GPs (regular ones) \\| nurses" in md
    assert "\\(" not in md and "\\)" not in md
    assert "\\# GPs (regular)" in md and "1\\. \\*much\\*" in md
