// What both Tune pages show the same way: states, parameters, objectives.
import { h, num } from '../../ui.js';

export function badge(state) {
  return h('span', { class: `badge ${state || ''}` }, state || '—');
}

/** A trial's values, one `path = value` per line, so a long path wraps by itself and not the table. */
export function params(values) {
  const entries = Object.entries(values || {});
  if (entries.length === 0) return '—';
  return h(
    'ul',
    { class: 'tune-params' },
    entries.map(([path, value]) => h('li', {}, h('code', {}, path), ' = ', h('strong', {}, value_(value)))),
  );
}

function value_(value) {
  return typeof value === 'number' ? num(value, 4) : String(value);
}

export function objective(value) {
  return value === null || value === undefined ? '—' : num(value, 4);
}

/** "val_accuracy (max)" from the run's {metric, direction}. */
export function objectiveName(o) {
  if (!o) return '—';
  return `${o.metric}${o.direction ? ` (${o.direction === 'max' ? 'higher' : 'lower'} is better)` : ''}`;
}

export function maximize(run) {
  return !run.objective || run.objective.direction !== 'min';
}
