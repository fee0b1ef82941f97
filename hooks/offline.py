"""MkDocs hook: the "Save for offline use" control and the notice of a new version, in the page's
language (sitebuild/offline.py; the manifest and the service worker are written after the build)."""

import _project  # noqa: F401  (sys.path)
from mkdocs.plugins import event_priority

from sitebuild import engine, offline
from sitebuild.offline import MANIFEST, write_offline_files

__all__ = ["MANIFEST", "STRINGS", "write_offline_files"]  # for the tests

# Every string of the control and the notice, in both languages. Keys are the i18n locales.
STRINGS = {
    "en": {
        "intro": "Save the whole site in this browser, both languages and the worksheets included, "
        "so that it opens without a network connection, for example in a workshop room "
        "with no internet access.",
        "button": "Save for offline use",
        "size": "The download is about {size}.",
        "save_data": "Your browser is set to save data: nothing is downloaded until you choose to.",
        "progress": "Saving: {done} of {total}",
        "done": "Saved. The whole site now opens in this browser without a network connection.",
        "failed": "{count} files could not be saved. Check the connection and try again.",
        "unavailable": "This browser cannot keep the site for offline use here. The pages you have open still work.",
        "update": "A new version of this site is available.",
        "reload": "Reload",
    },
    "no": {
        "intro": "Lagre hele nettstedet i denne nettleseren, med begge språk og arbeidsarkene, "
        "slik at det kan åpnes uten nett, for eksempel i et kurslokale uten internettilgang.",
        "button": "Lagre for bruk uten nett",
        "size": "Nedlastingen er på omtrent {size}.",
        "save_data": "Nettleseren din er satt til å spare data: ingenting lastes ned før du velger det.",
        "progress": "Lagrer: {done} av {total}",
        "done": "Lagret. Hele nettstedet kan nå åpnes i denne nettleseren uten nett.",
        "failed": "{count} filer kunne ikke lagres. Sjekk tilkoblingen og prøv igjen.",
        "unavailable": "Denne nettleseren kan ikke lagre nettstedet for bruk uten nett her. "
        "Sidene du har åpne, virker fortsatt.",
        "update": "En ny versjon av nettstedet er tilgjengelig.",
        "reload": "Last inn på nytt",
    },
}


def on_page_content(page_html, page, config, files):
    return offline.add_control(page_html, STRINGS[engine.current_language(config)])


@event_priority(-100)
def on_post_page(output, page, config):
    return offline.add_notice(output, STRINGS[engine.current_language(config)])
