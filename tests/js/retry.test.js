// A failed download of Python's files is tried again, a real block is not (worksheet/retry.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { retried, transient, WAITS } from "../../overrides/assets/javascripts/worksheet/retry.js";

const noWait = { wait: async () => {} };

test("a download that fails once is tried again and then used", async () => {
  const tries = [];
  const value = await retried(
    async (i) => {
      tries.push(i);
      if (i === 0) throw new TypeError("Failed to fetch dynamically imported module");
      return "loaded";
    },
    async () => true,
    noWait,
  );
  assert.equal(value, "loaded");
  assert.deepEqual(tries, [0, 1]);
});

test("it is tried at most twice more, after short waits, then the failure is said", async () => {
  const waited = [];
  let tries = 0;
  await assert.rejects(
    retried(
      async () => {
        tries += 1;
        throw new Error(`failed ${tries}`);
      },
      async () => true,
      { wait: async (ms) => waited.push(ms) },
    ),
    /failed 3/,
  );
  assert.equal(tries, 3);
  assert.deepEqual(waited, WAITS);
  assert.ok(WAITS.reduce((a, b) => a + b) <= 2000, "the reader is told within two seconds");
});

test("a real block fails at once", async () => {
  let tries = 0;
  await assert.rejects(
    retried(
      async () => {
        tries += 1;
        throw new Error("blocked");
      },
      async () => false,
      noWait,
    ),
    /blocked/,
  );
  assert.equal(tries, 1);
});

test("what counts as a failure on the way, and what as a block", async () => {
  const url = "https://guide.example.org/practice-guide/assets/pyodide/pyodide.mjs";
  const answer = (status, type) => async () => new Response("x", { status, headers: { "content-type": type } });
  const none = new Set();
  assert.equal(await transient(url, answer(200, "text/javascript"), none), true); // reachable now
  assert.equal(await transient(url, answer(200, "application/wasm"), none), true); // the .wasm, reachable now
  assert.equal(await transient(url, answer(200, "application/json"), none), true); // the lock file, reachable now
  assert.equal(await transient(url, answer(200, "text/html"), none), false); // the wrong type
  assert.equal(await transient(url, answer(404, "text/html"), none), false); // missing
  assert.equal(await transient(url, answer(503, "text/html"), none), true); // a busy server
  const offline = async () => {
    throw new TypeError("Failed to fetch");
  };
  assert.equal(await transient(url, offline, none), true);
  assert.equal(await transient(url, answer(200, "text/javascript"), new Set([url])), false); // the policy
});

test("asking whether a file can be reached again does not download it", async () => {
  let cancelled = false;
  const body = new ReadableStream({
    pull(controller) {
      controller.enqueue(new Uint8Array(1 << 20));
    },
    cancel() {
      cancelled = true;
    },
  });
  const big = async () => new Response(body, { status: 200, headers: { "content-type": "application/wasm" } });
  assert.equal(await transient("https://guide.example.org/a.wasm", big, new Set()), true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  assert.ok(cancelled, "the answer's body was cancelled, not left to download");
});
