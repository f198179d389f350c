// #/jobs: recent jobs, newest first. While any of them is queued or running the list asks again every few
// seconds (else now and then), updating the rows in place when the same jobs are listed (so a keyboard user's
// focus stays where it was).
import * as api from '../../api.js';
import { h, fill, header, table, when, shortId, link, loading, showProblem, num } from '../../ui.js';
import { badge, isActive, queueWords, datasetNames } from './common.js';

const PAGE = 50;
const REFRESH_MS = 3000;
const IDLE_MS = 20000; // nothing running: still ask now and then, for jobs submitted elsewhere

export async function list(main, params) {
  const offset = Math.max(0, Number.parseInt(params.offset, 10) || 0);
  const controller = new AbortController();
  let timer = null;
  let names = new Map();

  const status = h('div', { id: 'jobs-status' });
  const hint = h('p', { class: 'hint', id: 'jobs-refresh', 'aria-live': 'polite' });
  const body = h('div', { id: 'jobs-table' }, loading('Loading jobs…'));
  const pager = h('nav', { class: 'jobs-pager row', 'aria-label': 'Pages of jobs' });
  const root = h(
    'div',
    { class: 'jobs-page' },
    header('Jobs', h('a', { class: 'button primary', href: '#/design' }, 'New job')),
    h('p', { class: 'muted' }, 'Every training job, newest first. Open one to watch its curves grow epoch by epoch.'),
    status,
    body,
    hint,
    pager,
  );
  main.append(root);

  let shown = null; // the ids in the table now, in order
  let cells = new Map(); // id → {state, progress, model}

  function render(jobs) {
    const ids = jobs.map((j) => j.id).join();
    if (ids === shown) {
      for (const job of jobs) {
        const c = cells.get(job.id);
        fill(c.state, badge(job.state));
        fill(c.progress, progressCell(job));
        fill(c.model, modelCell(job));
      }
      return;
    }
    shown = ids;
    cells = new Map();
    const keep = (job, key, content) => {
      const span = h('span', { class: `job-${key}` }, content);
      (cells.get(job.id) || cells.set(job.id, {}).get(job.id))[key] = span;
      return span;
    };
    fill(
      body,
      table(
        [
          { label: 'Job', value: (j) => link(`/jobs/${encodeURIComponent(j.id)}`, h('code', {}, shortId(j.id))) },
          { label: 'State', value: (j) => keep(j, 'state', badge(j.state)) },
          { label: 'Dataset', value: (j) => datasetCell(j.datasetId) },
          { label: 'Progress', value: (j) => keep(j, 'progress', progressCell(j)) },
          { label: 'Created', value: (j) => h('time', { datetime: j.createdAt }, when(j.createdAt)) },
          { label: 'Model', value: (j) => keep(j, 'model', modelCell(j)) },
        ],
        jobs,
        {
          class: 'jobs-table',
          empty: offset ? 'No older jobs.' : 'No jobs yet: design a network and train it.',
          rowAttrs: (j) => ({ dataset: { job: j.id } }),
        },
      ),
    );
    fill(
      pager,
      offset > 0 ? link(`/jobs${offset - PAGE > 0 ? `?offset=${offset - PAGE}` : ''}`, '← Newer') : null,
      jobs.length === PAGE ? link(`/jobs?offset=${offset + PAGE}`, 'Older →') : null,
    );
  }

  function datasetCell(id) {
    const name = names.get(id);
    return link(`/datasets/${encodeURIComponent(id)}`, name || h('code', {}, shortId(id)));
  }

  async function refresh() {
    timer = null;
    if (!root.isConnected) return; // the page went (or sign-in replaced it)
    try {
      const jobs = await api.get(`/api/v1/jobs?offset=${offset}&limit=${PAGE}`, { signal: controller.signal });
      showProblem(status, null);
      render(jobs);
      const active = jobs.filter((j) => isActive(j.state)).length;
      hint.textContent = active
        ? `${active} ${active === 1 ? 'job is' : 'jobs are'} queued or running: this list updates itself every few seconds.`
        : '';
      timer = setTimeout(refresh, active ? REFRESH_MS : IDLE_MS);
    } catch (e) {
      if (e.name === 'AbortError') return;
      showProblem(status, e);
      if (shown === null) fill(body);
      // a refusal will not change by asking again; a network hiccup might
      if (!e.status || e.status >= 500) timer = setTimeout(refresh, REFRESH_MS * 3);
    }
  }

  names = await datasetNames(controller.signal).catch(() => new Map());
  await refresh();

  return () => {
    controller.abort();
    if (timer) clearTimeout(timer);
  };
}

function progressCell(job) {
  const total = job.totalEpochs;
  switch (job.state) {
    case 'QUEUED':
      return queueWords(job.queuePosition);
    case 'RUNNING':
      return h(
        'span',
        { class: 'job-progress-cell' },
        h('progress', { max: 100, value: job.percentDone || 0, 'aria-label': `Job ${shortId(job.id)} progress` }),
        h('span', {}, `Epoch ${num(job.epoch)} of ${num(total)} · ${num(job.percentDone, 3)} %`),
      );
    case 'SUCCEEDED':
      return job.epoch < total ? `${num(job.epoch)} of ${num(total)} epochs (stopped early)` : `${num(total)} epochs`;
    default: {
      // the last epoch finished, not job.epoch: that is the one it was stopped in
      const history = job.history || [];
      const done = history.length ? history[history.length - 1].epoch : 0;
      return done ? `stopped after epoch ${num(done)} of ${num(total)}` : `stopped before an epoch finished`;
    }
  }
}

function modelCell(job) {
  if (!job.modelId) return null;
  return link(`/models/${encodeURIComponent(job.modelId)}`, 'Model ', h('code', {}, shortId(job.modelId)));
}
