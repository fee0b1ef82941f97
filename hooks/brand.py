"""MkDocs hook: the organisation's name, logo and contact line from `extra.brand` in mkdocs.yml
(sitebuild/brand.py; brand.css and the logo file are written after the build)."""

import _project  # noqa: F401  (sys.path)
from mkdocs.plugins import event_priority

from sitebuild import brand, engine


def on_config(config):
    site = engine.site(config)
    with engine.reported():
        logo = brand.logo_path(site.brand, site.config_dir)
    if logo:
        config.theme["logo"] = config.theme["favicon"] = logo
    if brand.STYLESHEET not in config.extra_css:
        config.extra_css.append(brand.STYLESHEET)
    return config


def _name_and_contact(config):
    name, contact = brand.name_and_contact(engine.site(config).brand, engine.current_language(config))
    if name:
        config.site_name = name
    config.copyright = contact


@event_priority(-100)  # after the i18n plugin has set the language's own name
def on_page_context(context, page, config, nav):
    _name_and_contact(config)
    return context


@event_priority(-100)
def on_template_context(context, template_name, config):  # 404.html
    _name_and_contact(config)
    return context
