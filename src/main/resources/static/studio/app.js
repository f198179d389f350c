// The Studio's shell: sign-in, the router (#/path?query), and the header. Each page is a module whose
// render(main, params, context) fills <main> and may answer a cleanup function, called when the page goes
// (to stop event streams and destroy charts).
import * as api from './api.js';
import { h, fill, problem, link } from './ui.js';
import * as datasets from './pages/datasets.js';
import * as design from './pages/design.js';
import * as jobs from './pages/jobs.js';
import * as models from './pages/models.js';
import * as predict from './pages/predict.js';
import * as tuning from './pages/tuning.js';
import * as home from './pages/home.js';

const routes = [
  ['/', home.render],
  ['/datasets', datasets.list],
  ['/datasets/:id', datasets.detail],
  ['/design', design.render],
  ['/jobs', jobs.list],
  ['/jobs/:id', jobs.detail],
  ['/models', models.list],
  ['/models/:ref', models.detail],
  ['/predict/:ref', predict.render],
  ['/tune', tuning.list],
  ['/tune/:id', tuning.detail],
];

const main = document.getElementById('main');
let cleanup = null;
let caller = null;

/** The signed-in key as /api/v1/me answers it: {name, role, …}; null before sign-in. */
export function currentCaller() {
  return caller;
}

export function navigate(path) {
  location.hash = `#${path}`;
}

function match(pattern, path) {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      if (!got[i]) return null;
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i]);
      } catch (malformed) {
        return null;
      }
    } else if (want[i] !== got[i]) return null;
  }
  return params;
}

async function route() {
  if (cleanup) {
    try {
      cleanup();
    } catch (ignored) {
      // a page that fails to clean up must not keep the next one from showing
    }
    cleanup = null;
  }
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  if (!api.key() || !caller) {
    if (api.key()) {
      try {
        caller = await api.get('/api/v1/me');
      } catch (e) {
        api.clearKey();
      }
    }
    if (!caller) {
      signIn(hash === '/signin' ? '/' : hash);
      return;
    }
  }
  if (path === '/signin') {
    navigate('/');
    return;
  }
  showCaller();
  highlight(path);
  for (const [pattern, render] of routes) {
    const params = match(pattern, path);
    if (params) {
      const search = new URLSearchParams(query || '');
      for (const [k, v] of search) if (!(k in params)) params[k] = v;
      main.replaceChildren();
      try {
        cleanup = (await render(main, params, { caller, navigate })) || null;
      } catch (e) {
        fill(main, problem(e));
      }
      document.title = `${main.querySelector('h1')?.textContent || 'Studio'} · Neurona Studio`;
      return;
    }
  }
  fill(main, h('h1', {}, 'Not found'), h('p', {}, 'No page at ', h('code', {}, path), '. ', link('/', 'Start here'), '.'));
}

function highlight(path) {
  for (const a of document.querySelectorAll('#nav a')) {
    const target = a.getAttribute('href').slice(1);
    if (path === target || path.startsWith(`${target}/`)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function showCaller() {
  const who = document.getElementById('who');
  fill(
    who,
    h('span', { class: 'role', title: caller.name || '' }, caller.securityEnabled ? caller.role : 'no keys'),
    h('button', { class: 'link', id: 'sign-out', onclick: signOut }, 'Sign out'),
  );
}

function signOut() {
  api.clearKey();
  caller = null;
  fill(document.getElementById('who'));
  navigate('/signin');
}

function signIn(returnTo, message) {
  fill(document.getElementById('who'));
  highlight('');
  const input = h('input', {
    id: 'api-key',
    type: 'password',
    name: 'key',
    autocomplete: 'off',
    placeholder: 'nrn_…',
    required: true,
    'aria-describedby': 'key-help',
  });
  const status = h('div', { id: 'sign-in-status' });
  if (message) fill(status, h('div', { class: 'problem', role: 'alert' }, message));
  const form = h(
    'form',
    {
      class: 'sign-in card',
      onsubmit: async (event) => {
        event.preventDefault();
        api.setKey(input.value.trim());
        try {
          caller = await api.get('/api/v1/me');
          navigate(returnTo);
          if (location.hash === `#${returnTo}`) route();
        } catch (e) {
          api.clearKey();
          caller = null;
          fill(
            status,
            e.status === 401
              ? h('div', { class: 'problem', role: 'alert' }, 'That key is unknown, revoked or expired.')
              : problem(e),
          );
        }
      },
    },
    h('h1', {}, 'Sign in'),
    h('label', { for: 'api-key' }, 'API key'),
    input,
    h(
      'p',
      { id: 'key-help', class: 'muted' },
      'The admin key is printed in the service log on its first start; an admin creates more with ',
      h('code', {}, 'POST /api/v1/keys'),
      '. The key stays in this browser tab only and is sent with every request.',
    ),
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'),
    status,
  );
  fill(main, form);
  document.title = 'Sign in · Neurona Studio';
  input.focus();
}

window.addEventListener('neurona:unauthorized', () => {
  if (!caller) return; // a sign-in attempt shows its own refusal
  api.clearKey();
  caller = null;
  signIn(location.hash.replace(/^#/, '') || '/', 'The service refused the key (401): sign in again.');
});
window.addEventListener('hashchange', route);
route();
