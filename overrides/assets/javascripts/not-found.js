// The 404 page is served at any address. Its links start from the site's root, which its <base>
// element gives (sitebuild/search.py); Material reads its own base from the page's address, so
// it gets the root's full address here first (this module and Material's script are both
// deferred, and this one comes first in the page).
const config = document.getElementById("__config");
if (config) {
  const data = JSON.parse(config.textContent);
  data.base = new URL(data.base, document.baseURI).href;
  config.textContent = JSON.stringify(data);
}
