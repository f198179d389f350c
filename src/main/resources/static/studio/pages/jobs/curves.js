// The training curves of one job: loss (training and validation) and the task's metric (accuracy for
// classification, MAE for regression), drawn from the job's history and extended as epochs arrive. Each chart's
// box carries data-epochs (the last epoch drawn), which tests and assistive tools can read.
import { h, chart, palette, num } from '../../ui.js';

const SERIES = {
  loss: [
    ['loss', 'Training loss'],
    ['valLoss', 'Validation loss'],
  ],
  accuracy: [
    ['accuracy', 'Training accuracy'],
    ['valAccuracy', 'Validation accuracy'],
  ],
  mae: [
    ['mae', 'Training MAE'],
    ['valMae', 'Validation MAE'],
  ],
};

/** accuracy or mae, from the first epoch that has either; null before any epoch. */
export function metricOf(history) {
  for (const e of history) {
    if (e.accuracy !== null && e.accuracy !== undefined) return 'accuracy';
    if (e.mae !== null && e.mae !== undefined) return 'mae';
  }
  return null;
}

export class Curves {
  /** container: where the two chart cards go; totalEpochs fixes the x axis so the curve grows across it. */
  constructor(container, totalEpochs) {
    this.container = container;
    this.totalEpochs = totalEpochs;
    this.last = 0;
    this.metric = null;
    this.charts = {};
    this.boxes = {};
    this.summary = h('p', { class: 'muted job-latest', id: 'job-latest' });
    this.container.append(
      this.card('loss', 'Loss', 'Training and validation loss by epoch'),
      this.card('metric', 'Accuracy', 'Training and validation metric by epoch'),
      this.summary,
    );
    this.charts.loss = this.make('loss', SERIES.loss, {});
    this.updateSummary(null);
  }

  card(key, title, label) {
    const box = h('div', { class: 'job-chart', id: `${key}-chart`, dataset: { epochs: '0' } });
    const heading = h('h2', { id: `${key}-chart-title` }, title);
    this.boxes[key] = { box, heading, label };
    return h('section', { class: 'card job-curve', 'aria-labelledby': `${key}-chart-title` }, heading, box);
  }

  make(key, series, yOptions) {
    const colours = palette();
    const box = this.boxes[key];
    return chart(box.box, {
      type: 'line',
      label: box.label,
      data: {
        datasets: series.map(([field, label], i) => ({
          label,
          field,
          data: [],
          borderColor: colours[i],
          backgroundColor: colours[i],
          borderWidth: 2,
          pointRadius: 0,
          pointHitRadius: 6,
          spanGaps: true,
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { position: 'bottom' } },
        scales: {
          x: {
            type: 'linear',
            min: 1,
            // a short job's curve grows across a fixed axis; a long one's axis grows with it, or the first
            // hundred epochs would be a sliver at the left
            max: this.totalEpochs && this.totalEpochs <= 200 ? Math.max(2, this.totalEpochs) : undefined,
            suggestedMax: 10,
            title: { display: true, text: 'epoch' },
            ticks: { precision: 0 },
          },
          y: { title: { display: true, text: key === 'loss' ? 'loss' : this.metric || '' }, ...yOptions },
        },
      },
    });
  }

  /** Adds the epochs after the last one drawn (a stream may repeat earlier ones after a reconnect). */
  add(epochs) {
    const fresh = epochs.filter((e) => e && e.epoch > this.last).sort((a, b) => a.epoch - b.epoch);
    if (!fresh.length) return;
    if (!this.metric) {
      this.metric = metricOf(fresh);
      if (this.metric) {
        this.boxes.metric.heading.textContent = this.metric === 'accuracy' ? 'Accuracy' : 'Mean absolute error';
        const y = this.metric === 'accuracy' ? { suggestedMin: 0, suggestedMax: 1 } : { beginAtZero: true };
        this.boxes.metric.box.replaceChildren();
        this.charts.metric = this.make('metric', SERIES[this.metric], y);
      }
    }
    for (const e of fresh) {
      for (const c of Object.values(this.charts)) {
        for (const ds of c.data.datasets) {
          const y = e[ds.field];
          if (y !== null && y !== undefined && Number.isFinite(y)) ds.data.push({ x: e.epoch, y });
        }
      }
      this.last = e.epoch;
    }
    const dots = this.last <= 40 ? 2 : 0; // few epochs: show each one; many: a plain line
    for (const c of Object.values(this.charts)) {
      for (const ds of c.data.datasets) ds.pointRadius = dots;
      c.update('none');
    }
    for (const { box } of Object.values(this.boxes)) box.dataset.epochs = String(this.last);
    this.updateSummary(fresh[fresh.length - 1]);
  }

  /** Replaces everything drawn with a whole history (the job as GET answers it once it ended). */
  reset(history) {
    for (const c of Object.values(this.charts)) for (const ds of c.data.datasets) ds.data = [];
    this.last = 0;
    this.add(history);
    if (!history.length) this.updateSummary(null);
  }

  updateSummary(e) {
    if (!e) {
      this.summary.textContent = 'No epoch has finished yet.';
      if (!this.charts.metric) {
        this.boxes.metric.box.replaceChildren(h('p', { class: 'muted' }, 'The curves appear when the first epoch ends.'));
      }
      return;
    }
    const parts = [`Epoch ${num(e.epoch)}: loss ${num(e.loss)}`];
    if (e.valLoss !== null && e.valLoss !== undefined) parts.push(`validation loss ${num(e.valLoss)}`);
    if (this.metric === 'accuracy') {
      parts.push(`accuracy ${pct(e.accuracy)}`);
      if (e.valAccuracy !== null && e.valAccuracy !== undefined) parts.push(`validation accuracy ${pct(e.valAccuracy)}`);
    } else if (this.metric === 'mae') {
      parts.push(`MAE ${num(e.mae)}`);
      if (e.valMae !== null && e.valMae !== undefined) parts.push(`validation MAE ${num(e.valMae)}`);
    }
    if (e.durationMs) parts.push(`${num(e.durationMs)} ms`);
    this.summary.textContent = `${parts.join(' · ')}.`;
  }

  destroy() {
    for (const c of Object.values(this.charts)) c.destroy();
    this.charts = {};
  }
}

function pct(v) {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)} %`;
}
