import assert from "node:assert/strict";
import { test } from "node:test";
import { readZip } from "../../overrides/assets/javascripts/worksheet/zip.js";
import { makeZip } from "./helpers.js";

const text = (bytes) => new TextDecoder().decode(bytes);

test("stored and deflated entries come out as they went in, folders left out", async () => {
  const long = "tools = 1\n".repeat(500);
  const files = await readZip(
    makeZip([
      { name: "tools/", data: "", method: 0 },
      { name: "tools/__init__.py", data: long, method: 8 },
      { name: "tools/strings/common.json", data: '{"en": {}}', method: 0 },
    ]),
  );
  assert.deepEqual(
    files.map((f) => [f.name, text(f.content)]),
    [
      ["tools/__init__.py", long],
      ["tools/strings/common.json", '{"en": {}}'],
    ],
  );
});

test("an archive comment after the directory is skipped", async () => {
  const zip = new Uint8Array(makeZip([{ name: "a.py", data: "x = 1" }]));
  const withComment = new Uint8Array(zip.length + 5);
  withComment.set(zip);
  new DataView(withComment.buffer).setUint16(zip.length - 2, 5, true);
  withComment.set(new TextEncoder().encode("hello"), zip.length);
  const [file] = await readZip(withComment.buffer);
  assert.equal(text(file.content), "x = 1");
});

test("a name that would leave the folder is refused", async () => {
  await assert.rejects(readZip(makeZip([{ name: "../evil.py", data: "x" }])), /evil/);
  await assert.rejects(readZip(makeZip([{ name: "/etc/passwd", data: "x" }])), /passwd/);
});

test("what is not a whole zip is refused", async () => {
  await assert.rejects(readZip(new TextEncoder().encode("not a zip at all, just text").buffer), /not a zip/);
  const zip = new Uint8Array(makeZip([{ name: "a.py", data: "x = 1".repeat(100) }]));
  const damaged = zip.slice();
  damaged[damaged.length - 6] ^= 0xff; // the directory's offset points elsewhere
  await assert.rejects(readZip(damaged.buffer), /damaged|cut short/);
});

test("an unknown compression method is refused", async () => {
  const zip = new Uint8Array(makeZip([{ name: "a.py", data: "x", method: 0 }]));
  const view = new DataView(zip.buffer);
  const end = zip.length - 22;
  view.setUint16(view.getUint32(end + 16, true) + 10, 12, true); // bzip2
  await assert.rejects(readZip(zip.buffer), /compression 12/);
});
