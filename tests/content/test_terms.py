"""One Norwegian term base (sitebuild/data/terms.json), used everywhere: no rejected variant in the
Norwegian pages, worksheet strings or data, and the glossary and principles use the approved terms."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from sitebuild import content, terms  # noqa: E402


def test_no_rejected_variant_in_the_norwegian_text():
    findings = terms.check_tree(ROOT)
    assert not findings, "Avviste varianter i norsk tekst:\n" + "\n".join(str(f) for f in findings)


def test_every_term_has_an_approved_term_and_reasoned_variants():
    for term in terms.term_base()["terms"]:
        assert term["en"].strip() and term["no"].strip(), term["id"]
        assert term["rejected"], term["id"]
        for variant in term["rejected"]:
            assert variant["variant"].strip() and variant["reason"].strip(), term["id"]
            if variant["pattern"]:
                # A variant's pattern finds its own example and leaves the approved term alone.
                one = {"terms": [{**term, "rejected": [variant]}]}
                assert terms.check_text(variant["example"], base=one), (term["id"], variant["variant"])
                assert not terms.check_text(term["no"].split(" (")[0], base=one), term["id"]


def test_the_glossary_uses_the_approved_norwegian_terms():
    glossary = {e["id"]: e for e in content.glossary()}
    for term in terms.term_base()["terms"]:
        if "glossary" in term:
            assert glossary[term["glossary"]]["no"]["term"].casefold() == term["no"].casefold(), term["id"]


def test_the_principles_have_their_approved_norwegian_names():
    names = {p["id"]: p["name"]["no"] for p in content.guide()["principles"]}
    by_id = {t["id"]: t["no"] for t in terms.term_base()["terms"]}
    assert names["be-committed"] == by_id["be-committed"]
    assert names["advance-equity"] == by_id["advance-equity"]
