"""Share links (tools/share.py): the fragment holds the JSON export, compressed and URL-safe; it
opens back to the same data; a link is checked as a file is, and a bad, tampered, too long or
other worksheet's link is refused in the reader's language; the link's limits hold."""

import base64
import json
import random
import zlib

import pytest
from test_data_safety import valid_state

from tools import bridge, share, worksheets
from tools.i18n import LANGS, Strings

WORKSHEETS = tuple(worksheets.MODULES)
PAGE = "https://guide.example.org/practice-guide/worksheets/x/"


def t(ws, lang):
    return Strings(worksheets.get(ws).STRINGS, lang)


def doc(ws, data, version=None):
    mod = worksheets.get(ws)
    return {"format": mod.FORMAT, "version": mod.VERSION if version is None else version, "data": data}


def shorten(value, n=80):
    """The state with every text cut to n characters (random text at its limits does not fit in
    a link; the limits themselves are tested apart)."""
    if isinstance(value, dict):
        return {k: shorten(v, n) for k, v in value.items()}
    if isinstance(value, list):
        return [shorten(v, n) for v in value]
    return value[:n] if isinstance(value, str) else value


def payload_of(link):
    assert "#share=" in link
    return link.split("#share=", 1)[1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ws", WORKSHEETS)
def test_a_link_opens_to_the_same_data_that_was_shared(ws, lang):
    rng = random.Random(f"{ws}{lang}")
    opened_any = 0
    for _ in range(30):
        state = shorten(valid_state(ws, rng))
        made = share.make_link(ws, state, lang, PAGE + "#results")
        if not made["ok"]:  # random text does not compress: some states are too long for a link
            assert made["message"].startswith(t(ws, lang)("share_too_long").split("{")[0])
            continue
        assert made["link"].startswith(PAGE + "#share=") and made["chars"] == len(made["link"]) <= share.MAX_LINK_CHARS
        opened = share.open_link(ws, payload_of(made["link"]), lang)
        assert opened["ok"], opened
        opened_any += 1
        local = getattr(worksheets.get(ws), "LOCAL_ONLY", ())
        assert {k: v for k, v in opened["state"].items() if k not in local} == {
            k: v for k, v in state.items() if k not in local
        }
    assert opened_any >= 5


@pytest.mark.parametrize("ws", WORKSHEETS)
def test_the_fragment_is_the_json_export_deflated_and_base64url_encoded(ws):
    state = valid_state(ws, random.Random(1))
    payload = share.encode(worksheets.document(worksheets.get(ws), state))
    assert set(payload) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    raw = zlib.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)), -15)
    exported = worksheets.export(ws, "json", state, "en")["text"]
    assert json.loads(raw) == json.loads(exported)  # the same versioned format as the file


def test_decoding_refuses_what_is_not_a_whole_payload():
    good = share.encode({"format": "x", "version": 1, "data": {"a": "b" * 100}})
    packed = base64.urlsafe_b64decode(good + "=" * (-len(good) % 4))
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()  # noqa: E731
    for bad, reason in [
        ("", "damaged"),
        (good[:-6], "damaged"),  # cut short when copied
        (good + "A", "damaged"),  # not a base64 length
        (good.replace(good[3], "+"), "damaged"),  # not URL-safe base64
        ("%41%42", "damaged"),
        (b64(packed + b"more"), "damaged"),  # bytes after the compressed stream
        (b64(zlib.compress(b'{"a":1}')), "damaged"),  # zlib, not raw deflate
        (b64(_deflate(b"\xff\xfe not utf-8")), "damaged"),
        ("A" * (share.MAX_LINK_CHARS + 1), "too_long"),
        (None, "damaged"),
    ]:
        with pytest.raises(share.Refused) as refused:
            share.decode(bad, 10_000_000)
        assert refused.value.reason == reason, bad
    assert json.loads(share.decode(good, 10_000_000))["data"]["a"] == "b" * 100


def _deflate(data):
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def test_a_small_link_never_unpacks_into_more_than_the_limit():
    bomb = share.encode_text("[" + " " * 3_000_000 + "]")
    assert len(bomb) < share.MAX_LINK_CHARS  # 3 MB of spaces fit in a short link
    with pytest.raises(share.Refused) as refused:
        share.decode(bomb, 1_000_000)
    assert refused.value.reason == "too_large"
    assert share.decode(bomb, 3_000_002).strip("[ ]") == ""


