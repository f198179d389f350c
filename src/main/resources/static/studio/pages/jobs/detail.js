// #/jobs/:id: one job, live. The page draws the job as GET answers it, then follows its event stream (queued,
// progress, epoch, and one of succeeded/failed/cancelled, after which the server ends the stream). A stream the
// server ends early (its timeout) is opened again; one that breaks (network, too many subscribers) gives way to
// polling the job every few seconds. A job that has already ended is drawn from its history alone.
import * as api from '../../api.js';
import { h, fill, header, card, link, when, shortId, num, loading, showProblem, problem } from '../../ui.js';
import { badge, isActive, etaWords, queueWords } from './common.js';
import { Curves } from './curves.js';

const POLL_MS = 2000;

export async function detail(main, params) {
  const id = params.id;
  const path = `/api/v1/jobs/${encodeURIComponent(id)}`;
  const controller = new AbortController();
  const signal = controller.signal;
  let timer = null;
  let curves = null;

  main.append(loading('Loading the job…'));
  let job = await api.get(path, { signal });
  main.replaceChildren();

  const datasetName = h('span', {}, h('code', {}, shortId(job.datasetId)));
  const cancelButton = h('button', { type: 'button', class: 'danger', id: 'job-cancel', onclick: cancel }, 'Cancel job');
  const cancelStatus = h('div', { id: 'job-cancel-status', 'aria-live': 'polite' });
  const state = h('span', { id: 'job-state', 'aria-live': 'polite' });
  const live = h('span', { id: 'job-live', class: 'job-live muted' });
  const position = h('div', { id: 'job-position', class: 'job-queue' });
  const running = h('div', { id: 'job-running', class: 'job-running' });
  const outcome = h('div', { id: 'job-outcome', 'aria-live': 'polite' });
  const bars = {
    overallLabel: h('label', { for: 'job-overall' }),
    overall: h('progress', { id: 'job-overall', max: 100, value: 0 }),
    batchLabel: h('label', { for: 'job-batch' }),
    batch: h('progress', { id: 'job-batch' }),
    eta: h('p', { id: 'job-eta', class: 'job-eta' }),
    note: h('p', { class: 'muted', hidden: true }, 'Cancel requested: the job stops at its next batch.'),
  };
  const times = h('p', { class: 'muted job-times', id: 'job-times' });
  const charts = h('div', { class: 'grid job-curves' });
  const root = h(
    'div',
    { class: 'jobs-page job-detail', dataset: { job: id } },
    header(`Job ${shortId(id)}`, cancelButton),
    h(
      'p',
      { class: 'job-meta' },
      'Trains on ',
      link(`/datasets/${encodeURIComponent(job.datasetId)}`, datasetName),
      job.replayOf ? [' · replays model ', link(`/models/${encodeURIComponent(job.replayOf)}`, shortId(job.replayOf))] : null,
      ' · ',
      link('/jobs', 'All jobs'),
    ),
    card(null, h('div', { class: 'row job-state-row' }, state, live), position, running, outcome, cancelStatus, times),
    charts,
    specSection(job),
  );
  main.append(root);
  curves = new Curves(charts, job.totalEpochs);
  curves.add(job.history || []);
  show();

  api
    .get(`/api/v1/datasets/${encodeURIComponent(job.datasetId)}`, { signal })
    .then((d) => fill(datasetName, d.name))
    .catch(() => {}); // a deleted dataset keeps its id shown

  if (isActive(job.state)) follow();

  return () => {
    controller.abort();
    if (timer) clearTimeout(timer);
    if (curves) curves.destroy();
  };

  /** Everything but the curves, from `job`. */
  function show() {
    fill(state, badge(job.state));
    cancelButton.hidden = !isActive(job.state);
    fill(position);
    if (job.state !== 'RUNNING') fill(running);
    // drawn aside and swapped in only when it reads differently: the stream's end redraws the page, and a
    // rebuilt outcome would take the focus off its link
    const next = h('div');
    if (job.state === 'QUEUED') {
      fill(
        position,
        h('p', {}, h('strong', {}, queueWords(job.queuePosition))),
        job.queuePosition > 1
          ? h('p', { class: 'muted' }, `${num(job.queuePosition - 1)} queued ${job.queuePosition === 2 ? 'job starts' : 'jobs start'} before this one.`)
          : h('p', { class: 'muted' }, 'It starts as soon as a worker is free.'),
      );
    } else if (job.state === 'RUNNING') {
      // updated in place, not rebuilt: progress events come twice a second
      const batches = job.totalBatches || 0;
      if (!running.firstChild) running.append(...Object.values(bars));
      bars.overallLabel.textContent = `Overall: epoch ${num(job.epoch)} of ${num(job.totalEpochs)} · ${num(job.percentDone || 0, 3)} %`;
      bars.overall.value = job.percentDone || 0;
      bars.batchLabel.textContent = batches ? `Batch ${num(job.batch)} of ${num(batches)} in epoch ${num(job.epoch)}` : 'Loading the data…';
      if (batches) {
        bars.batch.max = batches;
        bars.batch.value = job.batch || 0;
      } else bars.batch.removeAttribute('value'); // indeterminate while the data loads
      bars.eta.textContent = etaWords(job.etaSeconds);
      bars.note.hidden = !job.cancelRequested;
    } else if (job.state === 'SUCCEEDED') {
      const done = Math.max(job.epoch || 0, curves ? curves.last : 0);
      fill(
        next,
        h(
          'div',
          { class: 'job-success' },
          h('p', {}, h('strong', {}, 'Training finished.'), ` ${num(done)} of ${num(job.totalEpochs)} epochs${done < job.totalEpochs ? ' (early stopping ended it sooner)' : ''}.`),
          job.modelId
            ? h(
                'div',
                { class: 'row' },
                h('a', { class: 'button primary', id: 'job-model', href: `#/models/${encodeURIComponent(job.modelId)}` }, 'Open the model'),
                h('a', { class: 'button', href: `#/predict/${encodeURIComponent(job.modelId)}` }, 'Predict with it'),
              )
            : null,
        ),
      );
    } else if (job.state === 'FAILED') {
      fill(
        next,
        h('div', { class: 'problem', role: 'alert', id: 'job-failure' }, h('strong', {}, 'Training failed'), h('p', {}, job.failureReason || 'No reason was recorded.')),
        h('p', {}, link(`/design?dataset=${encodeURIComponent(job.datasetId)}`, 'Design another network for this dataset')),
      );
    } else if (job.state === 'CANCELLED') {
      // the epochs drawn, not job.epoch: until the job is fetched again that is the epoch it was stopped in
      const done = curves ? curves.last : job.epoch;
      fill(next, h('p', {}, `Cancelled ${done ? `after epoch ${num(done)} of ${num(job.totalEpochs)}` : 'before an epoch finished'}.`));
    }
    if (next.innerHTML !== outcome.innerHTML) fill(outcome, ...Array.from(next.childNodes));
    if (!isActive(job.state)) fill(live);
    times.textContent = timeline(job);
  }

  /** Follows the event stream while the job is active; polling takes over when it breaks. */
  async function follow() {
    while (!signal.aborted && isActive(job.state)) {
      fill(live, h('span', { class: 'dot', 'aria-hidden': 'true' }), 'Live');
      try {
        await api.events(`${path}/events`, onEvent, { signal });
      } catch (e) {
        if (signal.aborted) return;
        fill(live, 'Updating every few seconds (the live stream was interrupted)');
        poll();
        return;
      }
      if (signal.aborted) return;
      // the server ended the stream: after the final event, or at its timeout (then ask where the job is and
      // open the stream again)
      if (!(await refetch())) {
        poll();
        return;
      }
    }
  }

  function onEvent(name, data) {
    if (!root.isConnected) return;
    switch (name) {
      case 'queued':
        Object.assign(job, { state: 'QUEUED', queuePosition: data.position });
        break;
      case 'progress':
        Object.assign(job, {
          state: 'RUNNING',
          queuePosition: null,
          epoch: data.epoch,
          totalEpochs: data.totalEpochs,
          batch: data.batch,
          totalBatches: data.totalBatches,
          percentDone: data.percent,
          etaSeconds: data.etaSeconds,
        });
        break;
      case 'epoch':
        if (job.state === 'QUEUED') job.state = 'RUNNING';
        curves.add([data]);
        break;
      case 'succeeded':
        Object.assign(job, { state: 'SUCCEEDED', modelId: data.modelId });
        break;
      case 'failed':
        Object.assign(job, { state: 'FAILED', failureReason: data.reason });
        break;
      case 'cancelled':
        Object.assign(job, { state: 'CANCELLED' });
        break;
      default:
        return;
    }
    show();
  }

  /** The job as GET answers it now (its whole history, final epoch, times); errors are shown, not thrown. */
  async function refetch() {
    try {
      job = await api.get(path, { signal });
      curves.add(job.history || []);
      show();
      return true;
    } catch (e) {
      if (!signal.aborted) fill(outcome, problem(e));
      return false;
    }
  }

  async function poll() {
    timer = null;
    if (signal.aborted || !root.isConnected) return;
    const ok = await refetch();
    if (isActive(job.state)) timer = setTimeout(poll, ok ? POLL_MS : POLL_MS * 3);
  }

  async function cancel() {
    cancelButton.disabled = true;
    showProblem(cancelStatus, null);
    try {
      job = await api.post(`${path}/cancel`, undefined, { signal });
      curves.add(job.history || []);
      show();
    } catch (e) {
      if (signal.aborted) return;
      showProblem(cancelStatus, e);
      cancelButton.disabled = false;
      if (e.status === 409) refetch(); // it ended meanwhile: show how
    }
  }
}

