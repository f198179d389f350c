// What the job list and the job page share: state badges, progress in words, dataset names.
import * as api from '../../api.js';
import { h } from '../../ui.js';

export const ACTIVE = new Set(['QUEUED', 'RUNNING']);

export function isActive(state) {
  return ACTIVE.has(state);
}

const STATE_WORDS = {
  QUEUED: 'Queued',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

/** The state as a badge; the class carries the state so the colours follow it. */
export function badge(state) {
  return h('span', { class: `badge job-state ${state}`, dataset: { state } }, STATE_WORDS[state] || state);
}

/** Seconds left as a person says it: "about 3 minutes left". */
export function etaWords(seconds) {
  if (seconds === null || seconds === undefined) return 'estimating time left…';
  if (seconds < 5) return 'a few seconds left';
  if (seconds < 60) return `about ${Math.round(seconds / 5) * 5} seconds left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? 'about a minute left' : `about ${minutes} minutes left`;
  const hours = Math.floor(seconds / 3600);
  const rest = Math.round((seconds - hours * 3600) / 60);
  const hourText = hours === 1 ? '1 hour' : `${hours} hours`;
  return rest ? `about ${hourText} ${rest} min left` : `about ${hourText} left`;
}

/** "next to start" for position 1, "3rd in the queue" otherwise. */
export function queueWords(position) {
  if (!position) return 'waiting in the queue';
  if (position === 1) return 'next to start';
  return `${ordinal(position)} in the queue`;
}

function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th'}`;
}

/** Dataset id → name for the datasets the key may see; an empty map when it may not list them. */
export async function datasetNames(signal) {
  try {
    const datasets = await api.get('/api/v1/datasets?limit=1000', { signal });
    return new Map(datasets.map((d) => [d.id, d.name]));
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    return new Map(); // names are a courtesy: the ids still link
  }
}
