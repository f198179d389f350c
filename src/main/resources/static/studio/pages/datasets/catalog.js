// The built-in catalog: one click imports an entry as a new dataset. quickdraw needs its categories and a count per
// class; entries this service cannot reach (no mirror, no download) say why instead of offering a button.
import * as api from '../../api.js';
import { h, fill, card, loading, problem } from '../../ui.js';
import { clearFields, showFields } from './fields.js';

export function catalogCard({ onImported, signal }) {
  const body = h('div', { id: 'catalog' }, loading('Loading the catalog…'));
  const section = card(
    'Catalog',
    h('p', { class: 'hint' }, 'Bundled entries work offline; the others come from a mirror folder or their source.'),
    body,
  );
  section.classList.add('catalog-card');
  load(body, onImported, signal);
  return section;
}

async function load(body, onImported, signal) {
  let entries;
  try {
    entries = await api.get('/api/v1/catalog?limit=1000', { signal });
  } catch (e) {
    if (!signal.aborted) fill(body, problem(e));
    return;
  }
  // what can be imported here comes first; the entries that cannot follow, each saying why
  const ordered = [...entries.filter((e) => !unavailable(e)), ...entries.filter(unavailable)];
  fill(body, h('ul', { class: 'catalog' }, ordered.map((entry) => item(entry, onImported))));
}

function unavailable(entry) {
  return typeof entry.source === 'string' && entry.source.startsWith('unavailable');
}

function item(entry, onImported) {
  const status = h('div', { class: 'catalog-status', 'aria-live': 'polite' });
  const li = h(
    'li',
    { class: 'catalog-entry', dataset: { name: entry.name } },
    h(
      'div',
      { class: 'catalog-head' },
      h('strong', { class: 'catalog-name' }, entry.name),
      h('span', { class: 'badge' }, entry.kind),
      entry.bundled ? h('span', { class: 'badge bundled' }, 'bundled') : null,
    ),
    h('p', { class: 'catalog-description' }, entry.description),
  );
  if (unavailable(entry)) {
    li.append(h('p', { class: 'catalog-unavailable' }, 'Not importable here — ', entry.source.replace(/^unavailable:?\s*/, '')));
    return li;
  }
  li.append(h('p', { class: 'hint catalog-source' }, 'From ', entry.source));
  const inputs = entry.name === 'quickdraw' ? quickdrawInputs() : null;
  if (inputs) li.append(inputs.box);
  const button = h(
    'button',
    {
      type: 'button',
      class: 'primary import',
      'aria-label': `Import ${entry.name}`,
      onclick: async () => {
        const query = new URLSearchParams();
        if (inputs) {
          query.set('categories', inputs.categories.value.trim());
          query.set('perClass', inputs.perClass.value.trim());
          inputs.clear();
        }
        button.disabled = true;
        fill(status, h('p', { class: 'muted loading' }, `Importing ${entry.name}…`));
        try {
          const path = `/api/v1/catalog/${encodeURIComponent(entry.name)}/import${inputs ? `?${query}` : ''}`;
          const dataset = await api.request('POST', path);
          onImported(dataset);
        } catch (e) {
          button.disabled = false;
          if (!inputs || !inputs.mark(e)) fill(status, problem(e));
          else fill(status);
        }
      },
    },
    'Import',
  );
  li.append(h('div', { class: 'row' }, button), status);
  return li;
}

/** quickdraw's two parameters as labelled inputs; field errors from the service are shown at them. */
function quickdrawInputs() {
  const categories = h('input', {
    id: 'quickdraw-categories',
    type: 'text',
    value: 'cat,apple,star',
    'aria-describedby': 'quickdraw-categories-hint',
  });
  const perClass = h('input', { id: 'quickdraw-perClass', type: 'number', min: 1, value: 5000, inputmode: 'numeric' });
  const fields = { categories, perClass };
  const box = h(
    'div',
    { class: 'catalog-options' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'quickdraw-categories' }, 'Categories'),
      categories,
      h('p', { class: 'hint', id: 'quickdraw-categories-hint' }, '2 to 345 names, separated by commas.'),
    ),
    h('div', { class: 'field' }, h('label', { for: 'quickdraw-perClass' }, 'Drawings per category'), perClass),
  );
  const clear = () => clearFields(fields);
  // true when every field error was shown at its field (then no separate summary is needed)
  const mark = (error) => {
    const { left, first } = showFields(fields, error);
    return first !== null && left.length === 0;
  };
  return { box, categories, perClass, clear, mark };
}
