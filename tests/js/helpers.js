// Shared by the JavaScript unit tests: where the site's scripts are, and a small zip writer.
import { deflateRawSync } from "node:zlib";

export const JS = new URL("../../overrides/assets/javascripts/", import.meta.url);
export const ROOT = new URL("../../", import.meta.url);

/** A zip archive of [{name, data: Uint8Array | string, method: 0 | 8}], as zipfile writes one. */
export function makeZip(entries) {
  const parts = [];
  const central = [];
  let offset = 0;
  for (const { name, data, method = 8 } of entries) {
    const raw = typeof data === "string" ? Buffer.from(data) : Buffer.from(data);
    const body = method === 8 ? deflateRawSync(raw) : raw;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(method, 10);
    head.writeUInt32LE(body.length, 20);
    head.writeUInt32LE(raw.length, 24);
    head.writeUInt16LE(nameBytes.length, 28);
    head.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, body);
    central.push(head, nameBytes);
    offset += local.length + nameBytes.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  const out = Buffer.concat([...parts, dir, end]);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.length);
}
