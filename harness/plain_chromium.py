"""Visits timed with no driver at all (bench/run.py): a plain Chromium process per visit, on a
profile folder of its own, with no DevTools protocol, pipe or port; the page reports its own
ready time to the benchmark's server (harness/bench_proxy.py), which also counts the bytes.

One round, for one address:
1. cold: a new process on a new profile opens the page (a reader's first visit);
2. repeat in the same browser: once the first visit has finished its work, the same process
   opens the page again (a new navigation, through the proxy's `__bench/again`);
3. repeat in a new browser process: that process is ended (SIGTERM: Chromium shuts down as when
   its window is closed, and writes its caches) and a new one opens the page on the same profile
   folder (the reader comes back the next day).
"""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time

from harness.browser import executable_path, launch_args


class PlainChromium:
    name = "no driver"

    def __init__(self, proxy, executable=None):
        self.proxy = proxy
        self.executable = executable or executable_path()

    def launch(self, profile, url):
        return subprocess.Popen(
            [self.executable, "--headless=new", f"--user-data-dir={profile}", *launch_args()["args"], url],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: ended with it, by its id
        )

    @staticmethod
    def stop(process):
        if process.poll() is None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)
        # Helpers (GPU, network, storage) can outlive the main process by a moment and still
        # write into the profile; end the whole group so the next visit starts on settled files.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    @staticmethod
    def remove(profile):
        for _ in range(50):
            shutil.rmtree(profile, ignore_errors=True)
            if not os.path.exists(profile):
                return
            time.sleep(0.1)  # a helper that was still ending has written one more file
        shutil.rmtree(profile)

    def _until(self, key, timeout):
        while True:
            report = self.proxy.next_report(timeout)
            if key in report:
                return report

    def round(self, url, timeout=300):
        """(cold, repeat in the same browser, repeat in a new process): each the page's report,
        {"ready": ms, "from": "start"|"snapshot"|"bare", "bytes": sent since the visit began}."""
        profile = tempfile.mkdtemp(prefix="bench-profile-")
        try:
            self.proxy.plan(["again", "stay", "stay"])
            visits = []
            for count in (2, 1):
                before = self.proxy.bytes_sent()
                process = self.launch(profile, url)
                try:
                    for _ in range(count):
                        report = self._until("ready", timeout)
                        visits.append({**report, "bytes": report["bytes"] - before})
                        before = self._until("settled", timeout)["bytes"]
                finally:
                    self.stop(process)
        finally:
            self.remove(profile)
        return tuple(visits)
