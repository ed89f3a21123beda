/**
 * The console's access to the Parley API: the signed-in session (kept in this browser) and requests that
 * carry its access token, refreshing it once when it has expired.
 */
const KEY = 'parley.session';

/** An error answered by the API, with its problem+json code, detail and field errors. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || `Request failed (${status})`);
    this.status = status;
    this.code = problem.code;
    this.errors = problem.errors || [];
    this.problem = problem;
    this.retryAfter = null;
  }
}

export const session = {
  get() {
    try {
      return JSON.parse(localStorage.getItem(KEY));
    } catch {
      return null;
    }
  },
  set(signedIn) {
    localStorage.setItem(KEY, JSON.stringify(signedIn));
  },
  clear() {
    localStorage.removeItem(KEY);
  },
};

/** `body` is sent as JSON; `raw` (a Blob or File, e.g. an image) as it is, with its `contentType`. */
async function send(path, { method = 'GET', body, raw, contentType, token } = {}) {
  const headers = { Accept: 'application/json' };
  if (raw !== undefined) headers['Content-Type'] = contentType;
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  const payload = raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body);
  const response = await fetch(path, { method, headers, body: payload });
  if (response.status === 204) return null;
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    error.retryAfter = response.headers.get('Retry-After');
    throw error;
  }
  return data;
}

let refreshing = null;

async function refresh() {
  const current = session.get();
  if (!current?.refreshToken) throw new ApiError(401, { code: 'UNAUTHENTICATED', detail: 'Sign in again.' });
  refreshing ??= send('/api/v1/auth/refresh', { method: 'POST', body: { refreshToken: current.refreshToken } })
    .then((signedIn) => { session.set(signedIn); return signedIn; })
    .finally(() => { refreshing = null; });
  return refreshing;
}

/** Calls the API as the signed-in person; an expired access token is refreshed once, transparently. */
export async function api(path, options = {}) {
  const token = session.get()?.accessToken;
  try {
    return await send(path, { ...options, token });
  } catch (error) {
    if (error.status === 401 && error.code === 'TOKEN_EXPIRED') {
      const renewed = await refresh();
      return send(path, { ...options, token: renewed.accessToken });
    }
    if (error.status === 401) session.clear();
    throw error;
  }
}

/** Calls a public endpoint (sign-in, invitations). */
export function publicApi(path, options = {}) {
  return send(path, options);
}

/** A message a person can act on, from an API error. */
export function describe(error) {
  if (error.retryAfter) return `${error.message} (try again in ${error.retryAfter} s)`;
  if (error.errors?.length) return error.errors.map((e) => `${e.field} ${e.message}`).join('; ');
  return error.message || 'Something went wrong.';
}
