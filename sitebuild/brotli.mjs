// Brotli for the build (sitebuild/precompress.py calls it), with Node's own zlib: Node is already
// the build's (the compiled runtime), so no package is added for it.
//   node sitebuild/brotli.mjs <list.json>   list: [[source, target], ...]
import fs from "node:fs";
import zlib from "node:zlib";

const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_PARAM_SIZE_HINT, BROTLI_MAX_QUALITY } = zlib.constants;
for (const [source, target] of JSON.parse(fs.readFileSync(process.argv[2], "utf8"))) {
  const data = fs.readFileSync(source);
  const params = { [BROTLI_PARAM_QUALITY]: BROTLI_MAX_QUALITY, [BROTLI_PARAM_LGWIN]: 24, [BROTLI_PARAM_SIZE_HINT]: data.length };
  fs.writeFileSync(`${target}.tmp`, zlib.brotliCompressSync(data, { params }));
  fs.renameSync(`${target}.tmp`, target);
}
