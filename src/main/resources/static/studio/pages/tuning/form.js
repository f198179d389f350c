// The form that starts a search: dataset, base spec (a JSON editor), the fields to vary, strategy, objective and
// budget. A refusal's field errors are shown at the control they name; the rest in a summary above the buttons.
import * as api from '../../api.js';
import { h, fill, card, problem, link, debounce, num } from '../../ui.js';
import { dimensionRow, pathSuggestions } from './space.js';

const METRICS = ['val_accuracy', 'val_loss', 'val_mae', 'accuracy', 'loss', 'mae'];
const STRATEGIES = [
  ['random', 'random', 'Seeded draws: the same seed draws the same trials.'],
  ['grid', 'grid', 'Every combination in order (ranges need a step); leave Trials empty to run the whole grid.'],
  ['bayesian', 'bayesian (TPE)', 'Random trials first, then values where the good trials are dense.'],
  ['hyperband', 'hyperband', 'Many trials with few epochs; the best third trains again with more, up to the most epochs.'],
];

/** A small MLP that fits the dataset: its classes (softmax), one linear output for a regression. */
export function defaultSpec(dataset) {
  const regression = dataset && dataset.task === 'regression';
  const classes = dataset && dataset.classes && dataset.classes.length ? dataset.classes.length : 3;
  const layers = [];
  if (dataset && dataset.kind && dataset.kind !== 'tabular') layers.push({ type: 'flatten' });
  layers.push({ type: 'dense', units: 16, activation: 'relu' });
  layers.push(regression ? { type: 'dense', units: 1, activation: 'linear' } : { type: 'dense', units: classes, activation: 'softmax' });
  const spec = {
    layers,
    optimizer: { type: 'adam', learningRate: 0.01 },
    epochs: 20,
    batchSize: 16,
    validationSplit: 0.2,
    seed: 42,
  };
  // one layer per line: short enough to read, long enough to see the whole network at once
  return `{\n  "layers": [\n${layers.map((l) => `    ${JSON.stringify(l)}`).join(',\n')}\n  ],\n${Object.entries(spec)
    .filter(([k]) => k !== 'layers')
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(',\n')}\n}`;
}

