// Reproducibility: the receipt as a definition list with the Replay button, and the resolved spec (collapsed).
import * as api from '../../api.js';
import { h, fill, card, num, link, problem, shortId } from '../../ui.js';
import { definitions, may, modelPath, present } from './common.js';

export function receiptCard(model, caller, navigate) {
  const r = model.receipt;
  const status = h('div', { id: 'replay-status' });
  const replay = may(caller, 'trainer')
    ? h(
        'button',
        {
          type: 'button',
          id: 'replay',
          onclick: async (event) => {
            const button = event.currentTarget;
            button.disabled = true;
            fill(status, h('p', { class: 'muted' }, 'Queuing the replay…'));
            try {
              const job = await api.post(modelPath(model, '/replay'));
              navigate(`/jobs/${encodeURIComponent(job.id)}`);
            } catch (e) {
              button.disabled = false;
              fill(status, problem(e));
            }
          },
        },
        'Replay',
      )
    : null;
  const hash = (v) => (v ? h('code', { class: 'hash', title: v }, v) : null);
  const content = r
    ? definitions(
        [
          ['Seed', num(r.seed)],
          ['Split', `${num(r.trainRows)} train · ${num(r.validationRows)} validation · ${num(r.testRows)} test rows`],
          ['Split SHA-256', hash(r.splitSha256)],
          ['Dataset SHA-256', hash(r.datasetSha256)],
          ['Neurona', r.neuronaVersion],
          ['DJL', r.djlVersion],
          ['PyTorch', r.pytorchVersion],
          ['Device', r.device],
          ['Threads', present(r.threads) ? num(r.threads) : null],
          ['Wall time', present(r.wallTimeMs) ? seconds(r.wallTimeMs) : null],
          ['Replay of', r.replayOf ? link(`/models/${encodeURIComponent(r.replayOf)}`, shortId(r.replayOf)) : null],
          [
            'Replay matches',
            present(r.replayMatches)
              ? h('span', { class: `badge ${r.replayMatches ? 'succeeded' : 'failed'}` }, r.replayMatches ? 'identical test metrics' : 'the metrics differ')
              : null,
          ],
        ],
        { id: 'model-receipt' },
      )
    : h('p', { class: 'muted', id: 'model-receipt' }, 'This model was stored before receipts existed.');
  return card(
    'Reproducibility receipt',
    h('p', { class: 'hint' }, 'What it takes to train this model again and expect the same numbers. Replay trains its resolved spec, seed included, on the same dataset; the new model’s receipt says whether its test metrics came out identical.'),
    content,
    replay ? h('div', { class: 'row' }, replay) : null,
    status,
  );
}

function seconds(ms) {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} s`;
}

/** The resolved spec and the preprocessing, folded away: they are long and most visits do not need them. */
export function specCard(model) {
  const fold = (id, title, value) =>
    value
      ? h('details', { class: 'fold', id }, h('summary', {}, title), h('pre', { class: 'json' }, JSON.stringify(value, null, 2)))
      : null;
  return card(
    'Spec',
    fold('model-spec', 'Resolved spec (the network as trained, defaults filled in)', model.spec),
    fold('model-preprocessing', 'Preprocessing (fitted on the training split)', model.preprocessing),
    model.artifacts && Object.keys(model.artifacts).length
      ? fold('model-artifacts', 'Stored files and their SHA-256', model.artifacts)
      : null,
  );
}
