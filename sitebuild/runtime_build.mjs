// Runs runtime_build.py in Pyodide under Node, at build time (sitebuild/runtime.py calls it):
//   node sitebuild/runtime_build.mjs <pyodide dir> <tools.zip> <tools dir> <out dir>
// writes python_stdlib.zip, tools.zip and runtime.json into <out dir>.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [pyodideDir, toolsZip, toolsDir, outDir] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep });
pyodide.FS.mkdirTree("/build");
pyodide.FS.writeFile("/build/python_stdlib.zip", fs.readFileSync(path.join(pyodideDir, "python_stdlib.zip")));
pyodide.FS.writeFile("/build/tools.zip", fs.readFileSync(toolsZip));
// tools/ as files too, to import (unpacking the zip in Python would import modules of its own).
for (const entry of fs.readdirSync(toolsDir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(py|json)$/.test(entry.name) || entry.parentPath.includes("__pycache__")) continue;
  const rel = path.relative(toolsDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
  pyodide.FS.mkdirTree(path.posix.dirname(`/build/site/tools/${rel}`));
  pyodide.FS.writeFile(`/build/site/tools/${rel}`, fs.readFileSync(path.join(entry.parentPath, entry.name)));
}
const here = path.dirname(fileURLToPath(import.meta.url));
pyodide.runPython(fs.readFileSync(path.join(here, "runtime_build.py"), "utf8"), { filename: "runtime_build.py" });
fs.mkdirSync(outDir, { recursive: true });
for (const name of ["python_stdlib.zip", "tools.zip", "runtime.json"]) {
  fs.writeFileSync(path.join(outDir, name), pyodide.FS.readFile(`/build/out/${name}`));
}
