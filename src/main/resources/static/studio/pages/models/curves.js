// How the model learned: the diagnosis in words, and the learning curves drawn from its job's per-epoch history
// (GET /api/v1/jobs/{jobId}). Keys that may not read jobs (predictor), and imported models whose job is elsewhere,
// get the service's own PNG of the curves instead, or a plain sentence.
import * as api from '../../api.js';
import { h, fill, card, chart, palette, loading, problem } from '../../ui.js';
import { may, modelPath } from './common.js';

const KIND_LABELS = {
  converged: 'Converged',
  not_converged: 'Not converged',
  early_stopped: 'Early stopped',
  overfitting: 'Overfitting',
  learning_rate_too_high: 'Learning rate too high',
  diverging: 'Diverging',
  underfitting: 'Underfitting',
  dead_relu: 'Dead ReLU units',
  replay_matches: 'Replay matches',
  replay_differs: 'Replay differs',
  record_unreadable: 'Record unreadable',
};

const WARNINGS = new Set(['not_converged', 'overfitting', 'learning_rate_too_high', 'diverging', 'underfitting', 'dead_relu', 'replay_differs', 'record_unreadable']);

export function diagnosisCard(model) {
  const findings = model.diagnosis || [];
  return card(
    'Diagnosis',
    findings.length === 0
      ? h('p', { class: 'muted', id: 'model-diagnosis' }, 'Nothing to remark: no overfitting, divergence, underfitting or dead units were found in the learning curves.')
      : h(
          'ul',
          { class: 'findings', id: 'model-diagnosis' },
          findings.map((f) =>
            h(
              'li',
              { class: WARNINGS.has(f.kind) ? 'warn' : 'fine', dataset: { kind: f.kind } },
              // most messages already open with their kind ("overfitting: …"); a heading would say it twice
              saysItsKind(f) ? null : h('strong', {}, KIND_LABELS[f.kind] || f.kind),
              h('span', { class: 'finding-text' }, f.message),
              f.epoch ? h('span', { class: 'finding-epoch' }, `epoch ${f.epoch}`) : null,
            ),
          ),
        ),
  );
}

function saysItsKind(f) {
  const message = String(f.message || '').toLowerCase();
  return message.startsWith(`${String(f.kind).replace(/_/g, ' ')}:`);
}

/** The curves card; answers {element, cleanup} (the charts are destroyed and the image URL revoked on cleanup). */
export function curvesCard(model, caller) {
  const body = h('div', { id: 'model-curves' }, loading('Loading the training history…'));
  const charts = [];
  let imageUrl = null;
  let gone = false;
  const element = card('Learning curves', body);

  (async () => {
    let history = null;
    if (model.jobId && may(caller, 'trainer')) {
      try {
        const job = await api.get(`/api/v1/jobs/${encodeURIComponent(model.jobId)}`);
        history = job.history || [];
      } catch (e) {
        if (e.status !== 404 && e.status !== 403) {
          if (!gone) fill(body, problem(e));
          return;
        }
      }
    }
    if (gone) return;
    if (history && history.length) {
      body.replaceChildren();
      draw(body, model, history, charts);
      return;
    }
    try {
      imageUrl = await api.imageUrl(modelPath(model, '/charts/loss.png?width=900&height=640'));
      if (gone) {
        URL.revokeObjectURL(imageUrl);
        return;
      }
      fill(body, h('img', { class: 'curves-png', src: imageUrl, alt: 'Training and validation loss per epoch, and accuracy or MAE' }));
    } catch (e) {
      if (gone) return;
      fill(body, e.status === 404 ? h('p', { class: 'muted' }, 'No training history is recorded for this model (an imported model’s job ran elsewhere).') : problem(e));
    }
  })();

  return {
    element,
    cleanup() {
      gone = true;
      for (const c of charts) c.destroy();
      if (imageUrl) URL.revokeObjectURL(imageUrl);
    },
  };
}

function draw(body, model, history, charts) {
  const colours = palette();
  const epochs = history.map((e) => e.epoch);
  const hasVal = history.some((e) => e.valLoss !== null && e.valLoss !== undefined);
  const line = (label, values, colour, dashed) => ({
    label,
    data: values,
    borderColor: colour,
    backgroundColor: colour,
    borderDash: dashed ? [6, 4] : undefined,
    pointRadius: history.length > 40 ? 0 : 2,
    borderWidth: 2,
    spanGaps: true,
  });
  const options = (y) => ({
    interaction: { mode: 'index', intersect: false },
    scales: { x: { title: { display: true, text: 'epoch' } }, y: { title: { display: true, text: y } } },
  });
  const lossBox = h('div', { class: 'curve' }, h('h3', {}, 'Loss'));
  body.append(lossBox);
  const lossSets = [line('training loss', history.map((e) => e.loss), colours[0])];
  if (hasVal) lossSets.push(line('validation loss', history.map((e) => e.valLoss), colours[1], true));
  charts.push(chart(lossBox, { type: 'line', data: { labels: epochs, datasets: lossSets }, options: options('loss'), label: 'Training and validation loss per epoch' }));

  const regression = model.task === 'regression';
  const key = regression ? 'mae' : 'accuracy';
  const valKey = regression ? 'valMae' : 'valAccuracy';
  if (!history.some((e) => e[key] !== null && e[key] !== undefined)) return;
  const title = regression ? 'MAE (target units)' : 'Accuracy';
  const box = h('div', { class: 'curve' }, h('h3', {}, title));
  body.append(box);
  const sets = [line(`training ${regression ? 'MAE' : 'accuracy'}`, history.map((e) => e[key]), colours[2])];
  if (history.some((e) => e[valKey] !== null && e[valKey] !== undefined)) {
    sets.push(line(`validation ${regression ? 'MAE' : 'accuracy'}`, history.map((e) => e[valKey]), colours[3], true));
  }
  charts.push(chart(box, { type: 'line', data: { labels: epochs, datasets: sets }, options: options(regression ? 'MAE' : 'accuracy'), label: `${title} per epoch, training and validation` }));
}
