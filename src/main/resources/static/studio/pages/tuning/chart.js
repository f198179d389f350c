// The objective chart: each ended trial's objective as a point by trial number, and the best so far as a step line,
// as the API's objective.png draws it.
import { chart as makeChart, palette } from '../../ui.js';
import { maximize } from './format.js';

export function objectiveChart(container, run) {
  const [c1, c2] = palette();
  const chart = makeChart(container, {
    type: 'scatter',
    label: `${run.objective.metric} of every trial and the best so far`,
    data: {
      datasets: [
        { label: 'Trial', data: [], backgroundColor: c1, borderColor: c1, pointRadius: 5, pointHoverRadius: 7 },
        {
          label: 'Best so far',
          type: 'line',
          data: [],
          borderColor: c2,
          backgroundColor: c2,
          stepped: true,
          pointStyle: 'line',
          pointRadius: 0,
          borderWidth: 2,
        },
      ],
    },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'trial' }, ticks: { precision: 0 }, suggestedMin: 0, suggestedMax: Math.max(1, run.maxTrials - 1) },
        y: { title: { display: true, text: run.objective.metric } },
      },
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
    },
  });
  const max = maximize(run);
  return {
    update(trials) {
      const scored = trials.filter((t) => t.objective !== null && t.objective !== undefined).sort((a, b) => a.trial - b.trial);
      const points = scored.map((t) => ({ x: t.trial, y: t.objective }));
      const line = [];
      let bestSoFar = null;
      for (const p of points) {
        if (bestSoFar === null || (max ? p.y > bestSoFar : p.y < bestSoFar)) bestSoFar = p.y;
        line.push({ x: p.x, y: bestSoFar });
      }
      chart.data.datasets[0].data = points;
      chart.data.datasets[1].data = line;
      chart.update();
    },
    destroy() {
      chart.destroy();
    },
  };
}
