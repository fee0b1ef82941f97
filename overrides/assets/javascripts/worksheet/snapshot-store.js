// @ts-check
// Python's start-up snapshot, kept in this browser's Cache Storage, one per code version (the
// key names it), never sent anywhere. Storage that is full, blocked or missing (a private
// window may have none) only means the next visit starts as this one did.
import { pack } from "./snapshot.js";
import { KEPT } from "./protocol.js";

/** @param {string} key the snapshot's address, python-snapshot?v=<code version> */
export function snapshotStore(key) {
  return {
    /** The kept snapshot's response, or null. @returns {Promise<Response | null>} */
    async saved() {
      try {
        return (await (await caches.open(KEPT.snapshots)).match(key)) || null;
      } catch {
        return null;
      }
    },
    /** @param {Uint8Array} bytes @returns {Promise<boolean>} */
    async keep(bytes) {
      try {
        const packed = pack(bytes);
        const cache = await caches.open(KEPT.snapshots);
        for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request);
        await cache.put(key, new Response(packed, { headers: { "Content-Type": "application/octet-stream" } }));
        return true;
      } catch {
        return false;
      }
    },
    async drop() {
      try {
        await (await caches.open(KEPT.snapshots)).delete(key);
      } catch {
        /* nothing kept, nothing to drop */
      }
    },
  };
}
