"""The form that the build puts into the page: complete, labelled and the same in both languages."""

from html.parser import HTMLParser

import pytest

from tools import worksheets


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.controls, self.labels, self.ids, self.fields = [], [], set(), [], []
        self.in_template = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "label" and "for" in a:
            self.labels.add(a["for"])
        if tag in ("input", "select", "textarea"):
            self.controls.append(a)
        if "data-field" in a:
            self.fields.append(a["data-field"])

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1


@pytest.fixture(params=["en", "no"])
def page(request):
    p = Collect()
    p.feed(worksheets.render_page("stakeholder-matrix", request.param, "v1"))
    return p


def test_every_control_has_a_label(page):
    for control in page.controls:
        if control.get("type") == "file":
            continue  # wrapped in its <label>
        assert control["id"] in page.labels, control


def test_ids_are_unique(page):
    assert len(page.ids) == len(set(page.ids))


def test_form_has_every_field_of_the_saved_format(page):
    from tools.stakeholder_matrix import STAKEHOLDER

    assert set(page.fields) == {"objective"} | set(STAKEHOLDER.fields)


def test_test_contract_attributes():
    html = worksheets.render_page("stakeholder-matrix", "no", "abc")
    assert 'data-worksheet="stakeholder-matrix"' in html and 'data-ready="false"' in html
    assert 'data-lang="no"' in html and 'data-code-version="abc"' in html


def test_strings_json_cannot_close_its_script_element():
    html = worksheets.render_page("stakeholder-matrix", "en")
    start = html.index('<script type="application/json"')
    end = html.index("</script>", start)
    assert "</" not in html[html.index(">", start) + 1 : end]
