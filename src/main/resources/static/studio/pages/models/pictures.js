// The pictures the service draws beyond the curves: an autoencoder's reconstructions, a physics-informed net's
// φ(x, t) beside the exact solution, and any layer's representation of the test set projected to 2-D (the course's
// picture: every hidden layer is a representation). Each is a PNG fetched with the key; its URL is revoked when the
// picture is replaced or the page goes.
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

/** Layers a person may project: each spec layer by its name, else by its index. */
function layerChoices(spec) {
  return (spec.layers || []).map((layer, index) => ({
    value: layer.name || String(index),
    label: `${index}: ${layer.name ? `${layer.name} (${layer.type})` : layer.type}`,
  }));
}

/** Any layer's test-set activations, projected to 2-D by PCA and coloured by class. */
export function representationsCard(model) {
  const spec = model.spec || {};
  const choices = layerChoices(spec);
  if (!choices.length || spec.physics) return null;
  const slot = pictureSlot('model-representations', 'Test rows projected to two dimensions');
  // the last hidden layer is the usual picture: the layer before the output
  const initial = choices[Math.max(0, choices.length - 2)].value;
  const select = h(
    'select',
    { id: 'representation-layer', 'aria-label': 'Layer' },
    choices.map((c) => h('option', { value: c.value, selected: c.value === initial }, c.label)),
  );
  const show = () =>
    slot.load(
      modelPath(model, `/charts/representations.png?layer=${encodeURIComponent(select.value)}&method=pca`),
      `Test rows as layer ${select.value} sees them, projected to two dimensions by PCA`,
    );
  select.addEventListener('change', show);
  show();
  return {
    element: card(
      'Representations',
      h('p', { class: 'hint' }, 'Every hidden layer is a representation of the input: its activations on test rows, projected to the plane by PCA, coloured by true class.'),
      h('label', { class: 'inline', for: 'representation-layer' }, 'Layer ', select),
      slot.body,
    ),
    cleanup: slot.cleanup,
  };
}
