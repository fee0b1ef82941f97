// Compiles Pyodide's runtime script (pyodide.asm.mjs, 1.2 MB) once more at the end of a first
// visit, and does nothing else: worksheet.js starts it once Python's snapshot is kept. Chrome
// keeps a script's compiled code on its second run (or its first from a service worker's cache),
// so without this the next visit compiles it again and only the third is spared. The file is
// marked for eager compilation (sitebuild/worksheets.py), so what is kept covers all its functions.
await import(new URL("../pyodide/pyodide.asm.mjs", import.meta.url).href);
self.postMessage("compiled");
