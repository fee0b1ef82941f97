"""Serve a built site over HTTP on loopback, under a sub-path, as a static host would.

Used by the end-to-end tests and the benchmark. Serving from a sub-path (not /) proves that
every link and asset URL in the site is relative.
"""
import functools
import http.server
import threading

SUB_PATH = "/practice-guide/"

# Types a correct static host sends; Pyodide streams the .wasm only as application/wasm.
TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
         ".json": "application/json", ".zip": "application/zip", ".svg": "image/svg+xml"}


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def translate_path(self, path):
        if not path.startswith(SUB_PATH):
            return "/nonexistent"
        return super().translate_path("/" + path[len(SUB_PATH):])

    def log_message(self, *args):
        pass


class SiteServer:
    def __init__(self, directory, port=0):
        handler = functools.partial(Handler, directory=str(directory))
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
