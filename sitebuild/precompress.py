"""Precompressed copies beside the site's large files: `X.br` (Brotli) and `X.gz` (gzip), made
once at build time at the strongest settings, so a server sends them as they are instead of
compressing on every request (nginx's dynamic gzip runs at level 6 and has no Brotli; Brotli at
its strongest is too slow to run per request). Pyodide's WebAssembly is 9.6 MB, 3.5 MB as gzip
and 2.8 MB as Brotli.

The shipped server files pick the copy by the request's Accept-Encoding (sitebuild/headers.py);
the browser decodes it, so the page, its service worker and Cache Storage see the file itself.
The offline manifest never lists the copies (sitebuild/offline.py).

gzip: Python's own, level 9, no time stamp (the same bytes every build). Brotli: Node's zlib
(sitebuild/brotli.mjs), as Node is already needed by the build. Both are kept in
`.cache/precompressed/` by the file's hash: Brotli takes about a minute for the .wasm.
"""

import gzip
import hashlib
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from .site import ROOT, BuildError, write_if_changed

# What gets copies: text, the WebAssembly and the zips stored without compression of their own
# (runtime_build.py), large enough that a whole-file compression beats the server's own.
EXTENSIONS = (".wasm", ".mjs", ".js", ".css", ".json", ".zip", ".svg")
MIN_SIZE = 4096
PAYS = 0.9  # a copy is kept only if it saves a tenth of the file or more
ENCODINGS = ("br", "gz")
LEFT_OUT_DIRS = ("_deploy",)
CACHE = ROOT / ".cache" / "precompressed"
BROTLI = Path(__file__).resolve().parent / "brotli.mjs"


def candidates(site_dir):
    site_dir = Path(site_dir)
    for path in sorted(site_dir.rglob("*")):
        rel = path.relative_to(site_dir)
        if path.is_file() and path.suffix in EXTENSIONS and rel.parts[0] not in LEFT_OUT_DIRS:
            yield path


def is_copy(path):
    """A precompressed copy this step wrote: X.br or X.gz beside a file X it compresses."""
    path = Path(path)
    return (
        path.suffix in (".br", ".gz") and path.with_suffix("").suffix in EXTENSIONS and path.with_suffix("").is_file()
    )


def gzipped(data):
    return gzip.compress(data, compresslevel=9, mtime=0)


def brotli_all(jobs):
    """jobs: [(data, cache path)]: Brotli of each, written to its cache path, by one Node run."""
    if not jobs:
        return
    node = shutil.which("node")
    if node is None:
        raise BuildError("Node is missing: the build compresses the site's large files with Node's Brotli.")
    with tempfile.TemporaryDirectory() as tmp:
        pairs = []
        for i, (data, target) in enumerate(jobs):
            source = Path(tmp) / str(i)
            source.write_bytes(data)
            pairs.append([str(source), str(target)])
        (Path(tmp) / "list.json").write_text(json.dumps(pairs))
        done = subprocess.run([node, str(BROTLI), str(Path(tmp) / "list.json")], capture_output=True, text=True)
        if done.returncode != 0:
            raise BuildError(f"Brotli compression failed:\n{done.stderr[-2000:]}")


def write_precompressed(site, cache=CACHE):
    """X.br and X.gz beside every candidate X where they pay; a copy that no longer pays (or whose
    file changed) is replaced or removed. Returns {relative path: {"br": size, "gz": size}}."""
    site_dir = Path(site.dir)
    cache.mkdir(parents=True, exist_ok=True)
    files = [(path, path.read_bytes()) for path in candidates(site_dir) if path.stat().st_size >= MIN_SIZE]
    cached = {}
    todo = []
    for _path, data in files:
        digest = hashlib.sha256(data).hexdigest()
        for encoding in ENCODINGS:
            kept = cache / f"{digest}.{encoding}"
            cached[digest, encoding] = kept
            if kept.exists():
                continue
            if encoding == "gz":
                write_if_changed(kept, gzipped(data))
            else:
                todo.append((data, kept))
    brotli_all(todo)
    written = {}
    for path, data in files:
        digest = hashlib.sha256(data).hexdigest()
        for encoding in ENCODINGS:
            copy = path.with_name(f"{path.name}.{encoding}")
            packed = cached[digest, encoding].read_bytes()
            if len(packed) <= PAYS * len(data):
                write_if_changed(copy, packed)
                written.setdefault(path.relative_to(site_dir).as_posix(), {})[encoding] = len(packed)
            elif copy.exists():
                copy.unlink()
    # Copies of files that are gone, now too small or no longer paying (a folder built into before).
    for copy in [p for p in site_dir.rglob("*") if p.suffix in (".br", ".gz") and p.is_file()]:
        source = copy.with_suffix("")
        if source.suffix in EXTENSIONS and copy.suffix[1:] not in written.get(
            source.relative_to(site_dir).as_posix(), {}
        ):
            copy.unlink()
    return written
