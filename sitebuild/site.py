"""The built site as the build's steps see it, and the few facts they all share."""

from dataclasses import dataclass, field
from pathlib import Path

from tools.i18n import LANG_FOLDER  # one map of languages to folders, for the browser and the build

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DATA = Path(__file__).resolve().parent / "data"

__all__ = ["DATA", "DOCS", "LANG_FOLDER", "ROOT", "BuildError", "Site", "write_if_changed"]


class BuildError(ValueError):
    """A fault in the site's sources that must stop the build (the engine reports it)."""


@dataclass(frozen=True)
class Site:
    """What the steps after the pages need: the output folder and the settings they read."""

    dir: Path
    url: str | None = None  # the public address (mkdocs `site_url`), if known
    default_lang: str = "en"
    other_langs: tuple = ()
    brand: dict = field(default_factory=dict)  # mkdocs.yml `extra.brand`
    config_dir: Path = ROOT  # brand files are relative to the configuration's folder
    theme_dirs: tuple = ()  # the theme's folders, ours first: files as shipped, not as last written


def write_if_changed(path, data):
    """Writes bytes or text (UTF-8) only if the file's content differs: the i18n plugin runs every
    step once per language, and an unchanged file keeps its time stamp."""
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and path.read_bytes() == raw:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return True
