// The confusion matrix as a grid of buttons (true classes down, predicted across, each cell coloured by its share of
// the true class) and, below it, the test rows of the cell last opened, fetched from …/misclassified.
import * as api from '../../api.js';
import { h, fill, card, num, percent, problem, loading, table } from '../../ui.js';
import { modelPath } from './common.js';

const PAGE = 20;

/** The card, or null for a model without a confusion matrix (regression, no test split). */
export function confusionCard(model) {
  const matrix = model.metrics && model.metrics.confusionMatrix;
  const classes = (model.preprocessing && model.preprocessing.classes) || [];
  if (!matrix || matrix.length === 0 || classes.length !== matrix.length) return { element: null, cleanup() {} };
  const panel = h('div', { id: 'confusion-cell', class: 'confusion-cell', 'aria-live': 'polite' });
  let controller = null;
  let pressed = null;

  const open = (t, p, button) => {
    if (pressed) pressed.setAttribute('aria-pressed', 'false');
    pressed = button;
    button.setAttribute('aria-pressed', 'true');
    if (controller) controller.abort();
    controller = new AbortController();
    showCell(panel, model, classes, t, p, matrix[t][p], controller.signal);
  };

  const grid = h(
    'table',
    { class: 'confusion', id: 'confusion-grid' },
    h('caption', { class: 'hint' }, 'Rows: true class. Columns: predicted class. Pick a cell to see its test rows.'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col', class: 'corner' }, h('span', { class: 'axis' }, 'predicted →'), h('span', { class: 'axis' }, 'true ↓')),
        classes.map((c) => h('th', { scope: 'col', class: 'predicted', title: c }, h('span', {}, c))),
      ),
    ),
    h(
      'tbody',
      {},
      matrix.map((row, t) => {
        const total = row.reduce((a, b) => a + b, 0);
        return h(
          'tr',
          {},
          h('th', { scope: 'row', class: 'true', title: classes[t] }, classes[t]),
          row.map((count, p) => {
            const share = total ? count / total : 0;
            const button = h(
              'button',
              {
                type: 'button',
                class: `cm-cell${t === p ? ' diagonal' : ''}${share > 0.5 ? ' dark' : ''}`,
                style: { background: shade(share) },
                dataset: { true: classes[t], predicted: classes[p], count: String(count) },
                'aria-pressed': 'false',
                'aria-label': `true ${classes[t]}, predicted ${classes[p]}: ${count} test rows (${percent(share, 0)} of ${classes[t]})`,
                title: `${classes[t]} → ${classes[p]}: ${count} (${percent(share, 0)})`,
              },
              num(count),
            );
            button.addEventListener('click', () => open(t, p, button));
            return h('td', {}, button);
          }),
        );
      }),
    ),
  );
  const element = card(
    'Confusion matrix',
    h('div', { class: 'table-wrap confusion-wrap' }, grid),
    panel,
  );
  return { element, cleanup: () => controller && controller.abort() };
}

/** White for 0, the accent blue for the whole true class (the PNG chart colours the same way). */
function shade(share) {
  const lightness = 98 - share * 62;
  return `hsl(214 62% ${lightness.toFixed(1)}%)`;
}

