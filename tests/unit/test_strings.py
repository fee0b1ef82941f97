"""Every worksheet string exists in both languages, and every placeholder agrees."""

import json
import re
import string

import pytest

from tools.i18n import LANGS, STRINGS_DIR

FILES = sorted(STRINGS_DIR.glob("*.json"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_same_keys_and_placeholders_in_both_languages(path):
    table = json.loads(path.read_text(encoding="utf-8"))
    assert set(table) == set(LANGS)
    assert set(table["en"]) == set(table["no"])
    for key in table["en"]:
        fields = {lang: {f for _, f, _, _ in string.Formatter().parse(table[lang][key]) if f} for lang in LANGS}
        assert fields["en"] == fields["no"], key
        for lang in LANGS:
            assert table[lang][key].strip(), f"{lang}:{key} is empty"


@pytest.mark.parametrize(
    "path", FILES + sorted(STRINGS_DIR.parent.parent.glob("sitebuild/data/*.json")), ids=lambda p: p.name
)
def test_no_key_is_written_twice(path):
    """JSON keeps the last of two equal keys without a word: the first would be dead text."""
    twice = []

    def pairs(items):
        keys = [k for k, _ in items]
        twice.extend(k for k in set(keys) if keys.count(k) > 1)
        return dict(items)

    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=pairs)
    assert twice == []


def test_norwegian_strings_are_not_left_in_english():
    for path in FILES:
        table = json.loads(path.read_text(encoding="utf-8"))
        same = [
            k
            for k in table["en"]
            if table["en"][k] == table["no"][k] and re.search(r"[a-z]{4}", re.sub(r"\{\w+\}", "", table["en"][k]))
        ]
        # Names of formats and a few loan words may be equal; whole sentences may not.
        assert not [k for k in same if " " in table["en"][k]], same
