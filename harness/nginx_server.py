"""A real nginx serving a built site under a sub-path with the headers the build ships
(`_deploy/nginx.conf`), as an organisation would host it: its server block holds the self-hosting
page's own nginx block (docs/self-hosting.md), with this site's folder and path put in, so what
the page tells a reader to paste is what the tests run.

It runs in the foreground with its own configuration, pid and log files in a temporary
folder, on a free loopback port, and is stopped by its own pid.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from harness.site_server import SUB_PATH

ROOT = Path(__file__).resolve().parent.parent
# The example folder and path of the self-hosting page's block.
PAGE_FOLDER, PAGE_PATH = "/srv/practice-guide/", "/practice-guide"

CONFIG = """\
daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
{user}
events {{ worker_connections 256; }}
http {{
    access_log {tmp}/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server {{
        listen 127.0.0.1:{port};
{block}
    }}
}}
"""


def page_block(lang_folder=""):
    """The nginx block of the self-hosting page (docs/<lang>/self-hosting.md), as written there."""
    text = (ROOT / "docs" / lang_folder / "self-hosting.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```nginx\n(.*?)```", text, re.S)
    return block


def server_block(site, sub_path):
    """The page's block for a site in `site`, served at `sub_path` (ending with "/")."""
    block = page_block().replace(PAGE_FOLDER, f"{site}/").replace(PAGE_PATH, sub_path.rstrip("/"))
    return "\n".join("        " + line for line in block.splitlines())


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NginxServer:
    def __init__(self, site_dir, tmp_dir, sub_path=SUB_PATH):
        self.site = Path(site_dir).resolve()
        self.tmp = Path(tmp_dir)
        self.port = free_port()
        self.sub_path = sub_path
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}{self.sub_path}"

    def __enter__(self):
        binary = nginx_binary()
        if binary is None:
            raise RuntimeError("nginx is missing: apt-get install nginx-light")
        # As root, nginx's workers would switch to an unprivileged user that cannot read a
        # test's private temporary folder.
        user = "user root;" if hasattr(os, "geteuid") and os.geteuid() == 0 else ""
        conf = self.tmp / "nginx.conf"
        conf.write_text(
            CONFIG.format(tmp=self.tmp, user=user, port=self.port, block=server_block(self.site, self.sub_path))
        )
        check = subprocess.run(
            [binary, "-t", "-q", "-p", str(self.tmp), "-e", str(self.tmp / "error.log"), "-c", str(conf)],
            capture_output=True,
            text=True,
        )
        if check.returncode != 0:
            raise RuntimeError(f"nginx -t failed:\n{check.stderr}")
        self.process = subprocess.Popen(
            [binary, "-p", str(self.tmp), "-e", str(self.tmp / "error.log"), "-c", str(conf)]
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                urllib.request.urlopen(self.url, timeout=1).close()
                return self
            except OSError as err:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.__exit__()
                    raise RuntimeError("nginx did not start:\n" + (self.tmp / "error.log").read_text()) from err
                time.sleep(0.1)

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGQUIT)  # graceful stop of this master and its workers
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