async function showCell(panel, model, classes, t, p, count, signal, offset = 0, shown = null) {
  const trueClass = classes[t];
  const predicted = classes[p];
  const title = t === p ? `${trueClass} predicted right` : `${trueClass} taken for ${predicted}`;
  if (!shown) {
    fill(panel, h('h3', {}, title), loading('Loading the test rows…'));
  }
  const query = new URLSearchParams({ true: trueClass, predicted, offset: String(offset), limit: String(PAGE) });
  let cell;
  try {
    cell = await api.get(modelPath(model, `/misclassified?${query}`), { signal });
  } catch (e) {
    if (signal.aborted) return;
    if (shown) shown.more.replaceWith(problem(e));
    else fill(panel, h('h3', {}, title), problem(e));
    return;
  }
  if (signal.aborted) return;
  const samples = cell.samples || [];
  if (!shown) {
    shown = { list: h('div', { class: 'cell-samples' }), more: h('span'), seen: 0 };
    fill(
      panel,
      h('h3', {}, title),
      h(
        'p',
        { class: 'cell-summary' },
        h('strong', { id: 'cell-count' }, num(cell.count)),
        ` test ${cell.count === 1 ? 'row' : 'rows'} of class ${trueClass} predicted as ${predicted}`,
        cell.count ? ', the most confident first.' : '.',
        cell.datasetAvailable === false ? ' The dataset was deleted, so only the probabilities are left.' : '',
      ),
      shown.list,
      shown.more,
    );
  }
  if (samples.length) {
    const view = samplesView(samples, classes, trueClass, predicted);
    // a further page continues the same table (or the same thumbnails) rather than starting a second one
    const rows = shown.list.querySelector('table.samples tbody');
    const thumbs = shown.list.querySelector('ul.thumbs');
    if (rows && view.querySelector('table.samples')) rows.append(...view.querySelectorAll('tbody tr'));
    else if (thumbs && view.matches('ul.thumbs')) thumbs.append(...view.children);
    else shown.list.append(view);
  }
  shown.seen = offset + samples.length;
  const rest = cell.count - shown.seen;
  const more =
    rest > 0 && samples.length > 0
      ? h(
          'button',
          {
            type: 'button',
            class: 'more',
            onclick: (event) => {
              event.currentTarget.disabled = true;
              showCell(panel, model, classes, t, p, count, signal, shown.seen, shown);
            },
          },
          `Show ${Math.min(PAGE, rest)} more (of ${num(rest)} left)`,
        )
      : h('span');
  shown.more.replaceWith(more);
  shown.more = more;
}

function samplesView(samples, classes, trueClass, predicted) {
  if (samples.some((s) => s.image)) return thumbnails(samples, classes, trueClass, predicted);
  const columns = [];
  for (const s of samples) for (const c of Object.keys(s.row || {})) if (!columns.includes(c)) columns.push(c);
  return table(
    [
      { label: 'Row', class: 'num', value: (s) => num(s.index) },
      ...columns.map((c) => ({ label: c, value: (s) => cellText(s.row && s.row[c]) })),
      ...classes.map((c) => ({
        label: `P(${c})`,
        class: `num${c === predicted ? ' p-predicted' : ''}${c === trueClass ? ' p-true' : ''}`,
        value: (s) => probability(s.probabilities && s.probabilities[c]),
      })),
    ],
    samples,
    { class: 'samples' },
  );
}

/** Images as thumbnails; beside each the predicted and true class's probability and the top three (not every class:
 * a picture of one of 345 doodle classes would drown in them). */
function thumbnails(samples, classes, trueClass, predicted) {
  return h(
    'ul',
    { class: 'thumbs' },
    samples.map((s) => {
      const top = Object.entries(s.probabilities || {})
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3);
      return h(
        'li',
        {},
        s.image
          ? h('img', { src: `data:image/png;base64,${s.image}`, alt: `test image ${s.index}, a ${trueClass}`, width: 84, height: 84 })
          : null,
        h('span', { class: 'thumb-index' }, `#${s.index}`),
        h(
          'span',
          { class: 'thumb-p' },
          `P(${predicted}) ${probability(s.probabilities && s.probabilities[predicted])}`,
        ),
        trueClass !== predicted
          ? h('span', { class: 'thumb-p' }, `P(${trueClass}) ${probability(s.probabilities && s.probabilities[trueClass])}`)
          : null,
        h(
          'details',
          {},
          h('summary', {}, 'Top classes'),
          h('ol', {}, top.map(([c, v]) => h('li', {}, `${c}: ${probability(v)}`))),
        ),
      );
    }),
  );
}

function probability(v) {
  return v === null || v === undefined ? null : percent(v, 1);
}

function cellText(v) {
  if (v === null || v === undefined) return null;
  return typeof v === 'number' ? num(v) : String(v);
}
