// Saved data from the browser passes one check before anything reads it as a given shape
// (worksheet/shape.js); form paths (worksheet/paths.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { fmt, getPath, setPath } from "../../overrides/assets/javascripts/worksheet/paths.js";
import { conform } from "../../overrides/assets/javascripts/worksheet/shape.js";

const shape = {
  fields: ["objective", "evidence.research.level", "evidence.research.notes", "earlier.name"],
  lists: { plan: { fields: ["competency", "next_steps"] } },
  collection: { name: "assessments", openKey: "open", fields: ["id", "name", "context.culture.level"] },
};

test("a dotted path reads and writes nested groups", () => {
  const data = {};
  setPath(data, "evidence.research.level", "2");
  setPath(data, "evidence.research.notes", "n");
  setPath(data, "objective", "o");
  assert.deepEqual(data, { evidence: { research: { level: "2", notes: "n" } }, objective: "o" });
  assert.equal(getPath(data, "evidence.research.level"), "2");
  assert.equal(getPath(data, "evidence.nothing.level"), undefined);
  assert.equal(getPath({ evidence: "text" }, "evidence.research.level"), undefined);
  // A group that is text in the data is replaced, not written into.
  const odd = { evidence: "text" };
  setPath(odd, "evidence.research.level", "1");
  assert.deepEqual(odd, { evidence: { research: { level: "1" } } });
  assert.equal(fmt("{n}. item of {m}", { n: 3 }), "3. item of {m}");
});

test("data of the form's own shape passes unchanged", () => {
  const data = {
    objective: "o",
    evidence: { research: { level: "2", notes: "" } },
    plan: [{ competency: "c", next_steps: "s" }],
    assessments: [{ id: "a1", name: "First", context: { culture: { level: "1" } } }],
    open: "a1",
  };
  assert.deepEqual(conform(data, shape), { data, dropped: [] });
});

test("the VI entry that once crashed the page is read as far as it can be", () => {
  const { data, dropped } = conform({ assessments: [{ id: 5, name: [] }], open: {} }, shape);
  assert.deepEqual(data, { assessments: [{}] });
  assert.deepEqual(
    dropped.map((d) => d.path),
    ["assessments[1].id", "assessments[1].name", "open"],
  );
});

// Every kind of wrong value, in every place the form declares.
// null is not among them: Python's check reads it as nothing there, and so does the page.
const WRONG = { number: 5, list: ["x"], object: { x: "y" }, true: true };
const TEXT_PLACES = [
  ["objective", (v) => ({ objective: v })],
  ["evidence.research.level", (v) => ({ evidence: { research: { level: v } } })],
  ["plan[1].next_steps", (v) => ({ plan: [{ next_steps: v }] })],
  ["assessments[1].context.culture.level", (v) => ({ assessments: [{ context: { culture: { level: v } } }] })],
];

test("a value of the wrong kind where text belongs is left out and named", () => {
  for (const [path, make] of TEXT_PLACES) {
    for (const [kind, value] of Object.entries(WRONG)) {
      const { data, dropped } = conform(make(value), shape);
      assert.deepEqual(
        dropped.map((d) => d.path),
        [path],
        `${kind} at ${path}`,
      );
      assert.equal(JSON.stringify(data).includes(JSON.stringify(value)), false, `${kind} at ${path}`);
    }
  }
});

test("a list, a group or a record of the wrong kind is left out and named", () => {
  for (const [kind, value] of Object.entries({ ...WRONG, text: "x" })) {
    if (kind !== "list") {
      assert.deepEqual(conform({ plan: value }, shape).dropped, [
        { path: "plan", found: conform({ plan: value }, shape).dropped[0].found },
      ]);
      assert.equal(conform({ assessments: value }, shape).data.assessments, undefined, kind);
    }
    if (kind !== "object") {
      const { data, dropped } = conform({ plan: [value, { competency: "kept" }] }, shape);
      assert.deepEqual(data.plan, [{ competency: "kept" }], kind);
      assert.deepEqual(
        dropped.map((d) => d.path),
        ["plan[1]"],
        kind,
      );
      const group = conform({ evidence: value, objective: "kept" }, shape);
      assert.deepEqual(group.data, { objective: "kept" }, kind);
      assert.deepEqual(
        group.dropped.map((d) => d.path),
        ["evidence"],
        kind,
      );
    }
  }
});

test("keys the form does not know are left for Python's check", () => {
  assert.deepEqual(conform({ extra: [1], objective: "o" }, shape), { data: { extra: [1], objective: "o" }, dropped: [] });
});

test("null is read as Python reads it: an empty field, group, list or record, with nothing reported", () => {
  for (const data of [
    { objective: null },
    { evidence: null },
    { evidence: { research: null } },
    { plan: null },
    { assessments: null },
    { open: null },
  ]) {
    assert.deepEqual(conform(data, shape).dropped, [], JSON.stringify(data));
  }
  const { data, dropped } = conform({ plan: [null, { competency: "kept", next_steps: null }] }, shape);
  assert.deepEqual(data.plan, [{}, { competency: "kept" }]);
  assert.deepEqual(dropped, []);
});
