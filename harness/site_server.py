"""Serve a built site over HTTP on loopback, under a sub-path, as a static host would.

Used by the end-to-end tests and the benchmark. Serving from a sub-path (not /) proves that
every link and asset URL in the site is relative.
"""

import functools
import http.server
import threading
from pathlib import Path
from typing import ClassVar

SUB_PATH = "/practice-guide/"
# The public address the test build is given (mkdocs site_url, via ISP_SITE_URL): a fixed
# example with the same path, so the 404 pages' links from that path work on this server too.
PUBLIC_URL = "https://guide.example.org" + SUB_PATH
# The 404 page per language folder, as nginx sends it with `error_page 404` per location.
NOT_FOUND_PAGES = {"no/": "no/404.html", "": "404.html"}

# Types a correct static host sends; Pyodide streams the .wasm only as application/wasm.
TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".svg": "image/svg+xml",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def translate_path(self, path):
        if not path.startswith(SUB_PATH):
            return "/nonexistent"
        return super().translate_path("/" + path[len(SUB_PATH) :])

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        rest = self.path.split("?", 1)[0][len(SUB_PATH) :] if self.path.startswith(SUB_PATH) else ""
        folder = next(f for f in NOT_FOUND_PAGES if rest.startswith(f))
        try:
            body = (Path(self.directory) / NOT_FOUND_PAGES[folder]).read_bytes()
        except OSError:
            return super().send_error(code, message, explain)
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args):
        pass


class LoopbackServer:
    """An HTTP server on a free loopback port, in its own thread, while the `with` lasts; its
    url is the site's sub-path on it."""

    def __init__(self, handler, port=0):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{SUB_PATH}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


class SiteServer(LoopbackServer):
    def __init__(self, directory, port=0, handler=Handler):
        """handler: Handler or a subclass of it (a test's server that misbehaves on purpose)."""
        super().__init__(functools.partial(handler, directory=str(directory)), port)
