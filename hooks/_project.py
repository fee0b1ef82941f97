"""Puts the project's folder on sys.path, so the hooks can import sitebuild/ and tools/ (MkDocs
puts only hooks/ there, and only while it loads a hook). Imported by every hook; not a hook."""

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
