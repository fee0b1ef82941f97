"""The JavaScript's own unit tests (tests/js/, Node's test runner) are part of the test command."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_node_unit_tests():
    node = shutil.which("node")
    assert node, "Node is required (the build needs it too)"
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
