// Fetch wrapper for the portal's JSON API (contract: docs/api.md).

const GENERIC_MESSAGE = 'Er ging iets mis. Probeer het later opnieuw.';
const OFFLINE_MESSAGE = 'De portal is niet bereikbaar. Controleer uw internetverbinding en probeer het opnieuw.';

/** An error answer of the API: `message` is the Dutch sentence to show, `field` the input at fault (the first). */
export class ApiError extends Error {
  constructor(status, body) {
    super(body.message || GENERIC_MESSAGE);
    this.status = status;
    this.code = body.error || 'unknown';
    this.field = body.field || null;
    /** A 422's error of every bad field: [{ field, message }]. */
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((part) => part.startsWith('vp_csrf='));
  const value = cookie ? decodeURIComponent(cookie.slice('vp_csrf='.length)) : '';
  // Before login any non-empty value is accepted; the header itself is what matters.
  return value || '1';
}

let leaving = false;
let sessionEnding = false;

/** Logout is under way: a request that now finds no session must not send the user to "verlopen". */
export function expectSessionEnd() {
  sessionEnding = true;
}

/** Leaves the page for `url`; answers of requests still under way no longer redirect elsewhere. */
export function leaveFor(url) {
  leaving = true;
  window.location.assign(url);
}

/** The 401 answers that mean "no session (any more)", as opposed to e.g. a wrong code. */
const SESSION_ENDED = new Set(['not_authenticated', 'session_expired']);

/**
 * Sends a request and returns the parsed JSON answer, or throws ApiError.
 * With `session: true` (pages behind login) a missing or expired session leaves for the login page instead.
 * `headers` adds request headers (e.g. Idempotency-Key).
 */
export async function request(method, path, body, { session = false, headers = {} } = {}) {
  const init = { method, credentials: 'same-origin', cache: 'no-store', headers: { ...headers, Accept: 'application/json' } };
  if (method !== 'GET') {
    init.headers['Content-Type'] = 'application/json';
    init.headers['X-CSRF-Token'] = csrfToken();
    init.body = JSON.stringify(body ?? {});
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ApiError(0, { error: 'network', message: OFFLINE_MESSAGE });
  }
  const data = await response.json().catch(() => ({}));
  if (leaving || (response.status === 401 && session && SESSION_ENDED.has(data.error))) {
    if (!leaving && !sessionEnding) {
      leaveFor('/?reden=verlopen');
    }
    return new Promise(() => {}); // the page is being left: nothing more to do
  }
  if (!response.ok) {
    throw new ApiError(response.status, data);
  }
  return data;
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body, options) => request('POST', path, body, options);
export const put = (path, body, options) => request('PUT', path, body, options);
export const del = (path, options) => request('DELETE', path, undefined, options);
