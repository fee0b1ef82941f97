"""The benchmark's own server in front of nginx (bench/run.py's driver-free method): it passes
every request on to nginx as it came (so the shipped configuration decides what is sent, Brotli
copies included), counts the bytes it sends back, can hold them to a link's bandwidth, and hears
each page report its own ready time. Nothing of it is in the built site.

- Every HTML page it passes on gets one script tag before `</head>`, for `__bench/report.js`,
  which it serves itself from the site's own address: the page's Content-Security-Policy
  (`script-src 'self'`, `connect-src 'self'`) allows it as it is; nothing is relaxed.
- The script sends `performance.now()` when the worksheet shows ready (or the bare page sets
  `window.__ready`), then, once the visit has finished its own work (a first visit keeps its
  snapshot and primes the runtime script), asks what to do next: stay, or open the same address
  again in the same browser (through `__bench/again`, so the next visit is a new navigation).
- Bandwidth: one budget for all connections, as one link has (`rate` bytes a second; None: as
  fast as loopback goes). Latency is not added.

    with BenchProxy(nginx_url) as proxy:
        proxy.plan(["again", "stay"])
        ... chromium --user-data-dir=... proxy.url + page ...
        report = proxy.next_report(timeout=120)   # {"ready", "from", "bytes", "url", ...}
"""

import functools
import gzip
import http.client
import http.server
import json
import queue
import threading
import time
import urllib.parse

from harness.site_server import SUB_PATH, LoopbackServer

REPORT_JS = r"""// Benchmark only: served by harness/bench_proxy.py, never part of the site.
const post = (kind, data) =>
  fetch(new URL("__bench/" + kind, BASE), { method: "POST", body: JSON.stringify({ ...data, url: location.href }) });
const root = () => document.querySelector("[data-worksheet]");
let reported = false;
function ready(at) {
  if (reported) return;
  reported = true;
  const from = root()?.dataset.pythonFrom || "bare";
  const nav = performance.getEntriesByType("navigation")[0];
  post("ready", { ready: at, from, dom: nav ? nav.domContentLoadedEventEnd : 0 });
  settle(from).then(async () => {
    const next = await (await post("settled", {})).json();
    if (next.action === "again") location.assign(new URL("__bench/again?to=" + encodeURIComponent(location.href), BASE));
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function kept() {
  const cache = await caches.open("isp-python-snapshot");
  const keys = await cache.keys();
  if (keys.length !== 1) return false;
  const hit = await cache.match(keys[0]);
  return Boolean(hit) && (await hit.arrayBuffer()).byteLength > 1000000;
}
// What a visit does after it is ready, finished before the next visit: the service worker keeps
// the files; a worksheet's first visit keeps its snapshot and runs the runtime script again.
async function settle(from) {
  await sleep(1500);
  if (from === "bare") return;
  for (let i = 0; i < 600 && !(await kept()); i++) await sleep(100);
  if (from === "start") {
    for (let i = 0; i < 600 && root()?.dataset.runtimePrimed !== "true"; i++) await sleep(100);
    await sleep(1000); // Chromium stores a script's compiled code a moment after it has run
  }
}
const BASE = new URL("./", new URL(import.meta.url)).href.replace(/__bench\/$/, "");
if (window.__ready) ready(window.__ready);
document.addEventListener("bench-ready", () => ready(window.__ready));
const watch = () => {
  const r = document.querySelector('[data-worksheet][data-ready="true"]');
  if (r) ready(performance.now());
  return Boolean(r);
};
if (!watch()) {
  new MutationObserver((_, observer) => watch() && observer.disconnect()).observe(document, {
    subtree: true,
    attributes: true,
    attributeFilter: ["data-ready"],
  });
}
"""

AGAIN_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>again</title>
<script src="again.js"></script></head><body></body></html>
"""
# The next visit after a pause, as the DevTools method leaves one between its visits.
AGAIN_JS = """setTimeout(() => location.assign(new URLSearchParams(location.search).get("to")), 1000);"""
TAG = b'<script type="module" src="' + SUB_PATH.encode() + b'__bench/report.js"></script>'
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "proxy-connection", "upgrade", "te"}


class Link:
    """One bandwidth budget shared by every connection: each chunk takes the next slot of the
    link's time, so two downloads at once share it as they would on a real link."""

    def __init__(self, rate, monotonic=time.monotonic, sleep=time.sleep):
        self.rate = rate
        self.free_at = 0.0
        self.lock = threading.Lock()
        self.monotonic, self.sleep = monotonic, sleep

    def send(self, wfile, data, chunk=16384):
        if not self.rate:
            wfile.write(data)
            return
        for start in range(0, len(data), chunk):
            piece = data[start : start + chunk]
            with self.lock:
                begin = max(self.monotonic(), self.free_at)
                self.free_at = done = begin + len(piece) / self.rate
            delay = done - self.monotonic()
            if delay > 0:
                self.sleep(delay)
            wfile.write(piece)
            wfile.flush()


