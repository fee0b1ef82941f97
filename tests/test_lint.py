"""Lint and format are part of the test command: ruff, configured in ruff.toml."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("args", [["check", "--output-format", "concise"], ["format", "--check", "--diff"]])
def test_ruff(args):
    result = subprocess.run([sys.executable, "-m", "ruff", *args, "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_biome():
    """The JavaScript: lint and format by Biome (pinned in package.json, configured in biome.json);
    fix with `node_modules/.bin/biome check --write .`."""
    biome = ROOT / "node_modules" / ".bin" / "biome"
    assert biome.exists(), "run `npm ci` (scripts/setup.sh does)"
    result = subprocess.run([str(biome), "ci", "--max-diagnostics=50", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
