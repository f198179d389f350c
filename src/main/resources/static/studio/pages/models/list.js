// #/models: every trained model, newest first, with the registered name and version it is, and how well it did.
import * as api from '../../api.js';
import { h, fill, header, table, link, problem, loading, when, shortId, percent, num } from '../../ui.js';

export async function list(main) {
  const body = h('div', { id: 'models-list' }, loading('Loading models…'));
  main.append(
    header('Models'),
    h('p', { class: 'lead' }, 'Every trained model, newest first. Open one to see its test metrics, its mistakes and how it learned.'),
    body,
  );
  let models;
  let registered;
  try {
    [models, registered] = await Promise.all([
      api.get('/api/v1/models?limit=1000'),
      // the aliases are a courtesy: the list stands without them
      api.get('/api/v1/registered-models?limit=1000').catch(() => []),
    ]);
  } catch (e) {
    fill(body, problem(e));
    return undefined;
  }
  const aliases = aliasesByVersion(registered);
  if (models.length === 0) {
    fill(
      body,
      h('p', { class: 'muted' }, 'No models yet. ', link('/design', 'Design a network'), ' and train it; its model shows up here.'),
    );
    return undefined;
  }
  fill(
    body,
    table(
      [
        {
          label: 'Model',
          value: (m) =>
            link(
              `/models/${encodeURIComponent(m.id)}`,
              m.registeredName ? m.registeredName : m.name || shortId(m.id),
            ),
        },
        {
          label: 'Version',
          value: (m) => (m.version ? versionLabel(m, aliases) : null),
        },
        { label: 'Task', value: (m) => m.task },
        { label: 'Test score', class: 'num', value: (m) => score(m) },
        { label: 'Test rows', class: 'num', value: (m) => (m.metrics ? num(m.metrics.testRows) : null) },
        { label: 'Created', value: (m) => when(m.createdAt) },
        { label: 'Id', value: (m) => h('code', { title: m.id }, shortId(m.id)) },
      ],
      models,
      { class: 'models-table' },
    ),
  );
  return undefined;
}

/** "name@version" → the aliases pointing at it, from the registered models list. */
export function aliasesByVersion(registered) {
  const byVersion = new Map();
  for (const r of registered || []) {
    for (const [alias, version] of Object.entries(r.aliases || {})) {
      const key = `${r.name}@${version}`;
      if (!byVersion.has(key)) byVersion.set(key, []);
      byVersion.get(key).push(alias);
    }
  }
  return byVersion;
}

function versionLabel(m, aliases) {
  const names = aliases.get(`${m.registeredName}@${m.version}`) || [];
  return h(
    'span',
    { class: 'version' },
    `v${m.version}`,
    names.map((a) => [' ', h('span', { class: 'badge alias' }, `@${a}`)]),
  );
}

/** Accuracy for a classifier, RMSE for a regression model: the one number people compare. */
export function score(m) {
  const metrics = m.metrics;
  if (!metrics) return null;
  if (metrics.accuracy !== null && metrics.accuracy !== undefined) return `accuracy ${percent(metrics.accuracy)}`;
  if (metrics.rmse !== null && metrics.rmse !== undefined) return `RMSE ${num(metrics.rmse)}`;
  return null;
}
