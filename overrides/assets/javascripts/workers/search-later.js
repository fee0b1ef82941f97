// Material's search worker on worksheet pages, with its start held back. Building the search
// index takes a few hundred milliseconds of a processor, which the worksheet's Python needs more
// while it starts (a phone has few cores). So the index is built once the page says "now" on the
// "isp-search" channel (worksheet.js does when Python is ready or has failed, or when the reader
// turns to search), or after ten seconds. Search itself is Material's own, unchanged: its worker
// is loaded here, from this folder, so that the language files it loads resolve as they would.
const name = "__MATERIAL_SEARCH_WORKER__"; // Material's worker in this folder (sitebuild/search.py)

// Material's worker listens with addEventListener("message"); its listener is kept here instead.
let material = null;
self.addEventListener = (type, listener, options) => {
  if (type === "message" && !material) material = listener;
  else WorkerGlobalScope.prototype.addEventListener.call(self, type, listener, options);
};
importScripts(name);
delete self.addEventListener;

const held = [];
let open = false;
const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("isp-search") : null;
const timer = setTimeout(release, 10000);

function release() {
  if (open) return;
  open = true;
  clearTimeout(timer);
  if (channel) channel.close();
  for (const event of held.splice(0)) material(event);
}

self.addEventListener("message", (event) => (open ? material(event) : held.push(event)));
if (channel) {
  channel.onmessage = (event) => event.data === "now" && release();
  channel.postMessage("ask"); // the page may have said "now" before this worker listened
} else {
  release();
}
