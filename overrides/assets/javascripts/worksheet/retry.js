// @ts-check
// A download of Python's files that fails on the way (a dropped connection, a busy server) is
// tried again, twice, after a short wait, before the reader is told. A file that arrives but
// cannot be used (the wrong type, refused by a policy, missing) is not: it would fail again.

export const WAITS = [300, 1000];
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * attempt(0), then attempt(1), attempt(2) after each wait while transient() says another try
 * may work; the last failure is thrown.
 * @template T
 * @param {(i: number) => Promise<T>} attempt
 * @param {() => Promise<boolean>} transient
 * @param {{waits?: number[], wait?: (ms: number) => Promise<unknown>}} [options]
 * @returns {Promise<T>}
 */
export async function retried(attempt, transient, { waits = WAITS, wait = pause } = {}) {
  for (let i = 0; ; i++) {
    try {
      return await attempt(i);
    } catch (error) {
      if (i >= waits.length || !(await transient())) throw error;
      await wait(waits[i]);
    }
  }
}

/**
 * Whether another try at a file may work, asked only after a failure (never beforehand): not
 * for a file the policy refused, one that is missing (4xx) or one served with a type that
 * cannot be used; yes when it could not be reached or the server failed (5xx).
 * @param {string} url
 * @param {(url: string, init: RequestInit) => Promise<Response>} fetch
 * @param {Set<string>} refused addresses the Content-Security-Policy refused
 */
export async function transient(url, fetch, refused) {
  if (refused.has(url)) return false;
  try {
    const response = await fetch(url, { cache: "no-store" });
    // Only the answer's status and type are wanted, not the file itself (9.6 MB for the .wasm).
    response.body?.cancel().catch(() => {});
    if (!response.ok) return response.status >= 500;
    return /javascript|json|zip|wasm|octet-stream/.test(response.headers.get("content-type") || "");
  } catch {
    return true;
  }
}
