// #/tune/:id: one tuning run. A running one is followed over its event stream (a `trial` per ended trial, then
// `progress`, then how it ended); one that has ended is shown from a single GET.
import * as api from '../../api.js';
import { h, fill, header, card, table, problem, link, shortId, when, num, toast, loading } from '../../ui.js';
import { badge, params as paramList, objective, objectiveName, maximize } from './format.js';
import { objectiveChart } from './chart.js';

const ENDED = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export async function detail(main, { id }) {
  const run = await api.get(`/api/v1/tuning/${encodeURIComponent(id)}`);
  const abort = new AbortController();
  // ended trials by trial number: the stream sends each once, a reconnect sends them again
  const trials = new Map();
  for (const t of run.leaderboard) if (t.status !== 'ACTIVE') trials.set(t.trial, t);
  let state = run.state;
  let progress = run.progress;
  let best = run.best;
  let reason = run.failureReason;

  const cancel = h('button', { type: 'button', class: 'danger', id: 'tune-cancel', onclick: cancelRun }, 'Cancel run');
  const stateBox = h('div', { id: 'tune-state' });
  const bestBox = h('div', { id: 'tune-best' });
  const streamNote = h('div', { id: 'tune-stream', 'aria-live': 'polite' });
  const board = h('div', { id: 'tune-leaderboard' });
  const chartHost = h('div', { id: 'tune-chart' });
  fill(
    main,
    header(`Tuning run ${shortId(run.id)}`, cancel),
    h(
      'dl',
      { class: 'tune-facts' },
      fact('Strategy', run.strategy),
      fact('Objective', objectiveName(run.objective)),
      fact('Dataset', link(`/datasets/${run.datasetId}`, shortId(run.datasetId))),
      fact('Fields varied', run.space.map((d) => h('code', { class: 'tune-space-path' }, d.path, ' '))),
      fact('Started', when(run.createdAt)),
    ),
    card('Progress', stateBox, streamNote),
    bestBox,
    card('Objective by trial', chartHost),
    card('Leaderboard', board),
  );
  const chart = objectiveChart(chartHost, run);

  function render() {
    const ended = ENDED.includes(state);
    cancel.hidden = ended;
    fill(
      stateBox,
      h(
        'p',
        { class: 'row' },
        badge(state),
        h('span', { id: 'tune-count' }, `${progress.finished} of ${run.maxTrials} trials ended`),
        progress.active ? h('span', { class: 'muted' }, `${progress.active} queued or training`) : null,
      ),
      h('progress', { max: 100, value: progress.percentDone, 'aria-label': 'trials ended' }),
      reason ? h('p', { class: 'problem', role: 'alert' }, reason) : null,
    );
    fill(
      bestBox,
      best
        ? h(
            'section',
            { class: 'card tune-best' },
            h('h2', {}, ended ? 'Best trial' : 'Best trial so far'),
            h(
              'p',
              {},
              `Trial ${best.trial}: ${run.objective.metric} `,
              h('strong', {}, objective(best.objective)),
              ' — model ',
              h('a', { href: `#/models/${best.modelId}`, id: 'tune-best-model' }, shortId(best.modelId)),
            ),
            paramList(best.params),
            h(
              'p',
              { class: 'row actions' },
              link(`/models/${best.modelId}`, 'Open the model'),
              link(`/predict/${best.modelId}`, 'Predict with it'),
            ),
          )
        : null,
    );
    const rows = ranked([...trials.values()], maximize(run));
    let rank = 0;
    fill(
      board,
      table(
        [
          { label: 'Rank', class: 'num', value: (t) => (t.objective === null ? null : ++rank) },
          { label: 'Trial', class: 'num', value: (t) => t.trial },
          { label: 'Values', value: (t) => paramList(t.params) },
          { label: run.objective.metric, class: 'num', value: (t) => objective(t.objective) },
          { label: 'State', value: (t) => h('span', {}, badge(t.status), t.reason ? h('span', { class: 'hint tune-reason' }, t.reason) : null) },
          { label: 'Epochs', class: 'num', value: (t) => `${t.epochsTrained} / ${t.epochs}` },
          { label: 'Time', class: 'num', value: (t) => (t.durationMs === null ? null : `${num(t.durationMs / 1000, 2)} s`) },
          { label: 'Model', value: (t) => (t.modelId ? link(`/models/${t.modelId}`, shortId(t.modelId)) : t.jobId ? link(`/jobs/${t.jobId}`, 'job') : null) },
        ],
        rows,
        {
          class: 'tune-board',
          empty: ended ? 'No trial ended.' : 'No trial has ended yet: the first ones are training.',
          rowAttrs: (t) => ({ class: best && t.trial === best.trial ? 'best' : null, dataset: { trial: t.trial } }),
        },
      ),
    );
    chart.update([...trials.values()], best);
  }

  async function cancelRun() {
    cancel.disabled = true;
    try {
      const after = await api.post(`/api/v1/tuning/${encodeURIComponent(run.id)}/cancel`);
      adopt(after);
      toast('The run is cancelled.');
    } catch (e) {
      fill(streamNote, problem(e));
    } finally {
      cancel.disabled = false;
    }
  }

  function adopt(view) {
    state = view.state;
    progress = view.progress;
    best = view.best;
    reason = view.failureReason;
    for (const t of view.leaderboard) if (t.status !== 'ACTIVE') trials.set(t.trial, t);
    render();
  }

  async function follow() {
    let attempt = 0;
    while (!abort.signal.aborted && !ENDED.includes(state)) {
      try {
        await api.events(
          `/api/v1/tuning/${encodeURIComponent(run.id)}/events`,
          (name, data) => {
            attempt = 0;
            streamNote.replaceChildren();
            if (name === 'trial') {
              trials.set(data.trial, data);
            } else if (name === 'progress') {
              progress = data.progress;
              best = data.best;
            } else if (['succeeded', 'failed', 'cancelled'].includes(name)) {
              state = name.toUpperCase();
              best = data.best;
              reason = data.reason;
            } else return;
            render();
          },
          { signal: abort.signal },
        );
      } catch (e) {
        if (abort.signal.aborted) return;
        fill(streamNote, problem(e), h('p', { class: 'muted' }, 'Trying again in a few seconds…'));
        attempt++;
      }
      if (abort.signal.aborted) return;
      if (ENDED.includes(state)) {
        // the final word, with every trial's last status and the best flag settled
        try {
          adopt(await api.get(`/api/v1/tuning/${encodeURIComponent(run.id)}`, { signal: abort.signal }));
        } catch (e) {
          if (!abort.signal.aborted) fill(streamNote, problem(e));
        }
        return;
      }
      // the server ends a stream after its timeout; a refused one (503: too many streams) waits longer
      await pause(Math.min(2000 * 2 ** attempt, 30_000), abort.signal);
    }
  }

  render();
  if (!ENDED.includes(state)) {
    streamNote.append(loading('Following the run live…'));
    follow();
  }
  return () => {
    abort.abort();
    chart.destroy();
  };
}

function fact(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

/** Best objective first; trials without one last, in trial order (as the API's leaderboard). */
export function ranked(trials, max) {
  return trials.sort((a, b) => {
    if (a.objective === null && b.objective === null) return a.trial - b.trial;
    if (a.objective === null) return 1;
    if (b.objective === null) return -1;
    return (max ? b.objective - a.objective : a.objective - b.objective) || a.trial - b.trial;
  });
}

function pause(ms, signal) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
