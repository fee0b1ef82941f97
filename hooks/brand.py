"""Build hook: an organisation's own name, logo, colours and contact line, from the one
`extra.brand` block in mkdocs.yml (documented there and on the self-hosting page).

- `name` (per language) replaces the site's name in the header and the page titles;
- `logo` (a file, relative to mkdocs.yml) is copied into the site and shown in the header and
  as the favicon;
- `colours` become `assets/stylesheets/brand.css` (CSS variables of the theme, light and
  dark scheme), a file, so the strict Content-Security-Policy needs no inline styles;
- `contact` (per language) is shown in every page's footer.
Every key is optional. No template needs editing.
"""

import re
import shutil
from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

STYLESHEET = "assets/stylesheets/brand.css"
LOGO_DIR = "assets/brand"
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# CSS variables of Material's theme that each colour sets.
VARIABLES = {
    "primary": ("--md-primary-fg-color", "--md-primary-fg-color--light", "--md-primary-fg-color--dark"),
    "accent": ("--md-accent-fg-color",),
    "link": ("--md-typeset-a-color",),
}
SCHEMES = {"light": ":root > *", "dark": '[data-md-color-scheme="slate"]'}


def brand(config):
    return (config.extra or {}).get("brand") or {}


def _language(config):
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or "en"


def _per_language(value, lang):
    if isinstance(value, dict):
        return value.get(lang) or value.get("en")
    return value


def _logo_source(config):
    logo = brand(config).get("logo")
    if not logo:
        return None
    path = Path(config.config_file_path).parent / logo
    if not path.is_file():
        raise PluginError(f"extra.brand.logo: {path} is not a file")
    return path


def stylesheet(colours):
    blocks = ["/* Generated at build time by hooks/brand.py from extra.brand.colours in mkdocs.yml. */"]
    for scheme, selector in SCHEMES.items():
        values = (colours or {}).get(scheme) or {}
        lines = []
        for key, variables in VARIABLES.items():
            colour = values.get(key)
            if colour is None:
                continue
            if not HEX.match(str(colour)):
                raise PluginError(f"extra.brand.colours.{scheme}.{key}: {colour!r} is not a colour like #00695c")
            lines += [f"  {name}: {colour};" for name in variables]
            if key == "accent":  # the theme's faint accent background
                lines.append(f"  --md-accent-fg-color--transparent: {colour}1a;")
        if lines:
            blocks.append(selector + " {\n" + "\n".join(lines) + "\n}")
    return "\n".join(blocks) + "\n"


def on_config(config):
    logo = _logo_source(config)
    if logo:
        config.theme["logo"] = f"{LOGO_DIR}/{logo.name}"
        config.theme["favicon"] = f"{LOGO_DIR}/{logo.name}"
    if STYLESHEET not in config.extra_css:
        config.extra_css.append(STYLESHEET)
    return config


def apply_name_and_contact(config):
    lang = _language(config)
    name = _per_language(brand(config).get("name"), lang)
    if name:
        config.site_name = name
    contact = _per_language(brand(config).get("contact"), lang)
    # Material shows `copyright` in the footer as HTML: the contact line is escaped text.
    config.copyright = str(escape(contact)) if contact else None


@event_priority(-100)  # after the i18n plugin has set the language's own name
def on_page_context(context, page, config, nav):
    apply_name_and_contact(config)
    return context


@event_priority(-100)
def on_template_context(context, template_name, config):  # 404.html
    apply_name_and_contact(config)
    return context


def on_post_build(config):
    site = Path(config.site_dir)
    css = stylesheet(brand(config).get("colours"))
    target = site / STYLESHEET
    if not target.exists() or target.read_text(encoding="utf-8") != css:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(css, encoding="utf-8")
    logo = _logo_source(config)
    if logo:
        (site / LOGO_DIR).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(logo, site / LOGO_DIR / logo.name)
