"""The form, built into the page at build time, and the page's worked example."""

from ..html import Raw, back_to_form, el, figure, row_actions, to_results, void
from ..i18n import list_words
from .guide import (
    by_domain,
    competencies,
    competency_href,
    competency_ids,
    name_of,
    principle_href,
    principles,
    summary_of,
)
from .model import LEVELS, NOT_RELEVANT, STANCES
from .rules import activity_level
from .words import level_text

# The results' headings: linked from the form and listed in the page's table of contents.
RESULT_HEADINGS = ("cs-profile-heading",)


# ---------------------------------------------------------------- the form (built into the page)


def rating_options(t, unset_key="not_rated"):
    opts = [el("option", t(unset_key), value="")]
    opts += [el("option", level_text(lv, t), value=str(lv)) for lv in LEVELS]
    opts.append(el("option", t("level_not_relevant"), value=NOT_RELEVANT))
    return Raw("".join(opts))


def scale_legend(t, id_="cs-scale"):
    items = "".join(el("div", el("dt", level_text(lv, t)), el("dd", t(f"level_{lv}_help"))) for lv in LEVELS)
    items += el("div", el("dt", t("level_not_relevant")), el("dd", t("level_not_relevant_help")))
    return el("dl", Raw(items), class_="cs-scale", id=id_)


def _text_field(fid, path, label, multiline=True, help_text=None, rows="2", kind="text"):
    help_id = f"{fid}-help" if help_text else None
    if multiline:
        control = el("textarea", id=fid, data_field=path, rows=rows, aria_describedby=help_id)
    else:
        control = void(
            "input",
            type=kind,
            id=fid,
            data_field=path,
            aria_describedby=help_id,
            autocomplete="off" if kind == "text" else None,
        )
    return el(
        "div",
        el("label", label, for_=fid),
        control,
        el("p", help_text, id=help_id, class_="ws-help") if help_text else None,
        class_="ws-field",
    )


def _competency_block(c, t, first=False):
    cid = c["id"]
    base = f"cs-{cid}"
    name = name_of(c, t)
    acts = "".join(
        el(
            "div",
            el("label", a[t.lang], for_=f"{base}-a{i + 1}"),
            el(
                "select",
                rating_options(t),
                id=f"{base}-a{i + 1}",
                data_field=f"competencies.{cid}.activities.{a['id']}",
            ),
            class_="cs-activity",
        )
        for i, a in enumerate(c["activities"])
    )
    return el(
        "div",
        el("h4", el("a", name, href=competency_href(c)), id=f"{base}-name"),
        el("p", summary_of(c, t), class_="ws-help cs-summary", id=f"{base}-summary"),
        el(
            "div",
            el("label", t("your_level"), el("span", f": {name}", class_="cs-vh"), for_=f"{base}-level"),
            el(
                "select",
                rating_options(t),
                id=f"{base}-level",
                data_field=f"competencies.{cid}.level",
                aria_describedby=f"{base}-summary",
            ),
            class_="ws-field cs-overall",
        ),
        # Deeper mode: one competency's key activities open at a time (an exclusive accordion:
        # opening one closes the others), instead of 124 ratings at once.
        el(
            "details",
            el("summary", t("activities_summary")),
            el(
                "fieldset", el("legend", t("activities_legend", competency=name)), Raw(acts), class_="cs-activities-set"
            ),
            class_="cs-activities",
            name="cs-deeper",
            open=first,
        ),
        el("div", "", data_region=f"level-{cid}", class_="cs-level-note"),
        _text_field(f"{base}-notes", f"competencies.{cid}.notes", t("competency_notes"), rows="1"),
        class_="cs-competency",
        id=f"cs-competency-{cid}",
    )


def _principle_block(p, t):
    pid = p["id"]
    base = f"cs-principle-{pid}"
    stance = [el("option", t("stance_unset"), value="")] + [el("option", t("stance_" + s), value=s) for s in STANCES]
    return el(
        "fieldset",
        el("legend", name_of(p, t)),
        el(
            "p",
            summary_of(p, t),
            " ",
            el("a", t("read_more", name=name_of(p, t)), href=principle_href(p)),
            class_="ws-help",
            id=f"{base}-summary",
        ),
        el(
            "div",
            el(
                "div",
                el("label", t("stance"), el("span", f": {name_of(p, t)}", class_="cs-vh"), for_=f"{base}-stance"),
                el(
                    "select",
                    Raw("".join(stance)),
                    id=f"{base}-stance",
                    data_field=f"principles.{pid}.stance",
                    aria_describedby=f"{base}-summary",
                ),
                class_="ws-field",
            ),
            _text_field(f"{base}-notes", f"principles.{pid}.notes", t("principle_notes"), rows="2"),
            class_="cs-principle-grid",
        ),
        class_="cs-principle",
        id=base,
    )


def _competency_select(fid, t):
    groups = "".join(
        el("optgroup", Raw("".join(el("option", name_of(c, t), value=c["id"]) for c in comps)), label=name_of(d, t))
        for d, comps in by_domain()
    )
    return el("select", Raw(el("option", t("choose_competency"), value="") + groups), id=fid, data_field="competency")