@pytest.mark.parametrize("lang", LANGS)
def test_bad_links_are_refused_with_the_readers_words_and_no_data(lang):
    ws = "stakeholder-matrix"
    s = t(ws, lang)
    mod = worksheets.get(ws)
    cases = [
        (share.encode(doc(ws, {"objective": 5})), "link_invalid"),
        (share.encode(doc(ws, {}, version=2)), "link_wrong_version"),
        (share.encode({**doc(ws, {}), "extra": 1}), "link_invalid"),
        (share.encode({"format": mod.FORMAT, "version": 1}), "link_no_data"),
        (share.encode({"format": "someone-elses", "version": 1, "data": {}}), "link_wrong_format"),
        (share.encode_text("{not json"), "link_not_json"),
        (share.encode_text('{"format": "a", "format": "b"}'), "link_duplicate_key"),
        (share.encode_text("[" * 40 + "]" * 40), "link_too_deep"),
        (share.encode(doc(ws, {}))[:-3], "link_damaged"),
        ("A" * (share.MAX_LINK_CHARS + 4), "link_too_long"),
    ]
    for payload, key in cases:
        result = share.open_link(ws, payload, lang, {"objective": "mine"})
        assert result["ok"] is False and "state" not in result, key
        assert result["message"].startswith(s(key).split("{")[0]), (key, result["message"])
        assert result["message"].endswith(s(key)[-20:]), key
    # The bridge the browser calls says the same.
    out = json.loads(bridge.call("open-link", json.dumps({"worksheet": ws, "lang": lang, "payload": cases[0][0]})))
    assert out["ok"] is False and out["details"]


