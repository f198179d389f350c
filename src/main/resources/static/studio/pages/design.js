// The Design page (#/design?dataset=ID[&job=ID]): a network spec built layer by layer in a form, or written as
// JSON beside it; both show one spec object. Every change is checked by a dry run against the chosen dataset,
// and "Train" submits the job. The spec being built is kept for the tab, so a trip to another page loses nothing.
import * as api from '../api.js';
import { h, fill, header, card, problem, num, loading } from '../ui.js';
import { getIn, setIn } from './design/paths.js';
import { layersSection } from './design/layers.js';
import { trainingSection } from './design/training.js';
import { jsonEditor } from './design/editor.js';
import { checker } from './design/validation.js';
import { PRESETS } from './design/presets.js';
import { localError } from './design/fields.js';

const DRAFT = 'neurona.design.draft';
// emptied, these objects mean the same as absent, so they go (an empty earlyStopping would still turn it on)
const PRUNED = new Set(['lossOptions', 'images', 'tables']);

export async function render(main, params, { caller, navigate }) {
  fill(main, header('Design a network'), loading());
  const [datasets, datasetsError] = await api
    .get('/api/v1/datasets?limit=1000')
    .then((list) => [list, null], (e) => [[], e]);
  const start = await startingPoint(params);

  const state = {
    spec: start.spec,
    datasetId: start.datasetId || params.dataset || (datasets.length ? datasets[0].id : ''),
    registerName: start.registerName || '',
  };
  if (params.dataset && !datasets.some((d) => d.id === params.dataset)) {
    // not among the newest 1000 (or gone): asked for by id, so a refusal says which
    try {
      datasets.push(await api.get(`/api/v1/datasets/${encodeURIComponent(params.dataset)}`));
    } catch (e) {
      start.notes.push(problem(e));
    }
  }
  const dataset = () => datasets.find((d) => d.id === state.datasetId) || null;

  const registry = new Map();
  const prefs = { open: {} };
  const layersHost = h('div', { id: 'layers-host' });
  const trainingHost = h('div', { id: 'training-host' });
  const status = h('p', { class: 'check-status', id: 'check-status', role: 'status' });
  const summary = h('div', { id: 'check-summary' });
  const result = h('div', { id: 'check-result' });
  const editor = jsonEditor((spec) => {
    state.spec = spec;
    saveDraft();
    renderForm({ structural: false });
    check.schedule();
  });

  const ctx = {
    prefs,
    spec: () => state.spec,
    get: (path) => getIn({ spec: state.spec }, path),
    edit: (fn) => fn(state.spec),
    set(path, value, options = {}) {
      setIn({ spec: state.spec }, path, value);
      if (value === undefined && path.length === 3 && PRUNED.has(path[1])) {
        const object = state.spec[path[1]];
        if (object && typeof object === 'object' && Object.keys(object).length === 0) delete state.spec[path[1]];
      }
      changed(options.rebuild ? { structural: false } : null);
    },
    mutate(fn, focus) {
      fn(state.spec);
      changed({ structural: true, focus });
    },
    register: (path, entry) => registry.set(path, entry),
  };

  const check = checker({
    request: () => {
      if (!state.datasetId) return { ready: false, why: 'Choose a dataset to check the network against it.' };
      if (!Array.isArray(state.spec.layers) || state.spec.layers.length === 0) {
        return { ready: false, why: 'Add a layer or pick a preset: the check starts then.' };
      }
      return { ready: true, json: body() };
    },
    registry: () => registry,
    status,
    summary,
    result,
  });

  function body() {
    const name = state.registerName.trim();
    return { datasetId: state.datasetId, spec: state.spec, ...(name ? { register: { name } } : {}) };
  }

  function saveDraft() {
    try {
      sessionStorage.setItem(DRAFT, JSON.stringify({ spec: state.spec, registerName: state.registerName }));
    } catch (full) {
      // a draft too big for the tab's storage is simply not kept
    }
  }

  function changed(redraw) {
    editor.show(state.spec);
    saveDraft();
    if (redraw) renderForm(redraw);
    check.schedule();
  }

  function renderForm({ structural, focus }) {
    const active = document.activeElement && document.activeElement.id;
    registry.clear();
    fill(layersHost, layersSection(ctx, state.spec));
    fill(trainingHost, trainingSection(ctx, state.spec, dataset()));
    registry.set('register.name', { control: registerInput, slot: registerSlot });
    registry.set('register', { control: registerInput, slot: registerSlot });
    registry.set('datasetId', { control: datasetSelect, slot: datasetSlot });
    check.redecorate(structural);
    const target = typeof focus === 'function' ? focus() : document.getElementById(focus || active || '');
    if (target && target !== document.activeElement && main.contains(target)) target.focus();
  }

  // the dataset
  const datasetSelect = h('select', { id: 'dataset', 'data-path': 'datasetId' });
  if (datasets.length === 0) datasetSelect.append(h('option', { value: '' }, 'no datasets yet'));
  for (const d of datasets) datasetSelect.append(h('option', { value: d.id }, datasetLabel(d)));
  datasetSelect.value = state.datasetId;
  const datasetSlot = h('div', { class: 'slot' });
  const datasetAbout = h('p', { class: 'hint', id: 'dataset-about' });
  datasetSelect.setAttribute('aria-describedby', 'dataset-about');
  const describeDataset = () => {
    const d = dataset();
    if (!d) {
      fill(datasetAbout, datasets.length ? '' : ['Import or upload one on the ', h('a', { href: '#/datasets' }, 'Datasets'), ' page.']);
      return;
    }
    const classes = Array.isArray(d.classes) ? d.classes : [];
    fill(
      datasetAbout,
      d.task === 'regression' ? 'Regression' : `${classes.length} classes${classes.length ? `: ${classes.slice(0, 8).join(', ')}${classes.length > 8 ? ', …' : ''}` : ''}`,
      ` · input ${Array.isArray(d.inputShape) ? `(${d.inputShape.join(', ')})` : '—'} · `,
      h('a', { href: `#/datasets/${encodeURIComponent(d.id)}` }, 'about this dataset'),
    );
  };
  datasetSelect.addEventListener('change', () => {
    state.datasetId = datasetSelect.value;
    history.replaceState(null, '', `#/design?dataset=${encodeURIComponent(state.datasetId)}`);
    describeDataset();
    renderForm({ structural: false });
    check.schedule();
  });

  // presets
  const presets = h(
    'ul',
    { class: 'presets' },
    PRESETS.map((p) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            id: `preset-${p.id}`,
            'aria-describedby': `preset-${p.id}-about`,
            onclick: () => replaceSpec(p.make(dataset()), `preset-${p.id}`),
          },
          p.label,
        ),
        h('span', { class: 'hint', id: `preset-${p.id}-about` }, p.about),
      ),
    ),
    h(
      'li',
      {},
      h('button', { type: 'button', id: 'preset-clear', onclick: () => replaceSpec({ layers: [] }, 'preset-clear') }, 'Clear'),
      h('span', { class: 'hint' }, 'Start again from no layers.'),
    ),
  );

  function replaceSpec(spec, focus) {
    state.spec = spec;
    editor.show(state.spec);
    saveDraft();
    renderForm({ structural: true, focus });
    check.schedule();
  }

  // register and train
  const registerInput = h('input', {
    id: 'register-name',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: 'from the dataset name',
    value: state.registerName,
    'data-path': 'register.name',
    'aria-describedby': 'register-hint',
  });
  const registerSlot = h('div', { class: 'slot' });
  registerInput.addEventListener('input', () => {
    state.registerName = registerInput.value;
    localError(registerInput, registerSlot, null);
    saveDraft();
    check.schedule();
  });
  const trainStatus = h('div', { id: 'train-status', 'aria-live': 'polite' });
  const trainButton = h('button', { type: 'submit', class: 'primary', id: 'train' }, 'Train');
  const trainForm = h(
    'form',
    { class: 'train-form', novalidate: true, onsubmit: (event) => submit(event) },
    h('label', { for: 'register-name' }, 'Register as (optional)'),
    registerInput,
    h(
      'p',
      { class: 'hint', id: 'register-hint' },
      'The model becomes the next version of this name: 1–63 of a-z 0-9 . _ -.',
    ),
    registerSlot,
    h('div', { class: 'row' }, trainButton),
    trainStatus,
  );

  async function submit(event) {
    event.preventDefault();
    if (!state.datasetId) {
      fill(trainStatus, h('p', { class: 'problem', role: 'alert' }, 'Choose a dataset first.'));
      return;
    }
    trainButton.disabled = true;
    fill(trainStatus, h('p', { class: 'muted' }, 'Submitting…'));
    try {
      const job = await api.post('/api/v1/jobs', body());
      navigate(`/jobs/${encodeURIComponent(job.id)}`);
    } catch (e) {
      trainButton.disabled = false;
      if (e.status === 400 && e.problem && Array.isArray(e.problem.errors) && e.problem.errors.length) {
        check.showRefusal(e);
        fill(trainStatus, h('p', { class: 'problem', role: 'alert' }, 'The service refused the job: see the marked fields and the check.'));
      } else {
        fill(trainStatus, problem(e));
      }
    }
  }

  fill(
    main,
    h(
      'div',
      { class: 'design-page' },
    header('Design a network'),
    h(
      'p',
      { class: 'lead' },
      'Build the layers in the form or write the spec as JSON: both stay in step, and every change is checked against the dataset.',
    ),
    caller && caller.role === 'predictor'
      ? h('p', { class: 'problem', role: 'note' }, 'This key is a predictor: it may not check or train networks. Sign in with a trainer key.')
      : null,
    datasetsError ? problem(datasetsError) : null,
    start.notes,
    card(
      null,
      h(
        'div',
        { class: 'design-top' },
        h('div', { class: 'dataset-pick' }, h('label', { for: 'dataset' }, 'Dataset'), datasetSelect, datasetAbout, datasetSlot),
        h('div', { class: 'preset-pick' }, h('h2', { id: 'presets-title' }, 'Start from'), presets),
      ),
    ),
    h(
      'div',
      { class: 'design-grid' },
      h('div', { class: 'design-form' }, card('Layers', layersHost), card('Training', trainingHost)),
      h(
        'div',
        { class: 'design-side' },
        h('section', { class: 'card' }, editor.node),
        h('section', { class: 'card check', 'aria-labelledby': 'check-title' }, h('h2', { id: 'check-title' }, 'Check'), status, summary, result),
        h('section', { class: 'card' }, h('h2', {}, 'Train'), trainForm),
      ),
    ),
    ),
  );
  describeDataset();
  editor.show(state.spec);
  editor.mount();
  renderForm({ structural: true });
  check.run();

  return () => check.stop();
}

function datasetLabel(d) {
  const kind = d.kind === 'image' ? 'images' : 'table';
  return `${d.name} (${kind}, ${d.task || '?'}, ${num(d.rows)} rows)`;
}

/** The spec to start with: a job's (?job=ID, to change and train again), the tab's draft, or no layers. */
async function startingPoint(params) {
  const notes = [];
  if (params.job) {
    try {
      const job = await api.get(`/api/v1/jobs/${encodeURIComponent(params.job)}`);
      return { spec: job.spec || { layers: [] }, datasetId: params.dataset || job.datasetId, notes };
    } catch (e) {
      notes.push(problem(e));
    }
  }
  try {
    const draft = JSON.parse(sessionStorage.getItem(DRAFT) || 'null');
    if (draft && draft.spec && typeof draft.spec === 'object' && !Array.isArray(draft.spec)) {
      return { spec: draft.spec, registerName: draft.registerName || '', notes };
    }
  } catch (broken) {
    // a draft that does not parse is forgotten
  }
  return { spec: { layers: [] }, notes };
}
