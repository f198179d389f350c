// What a prediction answered, shown the same way for rows, drawings and pictures: the label large, then one
// horizontal bar per class (best first), so the runner-up and the model's doubt are visible at a glance.
import { h, num, percent } from '../../ui.js';

/**
 * The answer for one input: prediction is an entry of the response's `predictions`; options.labelName names
 * what is predicted (the label column), options.target what a regression predicts.
 */
export function answer(prediction, options = {}) {
  const out = h('div', { class: 'predict-answer' });
  if (prediction.reconstruction !== undefined && prediction.reconstruction !== null) {
    out.append(...reconstruction(prediction));
    return out;
  }
  if (prediction.label !== undefined && prediction.label !== null) {
    out.append(
      h(
        'p',
        { class: 'predict-label' },
        h('span', { class: 'muted' }, options.labelName ? `${options.labelName}: ` : 'Predicted: '),
        h('strong', { class: 'predict-top', 'data-label': prediction.label }, prediction.label),
      ),
    );
  } else if (typeof prediction.value === 'number') {
    out.append(
      h(
        'p',
        { class: 'predict-label' },
        h('span', { class: 'muted' }, options.target ? `${options.target}: ` : 'Predicted value: '),
        h('strong', { class: 'predict-top predict-value' }, num(prediction.value, 6)),
      ),
    );
    return out;
  }
  const ranked = rank(prediction, options.preferTop);
  if (ranked.length) out.append(bars(ranked));
  else if (typeof prediction.value === 'number') {
    // hinge and perceptron classifiers answer a margin score instead of probabilities
    out.append(h('p', { class: 'muted' }, `Score ${num(prediction.value, 4)} (a margin, not a probability).`));
  }
  return out;
}

/** The classes best first: every class from `probabilities`, or the best k from `top` (image models). */
function rank(prediction, preferTop) {
  if (preferTop && Array.isArray(prediction.top) && prediction.top.length) return prediction.top;
  if (prediction.probabilities && typeof prediction.probabilities === 'object') {
    return Object.entries(prediction.probabilities)
      .map(([label, probability]) => ({ label, probability }))
      .sort((a, b) => b.probability - a.probability);
  }
  return Array.isArray(prediction.top) ? prediction.top : [];
}

/** Horizontal bars, one per {label, probability}, the first marked as the answer. */
export function bars(ranked) {
  return h(
    'ol',
    { class: 'prob-bars', 'aria-label': 'Probability of each class' },
    ranked.map((entry, i) =>
      h(
        'li',
        { class: i === 0 ? 'prob first' : 'prob', dataset: { label: entry.label } },
        h('span', { class: 'prob-label', title: entry.label }, entry.label),
        h(
          'span',
          { class: 'prob-track', 'aria-hidden': 'true' },
          h('span', { class: 'prob-fill', style: { width: `${Math.max(0, Math.min(1, entry.probability)) * 100}%` } }),
        ),
        h('span', { class: 'prob-value' }, share(entry.probability)),
      ),
    ),
  );
}

/** A probability for people: a tiny one is "< 0.1 %" rather than a flat 0.0 %. */
function share(p) {
  if (typeof p !== 'number') return '—';
  if (p > 0 && p < 0.0005) return '< 0.1 %';
  return percent(p);
}

/** The answer's notes (a cell handled instead of refused), as a list. */
export function notes(list) {
  if (!Array.isArray(list) || list.length === 0) return null;
  return h(
    'div',
    { class: 'predict-notes' },
    h('h3', {}, 'Notes'),
    h('ul', {}, list.map((n) => h('li', {}, h('code', {}, n.field), ': ', n.reason))),
  );
}

/** Which model answered: an alias may have moved since the page loaded. */
export function answeredBy(response) {
  if (!response) return null;
  const who = response.registeredName
    ? `${response.registeredName} v${response.version}`
    : `model ${String(response.modelId).slice(0, 8)}`;
  return h('p', { class: 'hint predict-who' }, `Answered by ${who}.`);
}

/**
 * An autoencoder's answer: what it gave back (a picture, or the row's values in their own units), its anomaly
 * score against the model's threshold, and the bottleneck code.
 */
function reconstruction(prediction) {
  const r = prediction.reconstruction;
  const given =
    typeof r === 'string'
      ? h('img', { class: 'predict-reconstruction', src: `data:image/png;base64,${r}`, alt: 'The reconstruction', width: 112, height: 112 })
      : h(
          'dl',
          { class: 'facts predict-reconstruction' },
          Object.entries(r).map(([column, value]) => h('div', {}, h('dt', {}, column), h('dd', {}, typeof value === 'number' ? num(value, 5) : String(value)))),
        );
  const code = Array.isArray(prediction.code) ? prediction.code : [];
  return [
    h(
      'p',
      { class: 'predict-label' },
      h('span', { class: 'muted' }, 'Anomaly score: '),
      h('strong', { class: 'predict-top predict-score' }, num(prediction.score, 4)),
      ' ',
      h('span', { class: prediction.anomaly ? 'badge danger' : 'badge' }, prediction.anomaly ? 'anomaly' : 'usual'),
    ),
    h('p', { class: 'hint' }, 'The reconstruction error: how badly the autoencoder gives this input back. Above the model’s threshold it is called an anomaly.'),
    h('h3', {}, 'Reconstruction'),
    given,
    code.length ? h('p', { class: 'hint predict-code' }, `Code (${code.length} values): ${code.map((v) => num(v, 3)).join(', ')}`) : null,
  ];
}
