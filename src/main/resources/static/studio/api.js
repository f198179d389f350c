// The one way the Studio talks to the service: every request carries the API key kept in this tab's
// sessionStorage (never localStorage, never a cookie), and every refusal becomes an ApiError holding the
// RFC 9457 problem the service answered.

const KEY = 'neurona.key';

export function key() {
  return sessionStorage.getItem(KEY);
}

export function setKey(value) {
  sessionStorage.setItem(KEY, value);
}

export function clearKey() {
  sessionStorage.removeItem(KEY);
}

/** A refused request: status, the problem+json body (or a stand-in), and the field errors by JSON path. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** field → [messages], from the problem's `errors` list. */
  fields() {
    const byField = {};
    for (const e of this.problem.errors || []) {
      (byField[e.field] ||= []).push(e.message);
    }
    return byField;
  }
}

function headers(extra) {
  const h = new Headers(extra || {});
  const k = key();
  if (k) h.set('X-API-Key', k);
  return h;
}

async function problemOf(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && typeof body === 'object') return body;
  } catch (ignored) {
    // not JSON: a proxy's page, say
  }
  return { title: response.statusText || 'Error', status: response.status, detail: text.slice(0, 300) };
}

async function fail(response) {
  const error = new ApiError(response.status, await problemOf(response));
  if (response.status === 401) {
    window.dispatchEvent(new CustomEvent('neurona:unauthorized', { detail: error }));
  }
  throw error;
}

/**
 * Sends a request. options: json (a body sent as JSON), form (FormData), body + type (raw bytes),
 * accept, signal. Answers the parsed JSON (or null for 204), or throws an ApiError.
 */
export async function request(method, path, options = {}) {
  const extra = {};
  let body;
  if (options.json !== undefined) {
    extra['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    extra['Content-Type'] = options.type || 'application/octet-stream';
    body = options.body;
  }
  extra.Accept = options.accept || 'application/json, application/problem+json';
  const response = await fetch(path, { method, headers: headers(extra), body, signal: options.signal });
  if (!response.ok) await fail(response);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) return response.json();
  return response;
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, json, options = {}) => request('POST', path, { ...options, json });
export const put = (path, json, options = {}) => request('PUT', path, { ...options, json });
export const patch = (path, json, options = {}) => request('PATCH', path, { ...options, json });
export const del = (path, options) => request('DELETE', path, options);
export const postForm = (path, form, options = {}) => request('POST', path, { ...options, form });

/**
 * A picture the API draws (PNG): fetched with the key, answered as an object URL for an <img>. The caller
 * revokes it (URL.revokeObjectURL) when the image goes.
 */
export async function imageUrl(path, options = {}) {
  const response = await fetch(path, { headers: headers({ Accept: 'image/png' }), signal: options.signal });
  if (!response.ok) await fail(response);
  return URL.createObjectURL(await response.blob());
}

/** A file the API answers as an attachment, saved through the browser's download. */
export async function download(path, fallbackName) {
  const response = await fetch(path, { headers: headers({ Accept: '*/*' }) });
  if (!response.ok) await fail(response);
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="?([^";]+)"?/.exec(disposition);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = match ? match[1] : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Follows a server-sent event stream. EventSource cannot send the key header, so the stream is read with
 * fetch: onEvent(name, data) for each event (data parsed as JSON when it is JSON). Resolves when the
 * stream ends; abort through options.signal.
 */
export async function events(path, onEvent, options = {}) {
  const response = await fetch(path, {
    headers: headers({ Accept: 'text/event-stream' }),
    signal: options.signal,
  });
  if (!response.ok) await fail(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      dispatch(block, onEvent);
    }
  }
  if (buffer.trim()) dispatch(buffer, onEvent);
}

function dispatch(block, onEvent) {
  let name = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return;
  const text = data.join('\n');
  let parsed = text;
  try {
    parsed = JSON.parse(text);
  } catch (ignored) {
    // a plain text event
  }
  onEvent(name, parsed);
}
