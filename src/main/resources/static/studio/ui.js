// Small DOM helpers shared by every page. Text from the service (names, columns, labels, messages) only ever
// goes in as text nodes, never as HTML, so a dataset named "<img onerror=…>" stays a name.

/**
 * Makes an element: h('button', {class: 'primary', onclick: fn}, 'Train'). Attributes starting with "on" are
 * listeners; `dataset` and `style` objects are merged; null/false children are skipped; strings become text.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else if (name === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else if (name === 'class') el.className = value;
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A page heading with optional actions on the right. */
export function header(title, ...actions) {
  return h('div', { class: 'page-header' }, h('h1', {}, title), h('div', { class: 'actions' }, actions));
}

/** A titled panel. */
export function card(title, ...children) {
  return h('section', { class: 'card' }, title ? h('h2', {}, title) : null, children);
}

/**
 * A refusal shown plainly: the problem's title and detail, and its field errors as a list. Works for any error
 * (a network failure shows its message).
 */
export function problem(error) {
  const p = error && error.problem;
  const box = h('div', { class: 'problem', role: 'alert' });
  if (!p) {
    fill(box, h('strong', {}, 'Something went wrong'), h('p', {}, String(error && error.message || error)));
    return box;
  }
  const title = `${p.title || 'Error'}${error.status ? ` (${error.status})` : ''}`;
  fill(
    box,
    h('strong', {}, title),
    p.detail ? h('p', {}, p.detail) : null,
    p.errors && p.errors.length
      ? h('ul', {}, p.errors.map((e) => h('li', {}, h('code', {}, e.field), ': ', e.message)))
      : null,
  );
  return box;
}

/** Puts the problem (or nothing, for null) into a container. */
export function showProblem(container, error) {
  if (!error) container.replaceChildren();
  else fill(container, problem(error));
}

/** A table: columns as [{label, value: row => text|Node, class?}], rows as objects. */
export function table(columns, rows, options = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: options.class || '' },
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
      h(
        'tbody',
        {},
        rows.length === 0
          ? h('tr', {}, h('td', { colspan: columns.length, class: 'muted' }, options.empty || 'Nothing yet.'))
          : rows.map((row, i) =>
              h(
                'tr',
                options.rowAttrs ? options.rowAttrs(row, i) : {},
                columns.map((c) => h('td', { class: c.class }, cell(c.value(row, i)))),
              ),
            ),
      ),
    ),
  );
}

function cell(value) {
  if (value === null || value === undefined) return '—';
  return value;
}

/** A number for people: up to `digits` significant decimals, thousands separated. */
export function num(value, digits = 4) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (typeof value !== 'number') return String(value);
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return value.toLocaleString('en', { maximumSignificantDigits: digits });
}

export function percent(value, digits = 1) {
  if (value === null || value === undefined) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}

export function when(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function shortId(id) {
  return id ? String(id).slice(0, 8) : '—';
}

/** A link inside the Studio: #/path. */
export function link(path, ...children) {
  return h('a', { href: `#${path}` }, children);
}

/** Shows a short message in the corner for a few seconds (role=status, so screen readers hear it). */
export function toast(message, kind = 'info') {
  const host = document.getElementById('toasts');
  const el = h('div', { class: `toast ${kind}`, role: 'status' }, message);
  host.append(el);
  setTimeout(() => el.remove(), 5000);
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'muted loading' }, text);
}

/** The colours charts use, from the stylesheet, so charts follow the page's palette. */
export function palette() {
  const style = getComputedStyle(document.documentElement);
  return ['--c1', '--c2', '--c3', '--c4', '--c5', '--c6', '--c7', '--c8', '--c9', '--c10'].map((v) =>
    style.getPropertyValue(v).trim(),
  );
}

/**
 * A Chart.js chart in a sized box; answers the Chart (call .destroy() when the page goes; pages return a
 * cleanup function for that). Animations are off: charts redraw as data arrives.
 */
export function chart(container, config) {
  const canvas = h('canvas', { role: 'img', 'aria-label': config.label || 'chart' });
  container.append(h('div', { class: 'chart-box' }, canvas));
  const options = { animation: false, responsive: true, maintainAspectRatio: false, ...config.options };
  return new window.Chart(canvas, { type: config.type, data: config.data, options });
}

/** Debounces a function: called once, `ms` after the last call. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
