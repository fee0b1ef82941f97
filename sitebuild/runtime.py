"""The browser's runtime in the site: `tools/` packed into `assets/tools.zip` (the exact code the
unit tests test) and Pyodide's core files copied from node_modules into `assets/pyodide/` (the
runtime script with a compile hint for V8 in front).

Both go in as bytecode made by Pyodide's own Python (runtime_build.py, run under Node by
runtime_build.mjs): `tools.zip` with each module's .pyc beside its source, and a
`python_stdlib.zip` holding the standard library the worksheets use, compiled, in place of
Pyodide's all-source one, so the browser compiles nothing when Python starts. The result is kept
in `.cache/runtime/` under a hash of its inputs.
"""

import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

from .site import ROOT, BuildError, write_if_changed

TOOLS = ROOT / "tools"
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# The core of Pyodide: enough for the standard library, which is all tools/ uses. Its
# python_stdlib.zip is replaced by the compiled one (runtime()).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.wasm")
# Pyodide's lock file lists its 357 installable packages (119 KB, 22 KB as Brotli), read at every
# start; the worksheets load none of them (the standard library is all tools/ uses). The site's
# copy keeps the part Pyodide checks at start (`info`: its ABI, Python and platform) and lists no
# package, so a package asked for by name would be reported missing.
LOCK = "pyodide-lock.json"
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"  # V8's explicit compile hint for a whole file
HERE = Path(__file__).resolve().parent
RUNTIME_BUILD = (HERE / "runtime_build.mjs", HERE / "runtime_build.py")
CACHE = ROOT / ".cache" / "runtime"


def tools_files():
    """Every module and data file of tools/: all of it is the browser's."""
    return sorted(
        p for p in TOOLS.rglob("*") if p.is_file() and p.suffix in (".py", ".json") and "__pycache__" not in p.parts
    )


def tools_zip():
    """A reproducible zip of the tools package (fixed timestamps, sorted names)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in tools_files():
            info = zipfile.ZipInfo(path.relative_to(ROOT).as_posix(), date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return buf.getvalue()


def code_version():
    """Changes whenever tools/, Pyodide or the way they are compiled changes, so browsers never
    mix old and new code."""
    digest = hashlib.sha256(tools_zip())
    lock = PYODIDE_DIR / "package.json"
    if lock.exists():
        digest.update(json.loads(lock.read_text())["version"].encode())
    for path in RUNTIME_BUILD:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def runtime():
    """The folder with the compiled tools.zip and python_stdlib.zip for this tools/ and this
    Pyodide: made once (about ten seconds, by Node), then reused by every build."""
    folder = CACHE / code_version()
    if (folder / "runtime.json").exists():
        return folder
    node = shutil.which("node")
    if node is None:
        raise BuildError("Node is missing: the build compiles the worksheets' Python with Pyodide under Node.")
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    (tmp / "source-tools.zip").write_bytes(tools_zip())
    done = subprocess.run(
        [node, str(RUNTIME_BUILD[0]), str(PYODIDE_DIR), str(tmp / "source-tools.zip"), str(TOOLS), str(tmp)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BuildError(f"compiling the worksheets' Python failed:\n{done.stderr[-3000:]}")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return folder


def write_runtime(site):
    """The compiled tools.zip and Pyodide's files, into the site's assets."""
    assets = Path(site.dir) / "assets"
    if not PYODIDE_DIR.is_dir():
        raise BuildError("node_modules/pyodide is missing: run `npm ci` first (the README's commands do).")
    compiled = runtime()
    write_if_changed(assets / "tools.zip", (compiled / "tools.zip").read_bytes())
    target = assets / "pyodide"
    target.mkdir(parents=True, exist_ok=True)
    write_if_changed(target / "python_stdlib.zip", (compiled / "python_stdlib.zip").read_bytes())
    # Chrome compiles a script's functions only when first called, and keeps (in its code cache)
    # only what was compiled by then; this comment has it compile the whole runtime script at
    # once, so a repeat visit finds all of it compiled (py-prime.js). Measured: bench/run.py.
    write_if_changed(target / "pyodide.asm.mjs", COMPILE_HINT + (PYODIDE_DIR / "pyodide.asm.mjs").read_bytes())
    lock = json.loads((PYODIDE_DIR / LOCK).read_text(encoding="utf-8"))
    write_if_changed(target / LOCK, json.dumps({"info": lock["info"], "packages": {}}, separators=(",", ":")))
    for name in PYODIDE_FILES:
        src, dst = PYODIDE_DIR / name, target / name
        if not dst.exists() or dst.stat().st_size != src.stat().st_size or dst.stat().st_mtime < src.stat().st_mtime:
            shutil.copy2(src, dst)
