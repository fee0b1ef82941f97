import assert from "node:assert/strict";
import { test } from "node:test";
import { PAGE, pack, unpack } from "../../overrides/assets/javascripts/worksheet/snapshot.js";

function memory(length, usedPages) {
  const bytes = new Uint8Array(length);
  for (const p of usedPages) for (let i = p * PAGE; i < Math.min((p + 1) * PAGE, length); i += 97) bytes[i] = (i % 251) + 1;
  return bytes;
}

test("a snapshot comes back byte for byte, without its pages of zeros", () => {
  for (const [length, used] of [
    [PAGE * 10, [0, 3, 4, 9]],
    [PAGE * 5 + 123, [1, 5]], // a last page that is not whole
    [PAGE * 3, []],
    [PAGE * 4, [0, 1, 2, 3]],
  ]) {
    const bytes = memory(length, used);
    const packed = pack(bytes);
    assert.ok(packed.length <= 12 + Math.ceil(length / PAGE) + used.length * PAGE);
    assert.deepEqual(unpack(packed), bytes);
  }
});

test("memory that does not start on a word boundary packs the same", () => {
  const bytes = memory(PAGE * 3 + 1, [0, 2]);
  const shifted = new Uint8Array(bytes.length + 1).subarray(1);
  shifted.set(bytes);
  assert.deepEqual(unpack(pack(shifted)), bytes);
});

test("a snapshot in another format, damaged or cut short, is refused", () => {
  const packed = pack(memory(PAGE * 4, [1, 2]));
  const other = packed.slice();
  other[0] ^= 1;
  assert.throws(() => unpack(other), /not in this format/);
  assert.throws(() => unpack(packed.subarray(0, packed.length - 10)), /cut short/);
  const longer = new Uint8Array(packed.length + 4);
  longer.set(packed);
  assert.throws(() => unpack(longer), /damaged/);
  const wrongPages = packed.slice();
  new DataView(wrongPages.buffer).setUint32(8, 99, true);
  assert.throws(() => unpack(wrongPages), /damaged/);
});
