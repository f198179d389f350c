// The search space as rows: one spec field path each, with its domain (a choice list, or an int or float range,
// optionally in log space or in steps), turned into the API's {path: {type, …}} map.
import { h } from '../../ui.js';

let counter = 0;

/** Field paths offered as suggestions: the spec's own leaves plus the resolved spec's usual ones. */
export function pathSuggestions(spec) {
  const paths = new Set(['optimizer.learningRate', 'batchSize', 'epochs']);
  const walk = (value, path) => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}[${i}]`));
    else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (path && !/(^|\.)(type|seed)$/.test(path)) paths.add(path);
  };
  walk(spec, '');
  return [...paths].sort();
}

/** One dimension's row; `initial` as the API spells a dimension plus its path. */
export function dimensionRow(initial, onRemove) {
  const n = ++counter;
  const id = (name) => `dim-${n}-${name}`;
  const input = (name, attrs = {}) => h('input', { id: id(name), name, ...attrs });
  const path = input('path', {
    list: 'tune-paths',
    value: initial.path || '',
    required: true,
    autocomplete: 'off',
    spellcheck: 'false',
    class: 'mono',
  });
  const kind = h(
    'select',
    { id: id('type'), name: 'type' },
    [
      ['choice', 'choice: a list of values'],
      ['float', 'float range'],
      ['int', 'int range'],
    ].map(([value, text]) => h('option', { value, selected: value === (initial.type || 'float') }, text)),
  );
  const values = input('values', {
    value: (initial.values || []).join(', '),
    placeholder: 'relu, tanh',
    'aria-describedby': id('values-hint'),
  });
  const min = input('min', { type: 'number', step: 'any', value: initial.min ?? '' });
  const max = input('max', { type: 'number', step: 'any', value: initial.max ?? '' });
  const step = input('step', { type: 'number', step: 'any', min: 0, value: initial.step ?? '', placeholder: 'none' });
  const log = input('log', { type: 'checkbox', checked: Boolean(initial.log) });
  const field = (name, label, control, extra) =>
    h('div', { class: `tune-field tune-${name}` }, h('label', { for: control.id }, label), control, extra || null);
  const choicePart = h(
    'div',
    { class: 'tune-dim-choice' },
    field(
      'values',
      'Values',
      values,
      h('p', { class: 'hint', id: id('values-hint') }, 'Separated by commas; numbers stay numbers.'),
    ),
  );
  const rangePart = h(
    'div',
    { class: 'tune-dim-range' },
    field('min', 'Min', min),
    field('max', 'Max', max),
    field('step', 'Step', step),
    h('div', { class: 'tune-field tune-log' }, h('label', { for: log.id, class: 'check' }, log, ' Log scale')),
  );
  const remove = h('button', { type: 'button', class: 'link tune-remove', onclick: () => onRemove(row) }, 'Remove');
  const rowErrors = h('div', { class: 'tune-dim-errors' });
  const row = h(
    'fieldset',
    { class: 'tune-dim' },
    h('legend', {}, 'Field to vary'),
    h('div', { class: 'tune-dim-head' }, field('path', 'Spec field path', path), field('type', 'Kind', kind)),
    choicePart,
    rangePart,
    h('div', { class: 'tune-dim-foot' }, rowErrors, remove),
  );
  const sync = () => {
    const choice = kind.value === 'choice';
    choicePart.hidden = !choice;
    rangePart.hidden = choice;
    step.step = kind.value === 'int' ? '1' : 'any';
  };
  kind.addEventListener('change', sync);
  sync();
  row.dimension = {
    path: () => path.value.trim(),
    controls: { path, type: kind, values, min, max, step, log },
    errors: rowErrors,
    value() {
      if (kind.value === 'choice') {
        return { type: 'choice', values: parseValues(values.value) };
      }
      const d = { type: kind.value, min: number(min.value), max: number(max.value) };
      if (log.checked) d.log = true;
      if (step.value.trim() !== '') d.step = number(step.value);
      return d;
    },
  };
  return row;
}

function number(text) {
  return text.trim() === '' ? null : Number(text);
}

/** "relu, tanh" → ["relu", "tanh"]; "16, 32" → [16, 32]; "true" → true. */
export function parseValues(text) {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((v) => {
      if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v)) return Number(v);
      if (v === 'true' || v === 'false') return v === 'true';
      return v;
    });
}
