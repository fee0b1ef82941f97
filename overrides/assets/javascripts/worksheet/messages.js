// What the page tells the reader: the message under the toolbar (with buttons, e.g. to
// download a kept copy), Python's problems with what the form holds, and the status line.

/** @param {HTMLElement} root @param {Record<string, any>} S the page's strings */
export function createMessages(root, S) {
  const box = root.querySelector("[data-message]");
  const problemsBox = root.querySelector("[data-problems]");
  const statusBox = root.querySelector("[data-status]");
  const statusText = root.querySelector("[data-status-text]");

  const list = (lines) => {
    const ul = document.createElement("ul");
    for (const line of lines) {
      const li = document.createElement("li");
      li.textContent = line;
      ul.append(li);
    }
    return ul;
  };

  // actions: [{label, run}] shown as buttons under the message. kind "done" is a success (an
  // export, an import, a link loaded): a polite status in its own style, not an error's alert.
  // The role is set before the text, so the message is announced as what it is.
  function say(text, details, actions, kind) {
    box.replaceChildren();
    box.dataset.kind = kind || "problem";
    box.setAttribute("role", kind === "done" ? "status" : "alert");
    if (!text) return;
    const p = document.createElement("p");
    p.textContent = text;
    box.append(p);
    if (details?.length) box.append(list(details));
    for (const { label, run } of actions || []) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = label;
      button.addEventListener("click", run);
      box.append(button);
    }
  }

  /** A success the reader is told of (Exported ..., Imported ..., the link's worksheet loaded). */
  const done = (text, details) => say(text, details, null, "done");

  /** A message the reader's attention goes to (a refused file, a link's problem). */
  function alert(text, details, actions) {
    say(text, details, actions);
    box.focus();
  }

  // Problems Python found in what the form holds now (text over a limit, saved by an older
  // version): shown until they are fixed, apart from the other messages.
  function showProblems(errors) {
    problemsBox.replaceChildren();
    if (!errors?.length) return;
    const p = document.createElement("p");
    p.textContent = S.saved_over_limits;
    problemsBox.append(p, list(errors.slice(0, 20)));
  }

  function setStatus(text, state) {
    statusText.textContent = text;
    statusBox.dataset.state = state;
  }

  return { say, done, alert, showProblems, setStatus };
}
