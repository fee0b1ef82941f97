// The page's side of share links: the payload read from the address, the address a link points to.
import assert from "node:assert/strict";
import { test } from "node:test";
import { KEY, linkOn, pageAddress, payloadOf } from "../../overrides/assets/javascripts/worksheet/share-link.js";

test("the payload is what follows #share= in the fragment, and nothing else is one", () => {
  assert.equal(KEY, "#share=");
  assert.equal(payloadOf("#share=q1YqSs1LSS1SslJKVKoFAA"), "q1YqSs1LSS1SslJKVKoFAA");
  assert.equal(payloadOf("#share="), "");
  assert.equal(payloadOf(""), null);
  assert.equal(payloadOf("#worksheet"), null);
  assert.equal(payloadOf("#shared=abc"), null);
  assert.equal(payloadOf("share=abc"), null);
  assert.equal(payloadOf(undefined), null);
});

test("a link made on a page points to the page without its fragment", () => {
  const page = "https://guide.example.org/practice-guide/no/worksheets/vi-worksheet/";
  assert.equal(pageAddress(`${page}#share=abc`), page);
  assert.equal(pageAddress(`${page}?x=1#top`), `${page}?x=1`);
  assert.equal(pageAddress(page), page);
});

test("a link for another worksheet opens on that worksheet's page, under the site's root", () => {
  const root = "https://guide.example.org/practice-guide/";
  assert.equal(
    linkOn("no/worksheets/stakeholder-matrix/", root, "abc_-"),
    "https://guide.example.org/practice-guide/no/worksheets/stakeholder-matrix/#share=abc_-",
  );
});
