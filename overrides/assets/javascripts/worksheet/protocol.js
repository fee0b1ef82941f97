// @ts-check
// What the page, Python's worker and the head's start-up script say to one another, declared
// once: the actions Python answers (tools/bridge.py; tests/js/protocol.test.js checks they
// agree), the messages of start-up, the data-* attributes that other code (tests, the
// benchmark, offline.js) reads, and the names of what is kept in the browser. The head's
// inline script cannot import a module; the build writes HEAD's values into it
// (sitebuild/worksheets.py reads the JSON object below).

/** @typedef {"view" | "export" | "import" | "check-saved" | "attach" | "share-link" | "open-link" | "team-add" | "team-adopt" | "team-view" | "team-export"} Action */

/** Every action Python's bridge answers. @type {readonly Action[]} */
export const ACTIONS = Object.freeze([
  "view",
  "export",
  "import",
  "check-saved",
  "attach",
  "share-link",
  "open-link",
  "team-add",
  "team-adopt",
  "team-view",
  "team-export",
]);

/**
 * Page -> worker.
 * @typedef {{type: "go", worksheet: string, lang: string}} Go  once the page is up
 * @typedef {{id: number, action: Action, args: Record<string, unknown>}} Call
 */

/** The steps of start-up the page shows (strings status_step_<step>). @typedef {"runtime" | "start" | "code"} Step */

/**
 * Worker -> page.
 * @typedef {{type: "progress", step: Step}} Progress
 * @typedef {{type: "ready", from: "start" | "snapshot"}} Ready
 * @typedef {{type: "kept"}} Kept  a first visit's snapshot is stored
 * @typedef {{type: "failed", detail: string}} Failed
 * @typedef {{type: "result", id: number, ok: true, value: any} | {type: "result", id: number, ok: false, error: string}} Result
 * @typedef {Progress | Ready | Kept | Failed | Result} FromWorker
 */

/** Message types, both ways. */
export const MSG = Object.freeze({
  go: "go",
  progress: "progress",
  ready: "ready",
  kept: "kept",
  failed: "failed",
  result: "result",
});

/** @type {readonly Step[]} */
export const STEPS = Object.freeze(["runtime", "start", "code"]);

/**
 * The head's start-up script (partials/py-start.html): its meta element, the attribute with the
 * worker's address, and the global through which it hands the worker and what it heard to the
 * page. Plain JSON between the markers: the build reads it.
 */
export const HEAD = Object.freeze(
  /* head-json */ { "meta": "isp-python", "workerAttr": "data-worker", "global": "ispPython" } /* end-head-json */,
);

/** What the head's script kept for the page. @typedef {{kind: "message" | "error", event: {data?: any, message?: string}}} Heard */

/**
 * The worksheet root's data-* attributes (as dataset keys) that others read: the tests and the
 * benchmark (ready, failed, pythonFrom, runtimePrimed, savedDamaged), offline.js (ready).
 */
export const STATE = Object.freeze({
  ready: "ready", // "true" once Python has shown its first result (and the saved entry is checked)
  failed: "failed", // "true" when Python could not start
  pythonFrom: "pythonFrom", // "start" | "snapshot"
  runtimePrimed: "runtimePrimed", // "true" once the next visit may come (py-prime.js has run)
  savedDamaged: "savedDamaged", // "true" once a damaged saved entry was reported
});

/** The worksheet's root element. */
export const ROOT_SELECTOR = "[data-worksheet]";

/** Names of what is kept in this browser. */
export const KEPT = Object.freeze({
  snapshots: "isp-python-snapshot", // Cache Storage: Python's start-up snapshot, per code version
  offlinePrefix: "isp-offline-", // Cache Storage: the service worker's cache, isp-offline-<version>
  damaged: ":damaged:", // localStorage: <storage key>:damaged:<time>, an unreadable saved entry
  beforeCheck: ":before-check", // localStorage: the entry found at load, until Python has checked it
  searchChannel: "isp-search", // BroadcastChannel: workers/search-later.js waits for "now"
});
