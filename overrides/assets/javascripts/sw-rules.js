// @ts-check
// The service worker's rules (sw.js), apart from its events so that they can be tested on their
// own (tests/js/sw-rules.test.js). A classic script: sw.js loads it with importScripts, as a
// service worker that is a module is not yet in every browser. The cache names are declared in
// worksheet/protocol.js (KEPT); the tests check that this copy agrees.
(() => {
  const PREFIX = "isp-offline-";

  /** Whether a URL is this site's own (same origin, under the worker's scope). */
  const inScope = (url, scope) => url.origin === scope.origin && url.pathname.startsWith(scope.pathname);

  /** A file's site-relative path without the query: tools.zip?v=<hash> is one file. */
  const relative = (url, scope) => new URL(url).pathname.slice(scope.pathname.length);

  /**
   * Only a whole file from this site is kept: a 200 (not a 206, part of a file, nor an error),
   * not an opaque or redirected response.
   * @param {{status: number, type: string, redirected: boolean}} response
   */
  const complete = (response) => response.status === 200 && response.type === "basic" && !response.redirected;

  /**
   * What a new version does with an old cache's entries: copies the files whose hash is
   * unchanged, fetches the changed ones again (not when the browser saves data: they come when
   * next opened), drops those the new site no longer has. Nothing the reader did not have
   * before is downloaded.
   * @param {{urls: string[], before: Map<string, string>, fresh: Map<string, string>, manifest: string,
   *   scope: URL, saveData: boolean}} old
   * @returns {{copy: string[], fetch: string[]}}
   */
  function carryOver({ urls, before, fresh, manifest, scope, saveData }) {
    const plan = { copy: [], fetch: [] };
    for (const url of urls) {
      const path = relative(url, scope);
      if (url === manifest || !fresh.has(path)) continue;
      if (before.get(path) === fresh.get(path)) plan.copy.push(url);
      else if (!saveData) plan.fetch.push(url);
    }
    return plan;
  }

  /** The caches of other versions, to carry over from and then delete. @param {string[]} keys @param {string} current */
  const others = (keys, current) => keys.filter((key) => key.startsWith(PREFIX) && key !== current);

  self.ispOfflineRules = { PREFIX, inScope, relative, complete, carryOver, others };
})();
