"""How the tests and the benchmark start Chromium: the system one where it exists.

Playwright's own browser download is not reachable everywhere, so a system Chromium is used
when one is present (CHROMIUM_PATH, or /usr/bin/chromium); otherwise Playwright's own, which
`playwright install chromium` provides.
"""

import os
import shutil

ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def executable_path():
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def launch_args():
    args = list(ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")
    options = {"args": args}
    path = executable_path()
    if path:
        options["executable_path"] = path
    return options
