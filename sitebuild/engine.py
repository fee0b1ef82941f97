"""What the build reads from MkDocs and mkdocs-static-i18n: the one module of sitebuild/ that
knows them (the hooks in hooks/ are the rest). Moving to another engine means another of these
and other hooks; the build's steps stay as they are."""

from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import PluginError

from .site import BuildError, Site


def languages(config):
    """(default locale, (other locales)) as the i18n plugin builds them."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return "en", ()
    built = [lang for lang in i18n.config.languages if lang.build]
    default = next((lang.locale for lang in built if lang.default), built[0].locale)
    return default, tuple(lang.locale for lang in built if lang.locale != default)


def current_language(config):
    """The language being built (the i18n plugin builds one language at a time)."""
    i18n = config.plugins.get("i18n")
    return getattr(i18n, "current_language", None) or languages(config)[0]


def site(config):
    default, others = languages(config)
    return Site(
        dir=Path(config.site_dir),
        url=config.site_url or None,
        default_lang=default,
        other_langs=others,
        brand=(config.extra or {}).get("brand") or {},
        config_dir=Path(config.config_file_path).parent,
        theme_dirs=tuple(config.theme.dirs),
    )


@contextmanager
def reported():
    """A fault in the sources stops the build as MkDocs reports a plugin's error."""
    try:
        yield
    except BuildError as error:
        raise PluginError(str(error)) from error
