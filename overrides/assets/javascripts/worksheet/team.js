// The team view under a worksheet (tools/team.py decides, this module displays): several
// people's or groups' results, added from files (chosen or dropped) and pasted share links,
// kept in this browser under their own key until the reader clears them. Python checks every
// file and link, and draws the people's list and the results; this module shows its markup,
// keeps the team data, and adds its buttons to the worksheet's actions table.
import { download, readText } from "./files.js";
import { fmt } from "./paths.js";
import { print } from "./print.js";

/** {root, S, python, serially} and the actions table -> {show}, or null on a page without a team view */
export function createTeam(page, table) {
  const box = document.querySelector("[data-team]");
  if (!box) return null;
  const { S, python } = page;
  const key = box.dataset.teamKey;
  const maxBytes = Number(box.dataset.maxImportBytes);
  const messageBox = box.querySelector("[data-team-message]");
  const linksBox = box.querySelector("[data-team-links]");
  const regions = {
    members: box.querySelector('[data-team-region="members"]'),
    results: box.querySelector('[data-team-region="results"]'),
  };

  // {team, options}: Python cleans whatever it finds here before it reads it (team.clean).
  let kept = read();
  function read() {
    try {
      const value = JSON.parse(localStorage.getItem(key) || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch {
      return {};
    }
  }
  function save() {
    try {
      if (kept.team) localStorage.setItem(key, JSON.stringify(kept));
      else localStorage.removeItem(key);
    } catch {
      say(S.storage_failed);
    }
  }

  function say(text, lines = []) {
    messageBox.replaceChildren();
    if (!text) return;
    const p = document.createElement("p");
    p.textContent = text;
    messageBox.append(p);
    if (!lines.length) return;
    const ul = document.createElement("ul");
    for (const line of lines) {
      const li = document.createElement("li");
      li.textContent = line;
      ul.append(li);
    }
    messageBox.append(ul);
  }

  // An earlier version of the self-check kept its team inside the worksheet's own entry: read it
  // now, before the worksheet's next save leaves it out, and hand it to the team view once.
  let legacy = null;
  if (!kept.team) {
    try {
      const team = JSON.parse(localStorage.getItem(page.root.dataset.storageKey) || "null")?.data?.team;
      if (Array.isArray(team) && team.length) legacy = team;
    } catch {
      legacy = null;
    }
  }

  let seq = 0;
  async function show() {
    if (!python.ready()) return;
    if (legacy) {
      const result = await python.call("team-adopt", { team: kept.team || null, saved: { team: legacy } });
      legacy = null;
      if (result.added.length) {
        kept.team = result.team;
        save();
      }
    }
    const mine = ++seq;
    const view = await python.call("team-view", { team: kept.team || null, options: kept.options || {} });
    if (mine !== seq) return;
    // Python built this markup and escaped every piece of user text in it.
    for (const [name, html] of Object.entries(view.html)) regions[name].innerHTML = html;
  }

  // Whatever changes the team runs one after another (page.serially), each from the last.
  const whenReady = (task) => {
    if (!python.ready()) return Promise.resolve(say(python.failed() ? S.status_failed : S.not_ready));
    return page.serially(task).catch(() => say(S.status_failed));
  };
  const change = (edit) =>
    whenReady(async () => {
      edit();
      save();
      await show();
    });

  async function add(files, links) {
    const refused = [];
    const texts = [];
    for (const file of files) {
      // Too large or not text: refused here by name, so the rest still go to Python.
      if (file.size > maxBytes) {
        refused.push(fmt(S.import_too_large, { filename: file.name, size: Math.ceil(file.size / 1000), limit: maxBytes / 1000 }));
        continue;
      }
      const text = await readText(file);
      if (text === null) refused.push(`${file.name}: ${S.import_not_utf8}`);
      else texts.push({ name: file.name, text });
    }
    const result = await python.call("team-add", { team: kept.team || null, files: texts, links });
    if (!result.ok) return say(result.message);
    kept.team = result.team;
    save();
    say(result.message, [...refused, ...result.notes]);
    await show();
  }

  box.querySelector("[data-team-files]").addEventListener("change", (event) => {
    const files = [...event.target.files];
    event.target.value = "";
    if (files.length) whenReady(() => add(files, ""));
  });
  box.addEventListener("dragover", (event) => {
    if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
  });
  box.addEventListener("drop", (event) => {
    const files = [...(event.dataTransfer?.files || [])];
    if (!files.length) return;
    event.preventDefault();
    whenReady(() => add(files, ""));
  });
  // A label the reader changes: kept by the member's content fingerprint.
  box.addEventListener("change", (event) => {
    const input = event.target.closest("[data-team-label], [data-team-option]");
    if (!input) return;
    if (input.dataset.teamLabel) {
      const hash = input.dataset.teamLabel;
      change(() => {
        for (const m of kept.team?.members || []) if (m.hash === hash) m.label = input.value;
      });
    } else {
      change(() => {
        kept.options = { ...kept.options, [input.dataset.teamOption]: input.value };
      });
    }
  });

  const pick = (name) => box.querySelector(`[data-team-pick="${name}"]`)?.value || "";
  const listOf = (name) => {
    kept.team = kept.team || {};
    kept.team[name] = kept.team[name] || [];
    return kept.team[name];
  };
  Object.assign(table, {
    "team-links": () => {
      const links = linksBox.value;
      if (!links.trim()) return say(S.team_no_links);
      whenReady(async () => {
        await add([], links);
        linksBox.value = "";
      });
    },
    "team-remove": ({ button }) =>
      change(() => {
        kept.team.members = (kept.team?.members || []).filter((m) => m.hash !== button.dataset.hash);
      }),
    "team-merge": () => change(() => listOf("merges").push({ name: pick("merge-from"), canonical: pick("merge-to") })),
    "team-split": () => change(() => listOf("splits").push({ name: pick("split") })),
    "team-undo": ({ button }) => change(() => listOf(button.dataset.list).splice(Number(button.dataset.index), 1)),
    "team-export": ({ button }) =>
      whenReady(async () => {
        const args = { format: button.dataset.format, team: kept.team || null, options: kept.options || {} };
        const file = await python.call("team-export", args);
        download(file);
        say(fmt(S.exported, { filename: file.filename }));
      }),
    "team-print": () => print(box, "ws-printing-team"),
    "team-clear": () => {
      if (!window.confirm(S.team_confirm_clear)) return;
      change(() => {
        kept = {};
      }).then(() => say(S.team_cleared));
    },
  });
  return { show };
}
