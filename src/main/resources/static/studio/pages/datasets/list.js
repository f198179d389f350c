// #/datasets: the datasets held, an upload zone and the built-in catalog.
import * as api from '../../api.js';
import { h, fill, header, card, table, num, when, link, loading, problem } from '../../ui.js';
import { deleteControl } from './delete.js';
import { uploadCard } from './upload.js';
import { catalogCard } from './catalog.js';

export async function list(main, params, { navigate }) {
  const held = h('div', { id: 'dataset-list', tabindex: -1 }, loading());
  const aborter = new AbortController();
  const opened = (dataset) => navigate(`/datasets/${encodeURIComponent(dataset.id)}`);
  main.append(
    header('Datasets'),
    h(
      'p',
      { class: 'lead' },
      'Upload a table or pictures, or import one from the catalog; then open a dataset to see its columns and design a network for it.',
    ),
    card('Your datasets', held),
    h(
      'div',
      { class: 'grid datasets-add' },
      uploadCard({ onUploaded: opened, signal: aborter.signal }),
      catalogCard({ onImported: opened, signal: aborter.signal }),
    ),
  );
  await showList(held);
  return () => aborter.abort();
}

async function showList(container) {
  let datasets;
  try {
    datasets = await api.get('/api/v1/datasets?limit=1000');
  } catch (e) {
    fill(container, problem(e));
    return;
  }
  fill(
    container,
    table(
      [
        { label: 'Name', value: (d) => link(`/datasets/${encodeURIComponent(d.id)}`, d.name || d.id) },
        { label: 'Task', value: (d) => (d.problem ? h('span', { class: 'badge FAILED' }, 'unreadable') : d.task) },
        { label: 'Rows', class: 'num', value: (d) => num(d.rows) },
        { label: 'Kind', value: (d) => d.kind },
        { label: 'Created', value: (d) => when(d.createdAt) },
        { label: h('span', { class: 'ds-sr-only' }, 'Actions'), value: (d) =>
            deleteControl(d, async () => {
              await showList(container);
              // the row and its buttons are gone: keyboard focus goes back to the list
              container.focus();
            }),
        },
      ],
      datasets,
      {
        class: 'datasets-table',
        empty: 'No datasets yet: upload one below or import one from the catalog.',
        rowAttrs: (d) => ({ dataset: { id: d.id } }),
      },
    ),
  );
}