def test_a_link_may_not_carry_the_browser_only_team_view():
    ws = "competency-self-check"
    data = {"name": "Ingrid"}
    data["team"] = [{"label": "A", "source": "", "levels": {}}]
    result = share.open_link(ws, share.encode(doc(ws, data)), "en")
    assert not result["ok"] and any('"team"' in d for d in result["details"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_link_for_another_worksheet_names_it_and_its_page(lang):
    payload = share.encode(doc("vi-worksheet", {"assessments": [{"id": "a1", "name": "Case"}], "open": "a1"}))
    result = share.open_link("stakeholder-matrix", payload, lang)
    vi = t("vi-worksheet", lang)("format_label")
    assert not result["ok"] and vi in result["message"]
    assert result["open_on"]["path"] == {"en": "", "no": "no/"}[lang] + "worksheets/vi-worksheet/"
    assert vi in result["open_on"]["label"]
    assert share.open_link("vi-worksheet", payload, lang)["ok"]


@pytest.mark.parametrize("lang", LANGS)
def test_a_worksheet_too_large_for_a_link_points_to_the_file_route(lang):
    rng = random.Random(5)
    noise = lambda n: "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))  # noqa: E731
    state = {"objective": noise(2000), "stakeholders": [{"name": noise(200), "stake": noise(2000)} for _ in range(6)]}
    result = share.make_link("stakeholder-matrix", state, lang, PAGE)
    s = t("stakeholder-matrix", lang)
    assert not result["ok"] and "link" not in result
    assert s("import_json") in result["message"]
    assert worksheets.number(share.MAX_LINK_CHARS, lang) in result["message"]


def test_data_the_link_could_not_carry_back_is_not_made_into_a_link():
    result = share.make_link("stakeholder-matrix", {"objective": "x" * 2500}, "en", PAGE)
    assert not result["ok"] and result["details"]


def test_the_share_link_length_is_said_in_the_readers_language():
    made = share.make_link("stakeholder-matrix", {"objective": "Fewer falls"}, "no", PAGE)
    assert made["message"] == t("stakeholder-matrix", "no")("share_length", chars=made["chars"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_summary_says_what_a_link_holds_before_it_is_loaded(lang):
    sm = share.open_link(
        "stakeholder-matrix",
        share.encode(
            doc(
                "stakeholder-matrix",
                {"objective": "Fewer falls", "stakeholders": [{"name": "Nurses"}, {"name": "Relatives"}, {}]},
            )
        ),
        lang,
    )
    assert any("Fewer falls" in line for line in sm["summary"])
    assert any("(2)" in line and "Nurses, Relatives" in line for line in sm["summary"])
    cs = share.open_link("competency-self-check", share.encode(doc("competency-self-check", {"name": "Ingrid"})), lang)
    assert any("Ingrid" in line for line in cs["summary"])


def test_assessments_from_a_link_are_added_beside_the_readers_own_with_fresh_ids():
    ws = "vi-worksheet"
    mine = {
        "open": "a1",
        "compare": {"first": "a1", "second": "a2"},
        "assessments": [{"id": "a1", "name": "Mine 1"}, {"id": "a2", "name": "Mine 2"}],
    }
    link = share.encode(
        doc(ws, {"open": "a1", "assessments": [{"id": "a1", "name": "Case"}, {"id": "a9", "name": ""}]})
    )
    result = share.open_link(ws, link, "en", mine)
    added = result["added"]
    assert [a["name"] for a in added["assessments"]] == ["Mine 1", "Mine 2", "Case"]  # the blank one is not added
    ids = [a["id"] for a in added["assessments"]]
    assert len(set(ids)) == 3 and ids[:2] == ["a1", "a2"]
    assert added["open"] == ids[2] and added["compare"] == {"first": "a1", "second": "a2"}
    assert result["added_names"] == ["Case"]
    # The replacing choice is still there, and the added state is valid data.
    assert [a["name"] for a in result["state"]["assessments"]] == ["Case", ""]
    mod = worksheets.get(ws)
    assert not worksheets.clean(mod, added, t(ws, "en"), strict=True)[1]
    # A blank worksheet (one empty assessment) takes the link's in its place.
    blank = share.open_link(ws, link, "en", {"assessments": [{"id": "a1"}], "open": "a1"})["added"]
    assert [a["name"] for a in blank["assessments"]] == ["Case"]


def test_assessments_that_would_not_fit_are_not_added():
    ws = "vi-worksheet"
    mine = {"open": "a1", "assessments": [{"id": f"a{i}", "name": f"N{i}"} for i in range(1, 50)]}
    link = share.encode(doc(ws, {"assessments": [{"id": "a1", "name": "A"}, {"id": "a2", "name": "B"}]}))
    result = share.open_link(ws, link, "no", mine)
    assert result["ok"] and "added" not in result
    assert result["added_problem"] == t(ws, "no")("link_add_too_many", have=49, adding=2, limit=50)


@pytest.mark.parametrize("ws", WORKSHEETS)
def test_the_documented_link_limit_is_the_one_applied(ws):
    for lang in LANGS:
        table = worksheets.limits_html(ws, lang)
        assert t(ws, lang)("limit_link_characters", n=worksheets.number(share.MAX_LINK_CHARS, lang)) in table


@pytest.mark.parametrize("lang", LANGS)
def test_the_self_checks_link_summary_speaks_of_the_worksheet_and_counts_in_the_right_number(lang):
    """Read by whoever opens the link, not the one who filled it in: no "You have rated"; and
    "1 entries" is "1 entry"."""
    ws = "competency-self-check"
    mod = worksheets.get(ws)
    ids = list(worksheets.load(ws, json.dumps(doc(ws, {})), lang)["state"]["competencies"])
    competencies = {cid: {"level": 3} for cid in ids[:14]}
    lines = {}
    for plans in (1, 2):
        data = {"competencies": competencies, "plan": [{"competency": ids[i]} for i in range(plans)]}
        lines[plans] = mod.summary(worksheets.load(ws, json.dumps(doc(ws, data)), lang)["state"], t(ws, lang))
    counts = {
        "en": "This worksheet has 14 of 15 competencies rated.",
        "no": "I dette arbeidsarket er 14 av 15 kompetanser vurdert.",
    }
    plan = {
        "en": ("Development plan: 1 entry.", "Development plan: 2 entries."),
        "no": ("Utviklingsplan: 1 punkt.", "Utviklingsplan: 2 punkter."),
    }
    assert lines[1] == [counts[lang], plan[lang][0]] and lines[2] == [counts[lang], plan[lang][1]]
    competencies[ids[14]] = {"level": "not-relevant"}
    state = worksheets.load(ws, json.dumps(doc(ws, {"competencies": competencies})), lang)["state"]
    assert mod.summary(state, t(ws, lang)) == [
        t(ws, lang)("link_summary_counts_not_relevant", rated=14, total=15, not_relevant=1)
    ]
    empty = worksheets.load(ws, json.dumps(doc(ws, {})), lang)["state"]
    assert mod.summary(empty, t(ws, lang)) == [t(ws, lang)("link_summary_empty")]
    every = " ".join(
        t(ws, lang)(k, rated=1, total=15, not_relevant=1, n=1, name="A", role="B")
        for k in t(ws, lang).table
        if k.startswith("link_summary")
    )
    assert not [w for w in ("You ", "you ", "your ", "Du ", " du ", " din ", " dine ") if w in every]
