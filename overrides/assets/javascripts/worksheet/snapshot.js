// @ts-check
// The format of Python's start-up snapshot as kept in this browser. Python's memory is 31 MB,
// of which some 19 MB are pages of zeros. It is kept without them: a map of the pages in front,
// then the pages that are not all zero. That is a third of the bytes to store and to read back,
// and faster to read than any compression (gzip took 0.33 s).
//   [magic "ISP1"][length: u32][pages: u32][one byte per page: 1 kept, 0 zeros][kept pages]

export const PAGE = 4096;
const MAGIC = 0x31505349; // "ISP1"

/** @param {Uint8Array} bytes @returns {Uint8Array} */
export function pack(bytes) {
  const pages = Math.ceil(bytes.length / PAGE);
  const used = new Uint8Array(pages);
  const words = bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2) : null;
  let kept = 0;
  for (let p = 0; p < pages; p++) {
    const start = p * PAGE;
    const end = Math.min(start + PAGE, bytes.length);
    let zero = true;
    if (words && end % 4 === 0) {
      for (let w = start >> 2; w < end >> 2 && zero; w++) zero = words[w] === 0;
    } else {
      for (let b = start; b < end && zero; b++) zero = bytes[b] === 0;
    }
    if (!zero) {
      used[p] = 1;
      kept += end - start;
    }
  }
  const head = 12 + pages;
  const out = new Uint8Array(head + kept);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, bytes.length, true);
  view.setUint32(8, pages, true);
  out.set(used, 12);
  let at = head;
  for (let p = 0; p < pages; p++) {
    if (!used[p]) continue;
    const page = bytes.subarray(p * PAGE, Math.min((p + 1) * PAGE, bytes.length));
    out.set(page, at);
    at += page.length;
  }
  return out;
}

/** @param {Uint8Array} stored @returns {Uint8Array} the memory as it was; throws on anything else */
export function unpack(stored) {
  const view = new DataView(stored.buffer, stored.byteOffset, stored.byteLength);
  if (stored.length < 12 || view.getUint32(0, true) !== MAGIC) throw new Error("the kept snapshot is not in this format");
  const length = view.getUint32(4, true);
  const pages = view.getUint32(8, true);
  if (pages !== Math.ceil(length / PAGE) || stored.length < 12 + pages) throw new Error("the kept snapshot is damaged");
  const used = stored.subarray(12, 12 + pages);
  const bytes = new Uint8Array(length);
  let at = 12 + pages;
  for (let p = 0; p < pages; ) {
    if (!used[p]) {
      p++;
      continue;
    }
    let q = p;
    while (q < pages && used[q]) q++; // a run of kept pages, copied at once
    const size = Math.min(q * PAGE, length) - p * PAGE;
    if (at + size > stored.length) throw new Error("the kept snapshot is cut short");
    bytes.set(stored.subarray(at, at + size), p * PAGE);
    at += size;
    p = q;
  }
  if (at !== stored.length) throw new Error("the kept snapshot is damaged");
  return bytes;
}
