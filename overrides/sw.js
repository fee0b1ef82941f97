// The site's service worker: every page a reader has opened, and everything the reader chose
// to save, opens again without a network connection. hooks/offline.py writes this build's
// version below, so each deployment is a new worker with its own cache; the old cache is
// deleted when the new worker takes over (after the reader reloads, or closes every tab).
// Only requests for this site's own files are handled; nothing is sent anywhere.
const VERSION = "__VERSION__";
const PREFIX = "isp-offline-";
const CACHE = PREFIX + VERSION;
const SCOPE = new URL(self.registration.scope);
const MANIFEST = new URL("offline-manifest.json", SCOPE).href;

const inScope = (url) => url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname);
// Cache keys are the site-relative path without the query (tools.zip?v=<hash> is one file).
const relative = (url) => new URL(url).pathname.slice(SCOPE.pathname.length);
const cacheable = (response) => response.ok && response.type === "basic" && !response.redirected;

async function fetchInto(cache, url) {
  try {
    const response = await fetch(url, { cache: "no-cache" });
    if (cacheable(response)) await cache.put(url, response);
  } catch (error) {
    // Offline or blocked: the file is fetched again when next asked for.
  }
}

async function manifestHashes(cache) {
  const response = await cache.match(MANIFEST);
  if (!response) return null;
  const { files } = await response.json();
  return new Map(files.map((f) => [f.url, f.hash]));
}

// A new version keeps what the reader had: unchanged files are copied from the old cache,
// changed ones are fetched again (not when the browser is set to save data: then they come
// when next opened); nothing the reader did not have before is downloaded.
async function carryOver() {
  const saveData = Boolean(self.navigator.connection && self.navigator.connection.saveData);
  const old = (await caches.keys()).filter((key) => key.startsWith(PREFIX) && key !== CACHE);
  if (!old.length) return;
  const cache = await caches.open(CACHE);
  await fetchInto(cache, MANIFEST);
  const fresh = await manifestHashes(cache);
  if (!fresh) return;
  for (const key of old) {
    const previous = await caches.open(key);
    const before = (await manifestHashes(previous)) || new Map();
    for (const request of await previous.keys()) {
      const path = relative(request.url);
      if (request.url === MANIFEST || !fresh.has(path)) continue;
      if (before.get(path) === fresh.get(path)) await cache.put(request, await previous.match(request));
      else if (!saveData) await fetchInto(cache, request.url);
    }
  }
}

self.addEventListener("install", (event) => event.waitUntil(carryOver()));

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "activate") self.skipWaiting();
  // Files a page used before this worker controlled it (the first visit), so that page
  // opens again offline too.
  if (data.type === "remember" && Array.isArray(data.urls)) {
    event.waitUntil((async () => {
      const cache = await caches.open(CACHE);
      for (const url of data.urls) {
        const parsed = new URL(url, SCOPE);
        if (!inScope(parsed) || await cache.match(parsed.href, { ignoreSearch: true })) continue;
        await fetchInto(cache, parsed.href);
      }
    })());
  }
});

async function respond(request, url) {
  const cache = await caches.open(CACHE);
  // The address as asked for first; then the same file kept under another query or none
  // (tools.zip?v=<hash> is one file), which makes the cache look at every entry it holds.
  let hit = await cache.match(request);
  if (!hit && url.search) hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (!inScope(url) || request.method !== "GET") return;
  if (url.href === new URL("sw.js", SCOPE).href) return;
  event.respondWith(respond(request, url));
});
