"""The built stylesheet is the source without comments and spacing, and means the same."""

from sitebuild import minify
from sitebuild.site import ROOT


def test_only_comments_and_needless_spaces_go():
    css = """/* why */
.ws :is(input, textarea) > p ,
a[title="x > y ; z"] {
  width: calc(100% - 2 * 0.4rem);  /* room */
  content: 'a  b';
}
@media screen and (max-width: 44em) { .a + .b ~ .c { color: red; } }
"""
    assert minify.minify(css) == (
        ".ws :is(input,textarea)>p,a[title=\"x > y ; z\"]{width: calc(100% - 2 * 0.4rem);content: 'a  b'}"
        "@media screen and (max-width: 44em){.a + .b ~ .c{color: red}}\n"
    )


def test_the_sites_stylesheet_is_smaller_and_minifies_to_itself():
    source = (ROOT / "overrides" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    small = minify.minify(source)
    assert len(small) < 0.8 * len(source)
    assert minify.minify(small) == small
    without_comments = minify.COMMENT.sub("", source)
    assert small.count("{") == small.count("}") == without_comments.count("{")
