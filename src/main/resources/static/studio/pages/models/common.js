// Small helpers the model page's parts share.
import { h } from '../../ui.js';

const RANK = { predictor: 1, trainer: 2, admin: 3 };

/** Whether the signed-in key's role includes `role` (admin ⊃ trainer ⊃ predictor; no keys at all: everything). */
export function may(caller, role) {
  if (!caller || caller.securityEnabled === false) return true;
  return (RANK[caller.role] || 0) >= RANK[role];
}

/** The API path of a model: always by id once it is loaded, so a moving alias cannot mix two models on one page. */
export function modelPath(model, tail = '') {
  return `/api/v1/models/${encodeURIComponent(model.id)}${tail}`;
}

/** A definition list from [term, value] pairs; pairs whose value is null or undefined are left out. */
export function definitions(pairs, attrs = {}) {
  return h(
    'dl',
    { class: 'facts', ...attrs },
    pairs
      .filter(([, value]) => value !== null && value !== undefined && value !== '')
      .map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
  );
}

export function present(value) {
  return value !== null && value !== undefined;
}
