"""An organisation's own name, logo, colours and contact line, from the one `extra.brand` block
in mkdocs.yml (documented there and on the self-hosting page).

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

from .site import BuildError, write_if_changed

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


def _per_language(value, lang):
    if isinstance(value, dict):
        return value.get(lang) or value.get("en")
    return value


def logo_source(brand, config_dir):
    logo = brand.get("logo")
    if not logo:
        return None
    path = Path(config_dir) / logo
    if not path.is_file():
        raise BuildError(f"extra.brand.logo: {path} is not a file")
    return path


def logo_path(brand, config_dir):
    """The logo's address in the site (the theme's logo and favicon), or None."""
    logo = logo_source(brand, config_dir)
    return f"{LOGO_DIR}/{logo.name}" if logo else None


def stylesheet(colours):
    blocks = ["/* Generated at build time by sitebuild/brand.py from extra.brand.colours in mkdocs.yml. */"]
    for scheme, selector in SCHEMES.items():
        values = (colours or {}).get(scheme) or {}
        lines = []
        for key, variables in VARIABLES.items():
            colour = values.get(key)
            if colour is None:
                continue
            if not HEX.match(str(colour)):
                raise BuildError(f"extra.brand.colours.{scheme}.{key}: {colour!r} is not a colour like #00695c")
            lines += [f"  {name}: {colour};" for name in variables]
            if key == "accent":  # the theme's faint accent background
                lines.append(f"  --md-accent-fg-color--transparent: {colour}1a;")
        if lines:
            blocks.append(selector + " {\n" + "\n".join(lines) + "\n}")
    return "\n".join(blocks) + "\n"


def name_and_contact(brand, lang):
    """(the site's name or None to keep the configured one, the footer's contact line as HTML or
    None). The theme shows the footer line as HTML: the contact line is escaped text."""
    name = _per_language(brand.get("name"), lang)
    contact = _per_language(brand.get("contact"), lang)
    return name or None, (str(escape(contact)) if contact else None)


def write_files(site):
    """brand.css and the logo, into the site."""
    write_if_changed(Path(site.dir) / STYLESHEET, stylesheet(site.brand.get("colours")))
    logo = logo_source(site.brand, site.config_dir)
    if logo:
        (Path(site.dir) / LOGO_DIR).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(logo, Path(site.dir) / LOGO_DIR / logo.name)
