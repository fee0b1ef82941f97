// One protocol between the page and Python's worker (worksheet/protocol.js).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { ACTIONS, HEAD, MSG } from "../../overrides/assets/javascripts/worksheet/protocol.js";
import { JS, ROOT } from "./helpers.js";

const read = (url) => readFileSync(url, "utf8");

test("the actions are exactly those Python's bridge answers", () => {
  const bridge = read(new URL("tools/bridge.py", ROOT));
  const accepted = [...bridge.matchAll(/action == "([\w-]+)"/g)].map((m) => m[1]);
  assert.deepEqual([...ACTIONS].sort(), accepted.sort());
});

test("the page and the worker name messages and actions only through the protocol", () => {
  for (const file of ["worksheet/python.js", "py-worker.js"]) {
    const code = read(new URL(file, JS));
    assert.doesNotMatch(code, /type: "(go|progress|ready|kept|failed|result)"/, file);
    assert.doesNotMatch(code, /\.type === "/, file);
  }
  const calls = new Set();
  for (const file of [
    "worksheet/storage.js",
    "worksheet/view.js",
    "worksheet/files.js",
    "worksheet/actions.js",
    "worksheet/share-link.js",
  ]) {
    for (const m of read(new URL(file, JS)).matchAll(/call\("([\w-]+)"/g)) calls.add(m[1]);
  }
  for (const action of calls) assert.ok(ACTIONS.includes(action), action);
  assert.deepEqual(Object.keys(MSG).sort(), Object.values(MSG).sort());
});

test("the head's script gets the protocol's values from the build, not its own copy", () => {
  // The script and its element, without the template's comments (which may name a value).
  const partial = read(new URL("../../partials/py-start.html", JS)).replace(/\{#-?[\s\S]*?-?#\}/g, "");
  for (const value of Object.values(HEAD)) {
    for (const quoted of [`"${value}"`, `'${value}'`, `${value}=`]) assert.ok(!partial.includes(quoted), quoted);
  }
  assert.match(partial, /head\.meta/);
  assert.match(partial, /head\.global/);
});
