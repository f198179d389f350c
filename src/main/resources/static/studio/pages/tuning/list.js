// #/tune: the tuning runs, newest first, and the form that starts a search.
import * as api from '../../api.js';
import { h, header, card, table, loading, problem, fill, link, shortId, when } from '../../ui.js';
import { badge, objective, objectiveName } from './format.js';
import { searchForm } from './form.js';

export async function list(main, params, { navigate }) {
  const runs = h('div', { id: 'tune-runs' }, loading());
  fill(
    main,
    header('Tune', h('button', { type: 'button', onclick: toForm }, 'Start a search')),
    h(
      'p',
      { class: 'lead' },
      'A hyperparameter search trains one model per trial, each with other values for the fields you vary, and ranks them.',
    ),
    card('Tuning runs', runs),
  );
  const formHost = h('div', { id: 'tune-form-host' }, loading());
  main.append(formHost);
  showRuns(runs);
  await searchForm(formHost, params, { navigate });
}

// a plain #anchor would be taken by the router for a page
function toForm() {
  const heading = document.getElementById('tune-new');
  if (!heading) return;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

async function showRuns(container) {
  let list;
  try {
    list = await api.get('/api/v1/tuning?limit=50');
  } catch (e) {
    fill(container, problem(e));
    return;
  }
  fill(
    container,
    table(
      [
        { label: 'Run', value: (r) => link(`/tune/${r.id}`, shortId(r.id)) },
        { label: 'State', value: (r) => badge(r.state) },
        { label: 'Strategy', value: (r) => r.strategy },
        { label: 'Objective', value: (r) => objectiveName(r.objective) },
        {
          label: 'Progress',
          value: (r) =>
            h(
              'span',
              { class: 'tune-progress-cell' },
              h('progress', { max: 100, value: r.progress.percentDone, 'aria-label': `run ${shortId(r.id)} progress` }),
              ` ${r.progress.finished} / ${r.maxTrials}`,
            ),
        },
        { label: 'Best', class: 'num', value: (r) => (r.best ? objective(r.best.objective) : null) },
        { label: 'Best model', value: (r) => (r.best ? link(`/models/${r.best.modelId}`, shortId(r.best.modelId)) : null) },
        { label: 'Started', value: (r) => when(r.createdAt) },
      ],
      list,
      { empty: 'No tuning runs yet: start one below.', class: 'tune-runs' },
    ),
  );
}
