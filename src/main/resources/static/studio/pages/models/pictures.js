// The pictures the service draws beyond the curves for the course's second half: an autoencoder's reconstructions
// and a physics-informed net's φ(x, t) beside the exact solution (representations.js draws any layer's map). Each is
// a PNG fetched with the key; its URL is revoked when the picture is replaced or the page goes.
import * as api from '../../api.js';
import { h, card, fill, loading, problem } from '../../ui.js';
import { modelPath } from './common.js';

/** One <img> slot that loads a PNG path and keeps at most one object URL alive. */
function pictureSlot(id, alt) {
  const body = h('div', { id, class: 'picture' });
  let url = null;
  let gone = false;
  let request = 0;
  return {
    body,
    async load(path, altText = alt) {
      const mine = ++request;
      fill(body, loading('Drawing…'));
      try {
        const next = await api.imageUrl(path);
        if (gone || mine !== request) {
          URL.revokeObjectURL(next);
          return;
        }
        if (url) URL.revokeObjectURL(url);
        url = next;
        fill(body, h('img', { class: 'report-png', src: url, alt: altText }));
      } catch (e) {
        if (!gone && mine === request) fill(body, problem(e));
      }
    },
    cleanup() {
      gone = true;
      if (url) URL.revokeObjectURL(url);
    },
  };
}

/** The reconstruction card of an autoencoder (task reconstruction), or null for other models. */
export function reconstructionCard(model) {
  const spec = model.spec || {};
  if (spec.task !== 'reconstruction') return null;
  const slot = pictureSlot('model-reconstructions', 'Test inputs and their reconstructions');
  slot.load(modelPath(model, '/charts/reconstructions.png'));
  return {
    element: card(
      'Reconstructions',
      h('p', { class: 'hint' }, 'Test inputs and what the autoencoder makes of them after the bottleneck; a row’s reconstruction error is its anomaly score.'),
      slot.body,
    ),
    cleanup: slot.cleanup,
  };
}

/** The heat map of a physics-informed model: the learnt φ(x, t), the exact solution and the error. */
export function physicsCard(model) {
  const spec = model.spec || {};
  if (!spec.physics) return null;
  const slot = pictureSlot('model-physics', 'The learnt φ(x, t) beside the exact solution and the absolute error');
  slot.load(modelPath(model, '/charts/physics.png'));
  return {
    element: card(
      'Solution φ(x, t)',
      h('p', { class: 'hint' }, 'Left: what the network learnt from the equation alone; middle: the exact solution sin(2π(x − t)); right: the absolute error on the grid.'),
      slot.body,
    ),
    cleanup: slot.cleanup,
  };
}
