// The site's service worker: every page a reader has opened, and everything the reader chose
// to save, opens again without a network connection. sitebuild/offline.py writes this build's
// version below, so each deployment is a new worker with its own cache; the old cache is
// deleted when the new worker takes over (after the reader reloads, or closes every tab).
// Only requests for this site's own files are handled; nothing is sent anywhere. Its rules are
// in assets/javascripts/sw-rules.js.
importScripts("assets/javascripts/sw-rules.js");
const { PREFIX, inScope, complete, carryOver, others } = self.ispOfflineRules;
const VERSION = "__VERSION__";
const CACHE = PREFIX + VERSION;
const SCOPE = new URL(self.registration.scope);
const MANIFEST = new URL("offline-manifest.json", SCOPE).href;

async function fetchInto(cache, url) {
  try {
    const response = await fetch(url, { cache: "no-cache" });
    if (complete(response)) await cache.put(url, response);
  } catch {
    // Offline or blocked: the file is fetched again when next asked for.
  }
}

async function manifestHashes(cache) {
  const response = await cache.match(MANIFEST);
  if (!response) return null;
  const { files } = await response.json();
  return new Map(files.map((f) => [f.url, f.hash]));
}

// A new version keeps what the reader had (sw-rules.js: carryOver).
async function carryOverAll() {
  const saveData = Boolean(self.navigator.connection?.saveData);
  const old = others(await caches.keys(), CACHE);
  if (!old.length) return;
  const cache = await caches.open(CACHE);
  await fetchInto(cache, MANIFEST);
  const fresh = await manifestHashes(cache);
  if (!fresh) return;
  for (const key of old) {
    const previous = await caches.open(key);
    const before = (await manifestHashes(previous)) || new Map();
    const urls = (await previous.keys()).map((request) => request.url);
    const plan = carryOver({ urls, before, fresh, manifest: MANIFEST, scope: SCOPE, saveData });
    for (const url of plan.copy) await cache.put(url, await previous.match(url));
    for (const url of plan.fetch) await fetchInto(cache, url);
  }
}

self.addEventListener("install", (event) => event.waitUntil(carryOverAll()));

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of others(await caches.keys(), CACHE)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "activate") self.skipWaiting();
  // Files a page used before this worker controlled it (the first visit), so that page
  // opens again offline too.
  if (data.type === "remember" && Array.isArray(data.urls)) {
    event.waitUntil(
      (async () => {
        const cache = await caches.open(CACHE);
        for (const url of data.urls) {
          const parsed = new URL(url, SCOPE);
          if (!inScope(parsed, SCOPE) || (await cache.match(parsed.href, { ignoreSearch: true }))) continue;
          await fetchInto(cache, parsed.href);
        }
      })(),
    );
  }
});

// Answers at once: from the cache, or from the network with a copy stored in the background
// (a large file reaches the page as it arrives, not once it is stored).
async function respond(event, request, url) {
  const cache = await caches.open(CACHE);
  // The address as asked for first; then the same file kept under another query or none
  // (tools.zip?v=<hash> is one file), which makes the cache look at every entry it holds.
  let hit = await cache.match(request);
  if (!hit && url.search) hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (complete(response)) event.waitUntil(cache.put(request, response.clone()).catch(() => {}));
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (!inScope(url, SCOPE) || request.method !== "GET") return;
  if (url.href === new URL("sw.js", SCOPE).href) return;
  event.respondWith(respond(event, request, url));
});
