// Printing: the report Python made, the blank form, or (without Python) the form itself with
// everything typed in it. The classes on <body> choose what the print stylesheet shows.

export function print(form, ...classes) {
  // The printed form shows every part, including those folded away on screen.
  const folded = classes.includes("ws-printing-form") ? [...form.querySelectorAll("details:not([open])")] : [];
  for (const details of folded) details.open = true;
  const on = classes.filter(Boolean);
  document.body.classList.add(...on);
  window.print();
  setTimeout(() => {
    document.body.classList.remove(...on);
    for (const details of folded) details.open = false;
  }, 0);
}

// On a phone, boxes that explain the method start folded, so the first field is near the top.
export function foldOnPhone(form) {
  if (window.matchMedia("(max-width: 44.984375em)").matches) {
    for (const details of form.querySelectorAll("details[open]")) details.open = false;
  }
}