class BenchProxy(LoopbackServer):
    def __init__(self, upstream, rate=None):
        """upstream: nginx's address for the site (ending in SUB_PATH); rate: bytes a second."""
        parsed = urllib.parse.urlsplit(upstream)
        self.upstream = (parsed.hostname, parsed.port)
        self.link = Link(rate)
        self.sent = 0  # the site's bytes sent to the browser, headers included
        self.count = threading.Lock()
        self.reports = queue.Queue()
        self.actions = []
        self.log = []  # (path, status, bytes sent, Content-Encoding), in the order sent
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                proxy.handle(self)

            do_HEAD = do_GET

            def do_POST(self):
                proxy.handle(self)

        super().__init__(Handler)

    def plan(self, actions):
        """What each visit does once settled, in order: "again" (the same page once more in the
        same browser) or "stay"."""
        self.actions = list(actions)
        while not self.reports.empty():
            self.reports.get_nowait()

    def bytes_sent(self):
        with self.count:
            return self.sent

    def next_report(self, timeout=180):
        return self.reports.get(timeout=timeout)

    # ------------------------------------------------------------ serving

    def reply(self, handler, status, headers, body, own=False):
        """own: the benchmark's own files and answers, not counted in the site's bytes."""
        head = f"HTTP/1.1 {status} {http.client.responses.get(status, '')}\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers) + f"Content-Length: {len(body)}\r\n\r\n"
        data = head.encode("latin-1") + (b"" if handler.command == "HEAD" else body)
        with self.count:
            self.sent += 0 if own else len(data)
            encoding = next((v for k, v in headers if k.lower() == "content-encoding"), "")
            self.log.append((handler.path, status, len(data), encoding))
        self.link.send(handler.wfile, data)

    def handle(self, handler):
        path = handler.path
        length = int(handler.headers.get("Content-Length") or 0)
        payload = handler.rfile.read(length) if length else b""
        bench = SUB_PATH + "__bench/"
        if path.startswith(bench):
            return self.own(handler, path[len(bench) :], payload)
        conn = http.client.HTTPConnection(*self.upstream, timeout=60)
        try:
            headers = {k: v for k, v in handler.headers.items() if k.lower() not in HOP}
            conn.request(handler.command, path, body=payload or None, headers=headers)
            response = conn.getresponse()
            body = response.read()
            out = [(k, v) for k, v in response.getheaders() if k.lower() not in HOP]
        finally:
            conn.close()
        if response.getheader("Content-Type", "").startswith("text/html") and body:
            body, out = self.inject(body, out)
        self.reply(handler, response.status, out, body)

    def inject(self, body, headers):
        encoding = dict((k.lower(), v) for k, v in headers).get("content-encoding", "")
        html = gzip.decompress(body) if encoding == "gzip" else body
        if encoding not in ("", "gzip") or b"</head>" not in html:
            return body, headers
        html = html.replace(b"</head>", TAG + b"</head>", 1)
        headers = [(k, v) for k, v in headers if k.lower() != "etag"]  # not nginx's file any more
        return (gzip.compress(html, 6, mtime=0) if encoding == "gzip" else html), headers

    def own(self, handler, name, payload):
        reply = functools.partial(self.reply, own=True)
        name = name.split("?", 1)[0]
        if name == "report.js":
            return reply(handler, 200, [("Content-Type", "text/javascript")], REPORT_JS.encode())
        if name == "again":
            return reply(handler, 200, [("Content-Type", "text/html")], AGAIN_HTML.encode())
        if name == "again.js":
            return reply(handler, 200, [("Content-Type", "text/javascript")], AGAIN_JS.encode())
        if name == "ready" and handler.command == "POST":
            report = {**json.loads(payload), "bytes": self.bytes_sent()}
            self.reports.put(report)
            return reply(handler, 204, [], b"")
        if name == "settled" and handler.command == "POST":
            action = self.actions.pop(0) if self.actions else "stay"
            self.reports.put({"settled": True, "action": action, "bytes": self.bytes_sent()})
            body = json.dumps({"action": action}).encode()
            return reply(handler, 200, [("Content-Type", "application/json")], body)
        return reply(handler, 404, [("Content-Type", "text/plain")], b"not found")