/** Fills `host` (already in the page) with the form; answers {cleanup}. */
export async function searchForm(host, params, { navigate }) {
  let datasets = [];
  let datasetError = null;
  try {
    datasets = await api.get('/api/v1/datasets?limit=1000');
  } catch (e) {
    datasetError = e;
  }
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const errorNodes = [];

  // dataset
  const dataset = h(
    'select',
    { id: 'tune-dataset', name: 'datasetId', required: true },
    datasets.length === 0 ? h('option', { value: '' }, 'no datasets yet') : null,
    datasets.map((d) =>
      h('option', { value: d.id, selected: d.id === params.dataset }, `${d.name} (${d.task}, ${num(d.rows)} rows)`),
    ),
  );

  // base spec
  const specHost = h('div', { class: 'tune-editor' });
  const specErrors = h('div', { id: 'tune-spec-errors' });
  let lastDefault = defaultSpec(byId.get(dataset.value));

  // space
  const paths = h('datalist', { id: 'tune-paths' });
  const rows = h('div', { id: 'tune-space' });
  const spaceErrors = h('div', { id: 'tune-space-errors' });
  const removeRow = (row) => {
    row.remove();
    if (!rows.firstChild) addRow({});
    rows.querySelector('input')?.focus();
  };
  const addRow = (initial) => {
    const row = dimensionRow(initial, removeRow);
    rows.append(row);
    return row;
  };
  addRow({ path: 'optimizer.learningRate', type: 'float', min: 0.001, max: 0.1, log: true });

  // strategy, objective, budget
  const strategy = h(
    'select',
    { id: 'tune-strategy', name: 'strategy', 'aria-describedby': 'tune-strategy-hint' },
    STRATEGIES.map(([value, text]) => h('option', { value }, text)),
  );
  const numberInput = (id, attrs) => h('input', { id, type: 'number', ...attrs });
  const maxTrials = numberInput('tune-max-trials', { name: 'maxTrials', min: 1, step: 1, value: 6 });
  const parallel = numberInput('tune-parallel', { name: 'parallelTrials', min: 1, max: 16, step: 1, value: 2 });
  const seed = numberInput('tune-seed', { name: 'seed', step: 1, value: 7 });
  const eta = numberInput('tune-eta', { name: 'eta', min: 2, max: 10, step: 1, value: 3 });
  const maxEpochs = numberInput('tune-max-epochs', { name: 'maxEpochs', min: 1, step: 1, placeholder: "the spec's epochs" });
  const stopping = h(
    'select',
    { id: 'tune-early-stopping', name: 'earlyStopping' },
    h('option', { value: 'none' }, 'none'),
    h('option', { value: 'median' }, 'median: stop trials below the median'),
  );
  const metric = h(
    'select',
    { id: 'tune-metric', name: 'metric' },
    METRICS.map((m) => h('option', { value: m }, m)),
  );
  const direction = h(
    'select',
    { id: 'tune-direction', name: 'direction' },
    h('option', { value: '' }, 'as the metric says'),
    h('option', { value: 'max' }, 'max: higher is better'),
    h('option', { value: 'min' }, 'min: lower is better'),
  );
  const field = (label, control, hint) =>
    h(
      'div',
      { class: 'tune-field' },
      h('label', { for: control.id }, label),
      control,
      hint ? h('p', { class: 'hint' }, hint) : null,
    );
  const hyperband = h(
    'div',
    { class: 'tune-settings', id: 'tune-hyperband' },
    field('Halving factor η', eta),
    field('Most epochs per trial', maxEpochs),
  );
  const strategyHint = h('p', { class: 'hint', id: 'tune-strategy-hint' });
  const syncStrategy = () => {
    hyperband.hidden = strategy.value !== 'hyperband';
    strategyHint.textContent = STRATEGIES.find(([value]) => value === strategy.value)[2];
    seed.disabled = strategy.value === 'grid';
  };
  strategy.addEventListener('change', syncStrategy);
  syncStrategy();
  const syncMetric = () => {
    const d = byId.get(dataset.value);
    metric.value = d && d.task === 'regression' ? 'val_mae' : 'val_accuracy';
  };
  syncMetric();

  const summary = h('div', { id: 'tune-summary', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'tune-submit', disabled: datasets.length === 0 }, 'Start search');
  const check = h('button', { type: 'button', id: 'tune-check', disabled: datasets.length === 0 }, 'Check (dry run)');

  const form = h(
    'form',
    { id: 'tune-form', novalidate: true },
    h('div', { class: 'tune-field' }, h('label', { for: 'tune-dataset' }, 'Dataset'), dataset,
      datasetError ? problem(datasetError) : null,
      datasets.length === 0 && !datasetError
        ? h('p', { class: 'hint' }, 'Import a dataset on ', link('/datasets', 'Datasets'), ' first.')
        : null),
    h('div', { class: 'tune-field' },
      h('label', { for: 'tune-spec' }, 'Base spec (JSON)'),
      h('p', { class: 'hint', id: 'tune-spec-hint' }, 'Every trial trains this network with the values below put in.'),
      specHost,
      specErrors),
    h('h3', {}, 'Fields to vary'),
    h('p', { class: 'hint' }, 'Paths into the spec as problems name them, without "spec.": ',
      h('code', {}, 'layers[0].units'), ', ', h('code', {}, 'optimizer.learningRate'), ', ', h('code', {}, 'batchSize'), '…'),
    paths,
    rows,
    spaceErrors,
    h('button', { type: 'button', id: 'tune-add-dim', onclick: () => addRow({ type: 'choice' }).querySelector('input').focus() }, 'Add a field'),
    h('h3', {}, 'Search'),
    h('div', { class: 'tune-settings' },
      h('div', { class: 'tune-field' }, h('label', { for: 'tune-strategy' }, 'Strategy'), strategy, strategyHint),
      field('Trials', maxTrials, 'At most this many models are trained.'),
      field('Trials at once', parallel),
      field('Seed', seed),
      field('Early stopping', stopping)),
    hyperband,
    h('h3', {}, 'Objective'),
    h('div', { class: 'tune-settings' },
      field('Metric', metric, 'A trial counts its best epoch. Validation metrics need a validationSplit.'),
      field('Direction', direction)),
    summary,
    h('div', { class: 'row tune-buttons' }, submit, check),
  );
  fill(host, card(null, h('h2', { id: 'tune-new', tabindex: '-1' }, 'Start a search'), form));

  const editor = window.CodeMirror(specHost, {
    value: lastDefault,
    mode: { name: 'javascript', json: true },
    lineNumbers: true,
    matchBrackets: true,
    lineWrapping: true,
    viewportMargin: Infinity,
  });
  const editorInput = editor.getInputField();
  editorInput.id = 'tune-spec';
  editorInput.setAttribute('aria-describedby', 'tune-spec-hint tune-spec-errors');
  const suggest = () => {
    let spec;
    try {
      spec = JSON.parse(editor.getValue());
    } catch (notYet) {
      return; // the editor is mid-edit: keep the last suggestions
    }
    fill(paths, pathSuggestions(spec).map((p) => h('option', { value: p })));
  };
  const suggestLater = debounce(suggest, 300);
  editor.on('change', suggestLater);
  suggest();
  dataset.addEventListener('change', () => {
    // a spec the person has not touched follows the dataset (its classes); an edited one is theirs
    if (editor.getValue() === lastDefault) {
      lastDefault = defaultSpec(byId.get(dataset.value));
      editor.setValue(lastDefault);
    }
    syncMetric();
  });

  const controls = {
    datasetId: dataset,
    strategy,
    maxTrials,
    parallelTrials: parallel,
    seed,
    eta,
    maxEpochs,
    earlyStopping: stopping,
    'objective.metric': metric,
    'objective.direction': direction,
  };

  function clearErrors() {
    for (const node of errorNodes.splice(0)) node.remove();
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    editor.getWrapperElement().classList.remove('invalid');
    summary.replaceChildren();
  }

  function errorAt(container, control, messages, prefix) {
    const node = h(
      'div',
      { class: 'field-error', role: 'alert' },
      messages.map((m) => h('p', {}, prefix ? h('code', {}, prefix) : null, prefix ? ': ' : null, m)),
    );
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      container = container || control.closest('.tune-field') || control.parentElement;
    }
    container.append(node);
    errorNodes.push(node);
  }

  /** Puts each field error at its control; answers the errors no control takes. */
  function placeErrors(fields) {
    const rest = [];
    for (const [path, messages] of Object.entries(fields)) {
      if (controls[path]) {
        errorAt(null, controls[path], messages);
      } else if (path === 'spec' || path.startsWith('spec.') || path.startsWith('spec[')) {
        editor.getWrapperElement().classList.add('invalid');
        editorInput.setAttribute('aria-invalid', 'true');
        errorAt(specErrors, null, messages, path === 'spec' ? null : path.slice(5));
      } else if (path === 'space') {
        errorAt(spaceErrors, null, messages);
      } else {
        const m = /^space\["(.*)"\](?:\.(\w+))?$/.exec(path);
        const row = m && [...rows.children].find((r) => r.dimension.path() === m[1]);
        if (row) {
          const control = row.dimension.controls[m[2] || 'path'];
          if (m[2] && control && !control.closest('[hidden]')) errorAt(null, control, messages);
          else {
            row.dimension.controls.path.setAttribute('aria-invalid', 'true');
            errorAt(row.dimension.errors, null, messages);
          }
        } else {
          for (const message of messages) rest.push({ field: path, message });
        }
      }
    }
    return rest;
  }

  function showRefusal(error) {
    if (!error.problem) {
      fill(summary, problem(error));
      return;
    }
    const rest = placeErrors(error.fields());
    const placed = (error.problem.errors || []).length - rest.length;
    const p = { ...error.problem, errors: rest };
    if (placed > 0) {
      p.detail = `${p.detail ? `${p.detail.replace(/([^.!?])$/, '$1.')} ` : ''}${placed === 1 ? 'One field is' : `${placed} fields are`} marked above.`;
    }
    fill(summary, problem({ problem: p, status: error.status }));
    (form.querySelector('[aria-invalid="true"]') || summary).scrollIntoView({ block: 'center' });
  }

  /** The request as the API takes it, or null after showing what keeps it from being one. */
  function request() {
    let spec;
    try {
      spec = JSON.parse(editor.getValue());
    } catch (e) {
      editor.getWrapperElement().classList.add('invalid');
      errorAt(specErrors, editorInput, [`not valid JSON: ${e.message}`]);
      fill(summary, h('div', { class: 'problem', role: 'alert' }, 'The base spec is not valid JSON.'));
      return null;
    }
    const space = {};
    for (const row of rows.children) {
      if (row.dimension.path()) space[row.dimension.path()] = row.dimension.value();
    }
    const intOf = (input) => (input.value.trim() === '' ? undefined : Number(input.value));
    const body = {
      datasetId: dataset.value || null,
      spec,
      space,
      strategy: strategy.value,
      objective: { metric: metric.value, ...(direction.value ? { direction: direction.value } : {}) },
      maxTrials: intOf(maxTrials),
      parallelTrials: intOf(parallel),
      earlyStopping: stopping.value,
    };
    if (strategy.value !== 'grid') body.seed = intOf(seed);
    if (strategy.value === 'hyperband') {
      body.eta = intOf(eta);
      body.maxEpochs = intOf(maxEpochs);
    }
    return body;
  }

  async function send(dryRun) {
    clearErrors();
    const body = request();
    if (!body) return;
    submit.disabled = check.disabled = true;
    fill(summary, h('p', { class: 'muted' }, dryRun ? 'Checking…' : 'Starting…'));
    try {
      const answer = await api.post('/api/v1/tuning', dryRun ? { ...body, dryRun: true } : body);
      if (dryRun) {
        fill(
          summary,
          h(
            'p',
            { class: 'tune-ok', role: 'status' },
            `Valid: ${num(answer.trials)} trial${answer.trials === 1 ? '' : 's'} would run (${answer.settings.strategy}, ${answer.settings.metric}).`,
            answer.note ? h('span', { class: 'muted' }, ` ${answer.note}`) : null,
          ),
        );
      } else {
        navigate(`/tune/${answer.id}`);
      }
    } catch (e) {
      summary.replaceChildren();
      showRefusal(e);
    } finally {
      submit.disabled = check.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send(false);
  });
  check.addEventListener('click', () => send(true));
}
