// @ts-check
// tools.zip, read here rather than by Pyodide's unpackArchive, which writes it to a temporary
// file and unpacks it with Python's zipfile once Python has started (40-120 ms of a repeat
// visit's ~900). Its entries are inflated by the browser (DecompressionStream) while Python
// starts; only writing them into Python's file system waits for it. Stored (0) and deflated
// (8) entries; a name that would leave the folder is refused.

/** @param {Uint8Array} data */
const inflate = async (data) =>
  new Uint8Array(await new Response(new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"))).arrayBuffer());

/** @param {ArrayBuffer} buffer @returns {Promise<{name: string, content: Uint8Array}[]>} */
export async function readZip(buffer) {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let end = bytes.length - 22; // the end-of-directory record, after any comment
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("tools.zip: not a zip file");
  const names = new TextDecoder();
  const files = [];
  let at = view.getUint32(end + 16, true);
  for (let i = view.getUint16(end + 10, true); i > 0; i--) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new Error("tools.zip: damaged");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (name.endsWith("/")) continue;
    if (name.startsWith("/") || name.split("/").includes("..")) throw new Error(`tools.zip: ${name}`);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw new Error(`tools.zip: ${name}: damaged`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + size > bytes.length) throw new Error(`tools.zip: ${name}: cut short`);
    const data = bytes.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`tools.zip: ${name}: compression ${method}`);
    files.push({ name, content: method === 8 ? inflate(data) : Promise.resolve(data) });
  }
  return Promise.all(files.map(async ({ name, content }) => ({ name, content: await content })));
}

/** Writes the files into Pyodide's file system under dir. */
export function writeFiles(FS, files, dir) {
  for (const { name, content } of files) {
    const path = `${dir}/${name}`;
    FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
    FS.writeFile(path, content);
  }
}
