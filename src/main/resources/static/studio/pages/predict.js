// Predict: one model, asked as a person would ask it. A table model gets a form generated from the model's own
// OpenAPI document (one input per column, prefilled with an example row from its training statistics); an image
// model gets a drawing pad that predicts while you draw, and a picture upload.
import * as api from '../api.js';
import { h, fill, header, problem, loading, link, num, percent } from '../ui.js';
import { tableForm } from './predict/table.js';
import { imagePredictor } from './predict/image.js';

export async function render(main, params) {
  const ref = params.ref;
  const path = `/api/v1/models/${encodeRef(ref)}`;
  const controller = new AbortController();
  fill(main, header('Predict'), loading('Loading the model…'));
  let model;
  try {
    model = await api.get(path, { signal: controller.signal });
  } catch (e) {
    fill(main, header('Predict'), problem(e), h('p', {}, link('/models', 'All models')));
    return undefined;
  }
  const context = { ref, path, model, signal: controller.signal };
  const image = model.preprocessing && model.preprocessing.kind === 'image';
  fill(main, header(`Predict with ${title(model)}`, link(`/models/${encodeRef(ref)}`, 'Model details')), summary(model));
  const body = h('div', { class: 'predict-body' });
  main.append(body);
  const view = image ? imagePredictor(body, context) : await tableForm(body, context);
  return () => {
    controller.abort();
    if (view && view.destroy) view.destroy();
  };
}

/** A reference in a URL path: an id, a name or name@alias (the @ kept as it is, as people write it). */
function encodeRef(ref) {
  return encodeURIComponent(ref).replace(/%40/g, '@');
}

// the registered name, as the model page and the answers say; `name` is the dataset's
function title(model) {
  if (model.registeredName) return `${model.registeredName} v${model.version}`;
  if (model.name) return model.name;
  return `model ${String(model.id).slice(0, 8)}`;
}

/** One line on what the model is: task, classes or target, and how well it did on its test split. */
function summary(model) {
  const p = model.preprocessing || {};
  const parts = [];
  const m = model.metrics || {};
  if (model.spec && model.spec.task === 'reconstruction') {
    // an autoencoder: it gives its input back and scores how far off that is
    const what = p.kind === 'image' ? 'pictures' : `${(p.features || []).length} columns`;
    parts.push(`Autoencoder of ${what}`);
    if (m.reconstruction) parts.push(`anomaly above a score of ${num(m.reconstruction.threshold)}`);
    return h('p', { class: 'lead predict-summary' }, `${parts.join(' · ')}.`);
  }
  if (p.kind === 'image') {
    const [c, height, width] = p.inputShape || [];
    parts.push(`Image classifier, ${width}×${height} ${c === 1 ? 'grey' : 'colour'}`);
  } else if (/regression/i.test(String(model.task || p.task || ''))) {
    parts.push(`Regression of ${p.label || 'the target'} from ${(p.features || []).length} columns`);
  } else {
    parts.push(`Classifier of ${p.label || 'the label'} from ${(p.features || []).length} columns`);
  }
  if (Array.isArray(p.classes) && p.classes.length) {
    parts.push(`${p.classes.length} classes`);
  }
  if (typeof m.accuracy === 'number') parts.push(`test accuracy ${percent(m.accuracy)}`);
  else if (typeof m.rmse === 'number') parts.push(`test RMSE ${num(m.rmse)}`);
  return h('p', { class: 'lead predict-summary' }, `${parts.join(' · ')}.`);
}