function timeline(job) {
  const parts = [`Created ${when(job.createdAt)}`];
  if (job.startedAt) parts.push(`started ${when(job.startedAt)}`);
  if (job.finishedAt) parts.push(`ended ${when(job.finishedAt)}`);
  if (job.startedAt && job.finishedAt) parts.push(`took ${duration((Date.parse(job.finishedAt) - Date.parse(job.startedAt)) / 1000)}`);
  if (job.device) parts.push(`on ${job.node ? `${job.node}, ` : ''}${job.device}`);
  if (job.attempts > 1) parts.push(`${job.attempts} attempts`);
  return `${parts.join(' · ')}.`;
}

function duration(seconds) {
  if (!(seconds >= 0)) return '—';
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m} min ${Math.round(seconds - m * 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** The resolved spec: a one-line summary, the JSON folded away. */
function specSection(job) {
  const spec = job.spec || {};
  const layers = (spec.layers || []).map(layerWords).join(' → ');
  const o = spec.optimizer || {};
  const facts = [
    layers || null,
    o.type ? `${o.type}${o.learningRate !== undefined && o.learningRate !== null ? ` lr ${num(o.learningRate)}` : ''}` : null,
    spec.loss ? `loss ${spec.loss}` : null,
    spec.epochs ? `${num(spec.epochs)} epochs` : null,
    spec.batchSize ? `batch ${num(spec.batchSize)}` : null,
    spec.seed !== undefined && spec.seed !== null ? `seed ${spec.seed}` : null,
  ].filter(Boolean);
  return card(
    'Network',
    h('p', { class: 'job-spec-line' }, facts.join(' · ')),
    h(
      'details',
      { class: 'job-spec' },
      h('summary', {}, 'Resolved spec (JSON)'),
      h('pre', { tabindex: '0', 'aria-label': 'Resolved spec' }, JSON.stringify(spec, null, 2)),
    ),
  );
}

function layerWords(layer) {
  const bits = [layer.type];
  for (const key of ['units', 'filters']) if (layer[key] !== undefined && layer[key] !== null) bits.push(layer[key]);
  if (layer.activation) bits.push(layer.activation);
  if (layer.rate !== undefined && layer.rate !== null) bits.push(layer.rate);
  return bits.join(' ');
}
