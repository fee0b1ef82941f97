// A QR code made in the reader's browser, for a copy of the site built without its public
// address (sitebuild/trainer_links.py makes them at build time when it knows the address): the
// code holds the address the page is actually served at.
//
// The encoder is paulmillr's `qr` (pinned in package.json), copied into the site by the build
// (vendor/qr.js) and loaded only when a code is needed. It gives the code's modules as a matrix;
// the picture is drawn here as SVG, in black on white with a four-module quiet zone and error
// correction M (as the build's codes, so they read from a projected slide or paper), and shown
// as an image (img-src allows data: under the site's Content-Security-Policy).

const SIZE = 164; // CSS pixels, as the build's codes

/**
 * @param {string} address the full address the code is to hold
 * @param {string} alt the image's text alternative
 * @param {string} className
 * @returns {Promise<HTMLImageElement>}
 */
export async function qrImage(address, alt, className) {
  const { encodeQR } = await import(new URL("vendor/qr.js", import.meta.url).href);
  /** @type {boolean[][]} */
  const rows = encodeQR(address, "raw", { ecc: "medium", border: 4 });
  const size = rows.length;
  let path = "";
  rows.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
  const img = document.createElement("img");
  img.className = className;
  img.alt = alt;
  img.width = SIZE;
  img.height = SIZE;
  img.src = `data:image/svg+xml,${encodeURIComponent(svg)}`;
  img.dataset.address = address;
  return img;
}
