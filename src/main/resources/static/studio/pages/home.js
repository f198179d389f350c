// Start here: the course's path through the Studio, and what this service holds.
import * as api from '../api.js';
import { h, card, link, num } from '../ui.js';

const steps = [
  ['/datasets', 'Data', 'Upload a CSV, MNIST IDX files, Quick, Draw! doodles or a ZIP of pictures, or import one from the catalog.'],
  ['/design', 'Design', 'Build a network layer by layer, or as JSON; every change is checked against the dataset.'],
  ['/jobs', 'Train', 'Watch the loss and accuracy curves grow epoch by epoch; cancel at any time.'],
  ['/models', 'Inspect', 'Test metrics, the confusion matrix and its mistakes, the learning-curve diagnosis.'],
  ['/models', 'Predict', 'Fill in a row, or draw a digit or a doodle and see the network answer as you draw.'],
  ['/tune', 'Tune', 'Search learning rates, widths and more; watch the leaderboard fill.'],
];

export async function render(main) {
  const counts = h('p', { class: 'muted', id: 'counts' }, '');
  main.append(
    h('div', { class: 'page-header' }, h('h1', {}, 'Neurona Studio')),
    h('p', { class: 'lead' }, 'Train small neural networks and see them learn — the deep-learning course, in the browser.'),
    h(
      'ol',
      { class: 'steps' },
      steps.map(([path, title, text]) => h('li', {}, h('h2', {}, link(path, title)), h('p', {}, text))),
    ),
    counts,
  );
  try {
    const [datasets, models, jobs] = await Promise.all([
      api.get('/api/v1/datasets?limit=1000').catch(() => null),
      api.get('/api/v1/models?limit=1000').catch(() => null),
      api.get('/api/v1/jobs?limit=1000').catch(() => null),
    ]);
    const parts = [];
    if (datasets) parts.push(`${num(datasets.length)} datasets`);
    if (jobs) parts.push(`${num(jobs.filter((j) => j.state === 'RUNNING' || j.state === 'QUEUED').length)} jobs queued or running`);
    if (models) parts.push(`${num(models.length)} models`);
    counts.textContent = parts.length ? `This service holds ${parts.join(', ')}.` : '';
  } catch (ignored) {
    // the counts are a courtesy
  }
  return undefined;
}