def _plan_row(t):
    p = "cs-plan-__i__"
    return el(
        "li",
        el(
            "fieldset",
            el("legend", t("plan_n", n="__n__"), data_out="legend"),
            el(
                "div",
                el("label", t("plan_competency"), for_=f"{p}-competency"),
                _competency_select(f"{p}-competency", t),
                el("p", "", data_out="current", class_="ws-note"),
                class_="ws-field",
            ),
            el(
                "div",
                _text_field(f"{p}-resources", "resources", t("resources"), help_text=t("resources_help")),
                _text_field(f"{p}-learn-from", "learn_from", t("learn_from"), help_text=t("learn_from_help")),
                _text_field(f"{p}-next-steps", "next_steps", t("next_steps"), help_text=t("next_steps_help")),
                _text_field(f"{p}-date", "date", t("by_when"), multiline=False, kind="date"),
                class_="ws-row-grid",
            ),
            row_actions(t),
        ),
        data_item="",
        class_="ws-item",
    )


def _file_button(label, into, multiple=False):
    return el(
        "label",
        label,
        void(
            "input",
            type="file",
            accept=".json,application/json",
            data_action="attach",
            data_into=into,
            multiple=multiple,
            class_="ws-file",
        ),
        class_="md-button ws-import",
    )


def _section(sid, heading, *children):
    return el(
        "section",
        el("h3", heading, id=f"{sid}-heading"),
        *children,
        class_="cs-section",
        id=sid,
        aria_labelledby=f"{sid}-heading",
    )


def render_form(t):
    plan_row = _plan_row(t)
    earlier_hidden = [void("input", type="hidden", data_field=f"earlier.{k}") for k in ("source", "name", "date")]
    earlier_hidden += [void("input", type="hidden", data_field=f"earlier.levels.{cid}") for cid in competency_ids()]
    domains_html = [
        el(
            "fieldset",
            el("legend", name_of(d, t)),
            el("p", summary_of(d, t), class_="ws-help"),
            *[_competency_block(c, t, first=c is competencies()[0]) for c in comps],
            to_results(t, RESULT_HEADINGS[0]),
            class_="cs-domain",
            id=f"cs-domain-{d['id']}",
        )
        for d, comps in by_domain()
    ]
    pending = el("p", t("results_pending"))
    return el(
        "form",
        el("p", t("not_a_measure"), class_="cs-not-a-measure"),
        _section(
            "cs-about",
            t("about_heading"),
            el(
                "div",
                _text_field("cs-name", "name", t("name"), multiline=False, help_text=t("name_help")),
                _text_field("cs-role", "role", t("role"), multiline=False),
                _text_field("cs-date", "date", t("date"), multiline=False, kind="date"),
                class_="ws-row-grid",
            ),
        ),
        _section(
            "cs-rate",
            t("rate_heading"),
            el("p", t("rate_intro")),
            el("details", el("summary", t("scale_heading")), scale_legend(t), class_="cs-scale-help", open=True),
            el(
                "div",
                el("label", t("mode"), for_="cs-mode"),
                el(
                    "select",
                    Raw(el("option", t("mode_quick"), value="quick") + el("option", t("mode_deeper"), value="deeper")),
                    id="cs-mode",
                    data_field="mode",
                    aria_describedby="cs-mode-help",
                ),
                el("p", t("mode_help"), id="cs-mode-help", class_="ws-help"),
                class_="ws-field cs-mode",
            ),
            *domains_html,
        ),
        _section(
            "cs-principles",
            t("principles_heading"),
            el("p", t("principles_intro")),
            *[_principle_block(p, t) for p in principles()],
        ),
        _section(
            "cs-profile",
            t("profile_heading"),
            figure("profile", t, "cs-profile-heading", pending, fits=True),
            back_to_form(t, "cs-rate-heading"),
            el("h4", t("summary_heading"), id="cs-summary-heading"),
            el("div", pending, data_region="summary", aria_live="polite"),
            _text_field(
                "cs-reflection-strengths",
                "reflection.strengths",
                t("reflection_strengths"),
                help_text=t("reflection_strengths_help"),
            ),
        ),
        _section(
            "cs-plan",
            t("plan_heading"),
            el("p", t("plan_intro")),
            el("div", pending, data_region="plan-hints"),
            el(
                "ol",
                Raw(plan_row.replace("__i__", "n0").replace("__n__", "1")),
                data_list="plan",
                class_="ws-list",
                aria_labelledby="cs-plan-heading",
            ),
            el("template", plan_row, data_template="plan"),
            el("button", t("add_plan"), type="button", data_action="add", data_list="plan", class_="md-button"),
            _text_field(
                "cs-reflection-practice",
                "reflection.practice",
                t("reflection_practice"),
                help_text=t("reflection_practice_help"),
            ),
        ),
        _section(
            "cs-compare",
            t("compare_heading"),
            el("p", t("compare_help")),
            el(
                "div",
                _file_button(t("compare_choose"), "earlier"),
                el(
                    "button",
                    t("compare_remove"),
                    type="button",
                    data_action="clear-part",
                    data_part="earlier",
                    data_done=t("compare_removed"),
                    class_="md-button",
                ),
                class_="ws-toolbar cs-file-bar",
            ),
            Raw("".join(earlier_hidden)),
            figure("comparison", t, "cs-compare-heading", pending),
        ),
        data_form="",
        class_="ws-form cs-form",
        novalidate=True,
        aria_label=t("title"),
    )


# ---------------------------------------------------------------- worked example (page)


def example_html(example, t):
    """The page's example of the deeper mode's rule, with each result from activity_level."""
    words = example[t.lang]
    cases = [
        words["case"].format(ratings=list_words(r, words["and"]), level=activity_level(r)) for r in example["cases"]
    ]
    return el("p", words["sentence"].format(cases=words["separator"].join(cases)), class_="cs-example")
