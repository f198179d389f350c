// The test metrics as tiles, and scikit-learn's classification report as a table.
import { h, card, num, percent, table } from '../../ui.js';
import { present } from './common.js';

/**
 * The headline numbers: accuracy, loss, top-k, ROC AUC for a classifier; MSE, RMSE, MAE, R² (and the largest error
 * of a physics-informed net) for regression; reconstruction errors and the anomaly threshold for an autoencoder.
 */
export function metricsCard(model) {
  const m = model.metrics;
  if (!m) return card('Test metrics', h('p', { class: 'muted' }, 'This model has no test metrics.'));
  const tiles = [];
  const tile = (label, value, help) =>
    present(value) && tiles.push(h('div', { class: 'metric', title: help }, h('span', { class: 'metric-label' }, label), h('span', { class: 'metric-value' }, value)));
  const r = m.reconstruction;
  if (r) {
    // an autoencoder: errors over every value it gives back, and the anomaly score's threshold
    tile('MSE', present(m.mse) ? num(m.mse) : null, 'mean squared reconstruction error over every test value');
    tile('Baseline MSE', present(r.baselineMse) ? num(r.baselineMse) : null, 'the test MSE of always answering the training split’s mean input: the number to beat');
    tile('Median score', present(r.scoreP50) ? num(r.scoreP50) : null, `a row’s reconstruction error (${r.measure}); 95th percentile ${num(r.scoreP95)}`);
    tile('Anomaly threshold', present(r.threshold) ? num(r.threshold) : null, 'the 99th percentile of the training rows’ scores; a row above it is an anomaly');
    tile('Test anomalies', num(r.testAnomalies), 'test rows scoring above the threshold');
  } else if (model.task === 'regression') {
    tile('RMSE', present(m.rmse) ? num(m.rmse) : null, 'root mean squared error, in the target’s units');
    tile('MAE', present(m.mae) ? num(m.mae) : null, 'mean absolute error, in the target’s units');
    tile('MSE', present(m.mse) ? num(m.mse) : null, 'mean squared error, in the target’s units');
    tile('R²', present(m.r2) ? num(m.r2) : null, '1 − SSres/SStot: 1 is perfect, 0 no better than the mean');
    tile('Max |error|', present(m.maxAbsError) ? num(m.maxAbsError) : null, 'the largest absolute error over the evaluation grid (physics-informed models)');
  } else {
    tile('Accuracy', present(m.accuracy) ? percent(m.accuracy) : null, 'share of test rows whose most probable class is the true one');
    tile('Top-3 accuracy', present(m.top3Accuracy) ? percent(m.top3Accuracy) : null, 'the true class among the 3 most probable');
    tile('Top-5 accuracy', present(m.top5Accuracy) ? percent(m.top5Accuracy) : null, 'the true class among the 5 most probable');
    tile('ROC AUC', present(m.rocAuc) ? num(m.rocAuc, 3) : null, 'area under the ROC curve of the second class’s probability');
  }
  tile('Loss', present(m.loss) ? num(m.loss) : null, model.task === 'regression' ? 'mean test loss, on the standardised target' : 'mean test loss');
  tile('Test rows', num(m.testRows), 'rows in the test split');
  return card('Test metrics', h('div', { class: 'metrics', id: 'model-metrics' }, tiles));
}

/** Per class precision, recall, F1 and support, then the macro and weighted averages. */
export function reportCard(model) {
  const m = model.metrics;
  if (!m || !m.perClass || m.perClass.length === 0) return null;
  const score = (v) => (present(v) ? num(v, 3) : null);
  const rows = [
    ...m.perClass.map((c) => ({ ...c, kind: 'class' })),
    m.macroAvg && { ...m.macroAvg, label: 'macro average', kind: 'avg' },
    m.weightedAvg && { ...m.weightedAvg, label: 'weighted average', kind: 'avg' },
  ].filter(Boolean);
  return card(
    'Classification report',
    h('p', { class: 'hint' }, 'Precision: of the rows predicted as the class, the share that are. Recall: of the class’s rows, the share found. F1 weighs both. Support: its test rows.'),
    h(
      'div',
      { id: 'model-report' },
      table(
        [
          { label: 'Class', value: (r) => (r.kind === 'avg' ? h('em', {}, r.label) : r.label) },
          { label: 'Precision', class: 'num', value: (r) => score(r.precision) },
          { label: 'Recall', class: 'num', value: (r) => score(r.recall) },
          { label: 'F1', class: 'num', value: (r) => score(r.f1) },
          { label: 'Support', class: 'num', value: (r) => num(r.support) },
        ],
        rows,
        { class: 'report', rowAttrs: (r) => (r.kind === 'avg' ? { class: 'average' } : {}) },
      ),
    ),
  );
}
