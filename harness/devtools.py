"""Chromium driven through its DevTools protocol on a pipe, with nothing switched on in it.

Why not Playwright for the start-up figures: Playwright switches on DevTools' tracking in every
page and worker it sees (their requests, their console), and that costs the worker time a
reader's browser never spends. Paired on the same build (10 visits each, taking turns), a repeat
visit's Python was ready in 952 ms under Playwright and in 626 ms here; a first visit in 2,184 and
2,012 ms. A trace of the worker under Playwright shows V8 re-reading the source of Pyodide's
runtime (one function of 1.2 MB, run from the code cache, which keeps no line numbers) to find
line numbers for a script stack: `V8.CollectSourcePositions`, 80-100 ms. Here only the Target,
Page and Runtime commands are used, and nothing is switched on in the page's workers.

    with Chromium(executable, args) as chrome:
        context = chrome.new_context()
        tab = chrome.open(context, url, init_script)
        tab.evaluate("window.__ready")
"""

import contextlib
import json
import os
import subprocess
import tempfile
import threading
import time


class DevToolsError(RuntimeError):
    pass


class Chromium:
    def __init__(self, executable, args):
        self.profile = tempfile.TemporaryDirectory(prefix="bench-chromium-")
        to_chrome, self._out = os.pipe()  # Chromium reads commands on its fd 3
        self._in, from_chrome = os.pipe()  # and writes answers on its fd 4

        def fds():
            # Moved out of the way first: dup2 onto 3 or 4 could close the other pipe's end.
            a, b = os.dup(to_chrome), os.dup(from_chrome)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile.name}",
                *args,
                "about:blank",
            ],
            pass_fds=(3, 4),
            preexec_fn=fds,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_chrome)
        os.close(from_chrome)
        self._next = 0
        self._answers = {}
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        buffer = b""
        while True:
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                break
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                if "id" in message:
                    with self._arrived:
                        self._answers[message["id"]] = message
                        self._arrived.notify_all()

    def send(self, method, params=None, session=None, timeout=60):
        self._next += 1
        ident = self._next
        message = {"id": ident, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        with self._arrived:
            if not self._arrived.wait_for(lambda: ident in self._answers, timeout):
                raise DevToolsError(f"{method}: no answer in {timeout} s")
            answer = self._answers.pop(ident)
        if "error" in answer:
            raise DevToolsError(f"{method}: {answer['error']}")
        return answer["result"]

    def new_context(self):
        return self.send("Target.createBrowserContext")["browserContextId"]

    def close_context(self, context):
        self.send("Target.disposeBrowserContext", {"browserContextId": context})

    def open(self, context, url, init_script=None):
        target = self.send("Target.createTarget", {"url": "about:blank", "browserContextId": context})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, target, session)
        self.send("Page.enable", session=session)  # for the script below: it tracks no page or worker
        if init_script:
            self.send("Page.addScriptToEvaluateOnNewDocument", {"source": init_script}, session)
        self.send("Page.navigate", {"url": url}, session)
        return tab

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        with contextlib.suppress(DevToolsError, OSError):
            self.send("Browser.close", timeout=10)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._out)
        self._reader.join(timeout=10)  # ends once Chromium has closed its end
        os.close(self._in)
        self.profile.cleanup()


class Tab:
    def __init__(self, chrome, target, session):
        self.chrome, self.target, self.session = chrome, target, session

    def evaluate(self, expression):
        """The value of an expression (awaited if it is a promise); None while it throws, as it
        does while the page is still loading."""
        result = self.chrome.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True}, self.session
        )
        if "exceptionDetails" in result:
            return None
        return result["result"].get("value")

    def wait_for(self, expression, timeout=60, interval=0.05):
        """Poll until the expression's value is not null, undefined or false; that value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value is not None and value is not False:
                return value
            time.sleep(interval)
        raise DevToolsError(f"not true within {timeout} s: {expression[:80]}")

    def close(self):
        self.chrome.send("Target.closeTarget", {"targetId": self.target})
