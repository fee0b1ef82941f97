import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness.browser import launch_args  # noqa: E402
from harness.nginx_server import NginxServer  # noqa: E402
from harness.site_server import PUBLIC_URL, SiteServer  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site, built once per test run with --strict (any warning fails the build).

    The build is given PUBLIC_URL as its public address (ISP_SITE_URL). ISP_SITE_DIR=path tests
    an already built site instead (quicker while editing tests; build it with that address).
    """
    if os.environ.get("ISP_SITE_DIR"):
        return Path(os.environ["ISP_SITE_DIR"])
    # The test processes (pytest-xdist's workers) share one build: the first to get here builds
    # it into the run's common temporary folder while the others wait on the lock.
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each worker's own
    out = shared / "site"
    with open(shared / "site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "index.html").is_file():
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                env={**os.environ, "ISP_SITE_URL": PUBLIC_URL},
            )
            assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def built_site_without_address(tmp_path_factory):
    """The site built without its public address (no ISP_SITE_URL), as whoever hosts a copy may
    build it: relative links, QR codes and full addresses made in the reader's browser, 404 pages
    that must work under any path. ISP_SITE_DIR_WITHOUT_ADDRESS=path tests one built already."""
    if os.environ.get("ISP_SITE_DIR_WITHOUT_ADDRESS"):
        return Path(os.environ["ISP_SITE_DIR_WITHOUT_ADDRESS"])
    out = tmp_path_factory.mktemp("site-without-address")
    env = {k: v for k, v in os.environ.items() if k != "ISP_SITE_URL"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def url_without_address(built_site_without_address):
    with SiteServer(built_site_without_address) as server:
        yield server.url


@pytest.fixture(scope="session")
def site_url(built_site):
    with SiteServer(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def nginx_url(built_site, tmp_path_factory):
    """The built site served by a real nginx with the headers the build ships."""
    with NginxServer(built_site, tmp_path_factory.mktemp("nginx")) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Service workers blocked: the site must work where they are unavailable, and a test's
    request interception (page.route) does not see requests a service worker makes. The
    offline tests and the strict-policy tests open their own contexts with them allowed."""
    return {**browser_context_args, "service_workers": "block"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, **launch_args()}
