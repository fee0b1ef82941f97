// The service worker's rules (sw-rules.js, a classic script sw.js loads with importScripts).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import vm from "node:vm";
import { KEPT } from "../../overrides/assets/javascripts/worksheet/protocol.js";
import { JS } from "./helpers.js";

const self = {};
vm.runInNewContext(readFileSync(new URL("sw-rules.js", JS), "utf8"), { self, URL });
const loaded = self.ispOfflineRules;
// Results made in the script's own context, as plain data (its arrays are another realm's).
const plain = (value) => JSON.parse(JSON.stringify(value));
const rules = {
  ...loaded,
  carryOver: (args) => plain(loaded.carryOver(args)),
  others: (...args) => plain(loaded.others(...args)),
};
const scope = new URL("https://guide.example.org/practice-guide/");
const at = (path) => new URL(path, scope).href;

test("the cache's name is the one the protocol declares", () => {
  assert.equal(rules.PREFIX, KEPT.offlinePrefix);
  assert.deepEqual(rules.others(["isp-offline-a", "isp-offline-b", "isp-python-snapshot", "other"], "isp-offline-b"), [
    "isp-offline-a",
  ]);
});

test("only this site's own files are handled", () => {
  assert.ok(rules.inScope(new URL(at("assets/tools.zip?v=1")), scope));
  assert.ok(!rules.inScope(new URL("https://guide.example.org/other/"), scope));
  assert.ok(!rules.inScope(new URL("https://elsewhere.example.org/practice-guide/"), scope));
  assert.equal(rules.relative(at("assets/tools.zip?v=1"), scope), "assets/tools.zip");
});

test("only a complete answer is kept: never a part of a file, an error, an opaque or a redirected one", () => {
  const answer = (status, type = "basic", redirected = false) => ({ status, type, redirected });
  assert.ok(rules.complete(answer(200)));
  assert.ok(!rules.complete(answer(206)));
  assert.ok(!rules.complete(answer(404)));
  assert.ok(!rules.complete(answer(304)));
  assert.ok(!rules.complete(answer(0, "opaque")));
  assert.ok(!rules.complete(answer(200, "cors")));
  assert.ok(!rules.complete(answer(200, "basic", true)));
});

test("a new version copies unchanged files, fetches changed ones and drops removed ones", () => {
  const before = new Map([
    ["", "h1"],
    ["assets/tools.zip", "z1"],
    ["gone/", "g1"],
    ["assets/pyodide/pyodide.asm.wasm", "w1"],
  ]);
  const fresh = new Map([
    ["", "h1"],
    ["assets/tools.zip", "z2"],
    ["assets/pyodide/pyodide.asm.wasm", "w1"],
    ["new/", "n1"],
  ]);
  const urls = [
    at(""),
    at("assets/tools.zip?v=z1"),
    at("gone/"),
    at("assets/pyodide/pyodide.asm.wasm"),
    at("offline-manifest.json"),
  ];
  const manifest = at("offline-manifest.json");
  const plan = rules.carryOver({ urls, before, fresh, manifest, scope, saveData: false });
  assert.deepEqual(plan, { copy: [at(""), at("assets/pyodide/pyodide.asm.wasm")], fetch: [at("assets/tools.zip?v=z1")] });
  // Saving data: changed files wait until they are next opened; nothing new is downloaded.
  const saving = rules.carryOver({ urls, before, fresh, manifest, scope, saveData: true });
  assert.deepEqual(saving, { copy: plan.copy, fetch: [] });
  // An old cache without a manifest: nothing is known unchanged, so all is fetched again.
  const unknown = rules.carryOver({ urls, before: new Map(), fresh, manifest, scope, saveData: false });
  assert.deepEqual(unknown.copy, []);
  assert.equal(unknown.fetch.length, 3);
});
