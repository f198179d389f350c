// Every hidden layer is a representation: the model's test rows as one layer sees them, projected to 2-D by PCA and
// drawn by the service (GET …/charts/representations.png), coloured by true class. Pick a layer, or the input itself.
import * as api from '../../api.js';
import { h, fill, card, loading, problem } from '../../ui.js';
import { modelPath } from './common.js';

/** The card, or null for models without stored test predictions (regression, no test split). */
export function representationsCard(model) {
  const matrix = model.metrics && model.metrics.confusionMatrix;
  const layers = (model.spec && model.spec.layers) || [];
  if (!matrix || layers.length === 0) return { element: null, cleanup() {} };
  const picture = h('div', { id: 'representations-picture', 'aria-live': 'polite' });
  const options = [h('option', { value: 'input' }, 'input (the preprocessed pixels or columns)')];
  layers.forEach((layer, i) => {
    const label = `${i}: ${layer.name ? `${layer.name} ` : ''}(${layer.type}${layer.units ? ` ${layer.units}` : ''})`;
    options.push(h('option', { value: layer.name || String(i) }, label));
  });
  const select = h('select', { id: 'representations-layer', 'aria-label': 'Layer' }, ...options);
  // the last hidden layer is the usual question: how the network arranged the classes just before deciding
  select.value = layers.length >= 2 ? layers[layers.length - 2].name || String(layers.length - 2) : 'input';
  let imageUrl = null;
  let controller = null;
  let gone = false;

  const show = async () => {
    if (controller) controller.abort();
    controller = new AbortController();
    const signal = controller.signal;
    fill(picture, loading('Projecting the test rows…'));
    try {
      const url = await api.imageUrl(
        modelPath(model, `/charts/representations.png?layer=${encodeURIComponent(select.value)}&width=800&height=640`),
        { signal },
      );
      if (gone || signal.aborted) {
        URL.revokeObjectURL(url);
        return;
      }
      if (imageUrl) URL.revokeObjectURL(imageUrl);
      imageUrl = url;
      fill(picture, h('img', { class: 'curves-png', src: url, alt: `Test rows in the PCA plane of layer ${select.value}, coloured by true class` }));
    } catch (e) {
      if (gone || (e && e.name === 'AbortError')) return;
      fill(picture, problem(e));
    }
  };
  select.addEventListener('change', show);
  show();

  const element = card(
    'Representations',
    h('p', { class: 'hint' }, 'The test rows as one layer sees them, on their first two principal components. Classes that separate here are easy for the layers after it.'),
    h('label', {}, 'Layer ', select),
    picture,
  );
  return {
    element,
    cleanup() {
      gone = true;
      if (controller) controller.abort();
      if (imageUrl) URL.revokeObjectURL(imageUrl);
    },
  };
}
