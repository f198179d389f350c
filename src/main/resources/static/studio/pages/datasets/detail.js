// #/datasets/:id — one dataset: how it was read, its columns with statistics and missing counts, the class balance
// as a bar chart, and a look at the data (rows of a table, a grid of pictures per class).
import * as api from '../../api.js';
import { h, fill, header, card, table, num, when, link, loading, problem, chart, palette } from '../../ui.js';
import { deleteControl } from './delete.js';

export async function detail(main, params, { navigate }) {
  const id = params.id;
  const path = `/api/v1/datasets/${encodeURIComponent(id)}`;
  const aborter = new AbortController();
  const charts = [];
  const urls = [];
  const cleanup = () => {
    aborter.abort();
    for (const c of charts) c.destroy();
    for (const u of urls) URL.revokeObjectURL(u);
  };
  main.append(loading('Loading the dataset…'));
  let d;
  try {
    d = await api.get(path, { signal: aborter.signal });
  } catch (e) {
    fill(main, h('p', {}, link('/datasets', '← Datasets')), h('h1', {}, 'Dataset'), problem(e));
    return cleanup;
  }
  const title = d.name || d.id;
  fill(
    main,
    h('p', { class: 'crumbs' }, link('/datasets', '← Datasets')),
    header(
      title,
      d.problem
        ? null
        : h('a', { class: 'button primary', id: 'design-network', href: `#/design?dataset=${encodeURIComponent(d.id)}` }, 'Design a network'),
      deleteControl(d, () => navigate('/datasets')),
    ),
  );
  if (d.problem) {
    main.append(
      h('div', { class: 'problem', role: 'alert', id: 'dataset-problem' }, h('strong', {}, 'This dataset cannot be used'), h('p', {}, d.problem)),
    );
  }
  main.append(readCard(d));
  if (!d.problem) {
    if (d.columns && d.columns.length) main.append(columnsCard(d));
    main.append(balanceCard(d, charts));
    main.append(d.kind === 'image' ? imageSamples(d, path, urls, aborter.signal) : tableSamples(d, path, aborter.signal));
  }
  return cleanup;
}

const SEPARATORS = { ',': ', (comma)', ';': '; (semicolon)', '\t': 'tab', '|': '| (pipe)' };

/** How the file was read: the facts an upload decided (task, label, separator, policies, shape). */
function readCard(d) {
  const image = d.kind === 'image';
  const facts = [
    ['Kind', image ? 'images' : 'table'],
    ['Task', d.task],
    ['Rows', num(d.rows)],
    d.droppedRows ? ['Rows dropped (missing cells)', num(d.droppedRows)] : null,
    !image ? ['Label column', d.labelColumn] : null,
    !image ? ['Separator', SEPARATORS[d.separator] || d.separator] : null,
    !image ? ['Missing cells', d.missingValues] : null,
    !image && d.unknownCategories ? ['Unseen categories', d.unknownCategories] : null,
    d.ignoredColumns && d.ignoredColumns.length ? ['Ignored columns', d.ignoredColumns.join(', ')] : null,
    ['Input shape', d.inputShape && d.inputShape.length ? d.inputShape.join(' × ') : '—'],
    d.classes && d.classes.length ? ['Classes', num(d.classes.length)] : null,
    image && d.imageStyle ? ['Image style', d.imageStyle] : null,
    image ? ['Official test rows', d.officialTestRows ? num(d.officialTestRows) : 'none (drawn at random)'] : null,
    ['Stored size', bytes(d.sizeBytes)],
    ['Created', when(d.createdAt)],
    ['SHA-256', h('code', { class: 'sha' }, d.sha256 || '—'), 'wide'],
  ].filter(Boolean);
  return card(
    'How it was read',
    h('dl', { class: 'facts', id: 'dataset-facts' }, facts.map(([k, v, wide]) => h('div', { class: wide }, h('dt', {}, k), h('dd', {}, v ?? '—')))),
  );
}

function bytes(n) {
  if (n === null || n === undefined) return '—';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function columnsCard(d) {
  const missing = d.columns.reduce((sum, c) => sum + (c.missing || 0), 0);
  const top = (c) => {
    if (!c.topCategories) return null;
    const entries = Object.entries(c.topCategories);
    const shown = entries.slice(0, 5).map(([k, v]) => `${k} (${num(v)})`).join(', ');
    return entries.length > 5 ? `${shown}, …` : shown;
  };
  return card(
    'Columns',
    h(
      'p',
      { class: 'hint', id: 'missing-summary' },
      missing === 0
        ? 'No missing cells.'
        : `${num(missing)} missing cells (policy: ${d.missingValues}${d.droppedRows ? `, ${num(d.droppedRows)} rows dropped` : ''}).`,
    ),
    table(
      [
        { label: 'Column', value: (c) => h('span', { class: 'column-name' }, c.name) },
        { label: 'Type', value: (c) => c.type },
        { label: 'Role', value: (c) => h('span', { class: `badge role-${c.role}` }, c.role) },
        { label: 'Missing', class: 'num', value: (c) => (c.missing ? h('strong', { class: 'missing' }, num(c.missing)) : '0') },
        { label: 'Min', class: 'num', value: (c) => num(c.min) },
        { label: 'Max', class: 'num', value: (c) => num(c.max) },
        { label: 'Mean', class: 'num', value: (c) => num(c.mean) },
        { label: 'Std', class: 'num', value: (c) => num(c.std) },
        { label: 'Distinct', class: 'num', value: (c) => num(c.distinct) },
        { label: 'Most frequent', value: top },
      ],
      d.columns,
      { class: 'columns-table' },
    ),
  );
}

function balanceCard(d, charts) {
  const balance = d.classBalance ? Object.entries(d.classBalance) : [];
  if (balance.length === 0) {
    return card(
      'Label',
      h('p', { class: 'muted' }, d.task === 'regression' || d.task === 'REGRESSION'
        ? 'A regression dataset: the label is a number; its statistics are in the columns table.'
        : 'No class balance recorded.'),
    );
  }
  const total = balance.reduce((sum, [, n]) => sum + n, 0);
  const box = h('div', { id: 'class-balance' });
  const section = card(
    'Class balance',
    h('p', { class: 'hint' }, `${num(balance.length)} classes, ${num(total)} rows; the smallest class has ${num(Math.min(...balance.map(([, n]) => n)))}.`),
    box,
  );
  // the chart needs its box in the page to measure it; it is drawn on the next frame
  requestAnimationFrame(() => {
    if (!box.isConnected) return;
    const colour = palette()[0];
    charts.push(
      chart(box, {
        type: 'bar',
        label: `Rows per class: ${balance.map(([k, n]) => `${k} ${n}`).slice(0, 50).join(', ')}`,
        data: {
          labels: balance.map(([k]) => k),
          datasets: [{ label: 'rows', data: balance.map(([, n]) => n), backgroundColor: colour }],
        },
        options: {
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, title: { display: true, text: 'rows' } } },
        },
      }),
    );
  });
  return section;
}

function tableSamples(d, path, signal) {
  const box = h('div', { id: 'samples' }, loading('Loading rows…'));
  (async () => {
    try {
      const rows = await api.get(`${path}/samples?limit=20`, { signal });
      const names = d.columns && d.columns.length ? d.columns.map((c) => c.name) : Object.keys(rows[0] || {});
      fill(
        box,
        table(
          names.map((n) => ({
            label: n,
            class: d.columns.find((c) => c.name === n)?.type === 'numeric' ? 'num' : undefined,
            value: (row) => (row[n] === null || row[n] === undefined ? h('span', { class: 'missing-cell' }, 'missing') : String(row[n])),
          })),
          rows,
          { class: 'samples-table', empty: 'No rows.' },
        ),
      );
    } catch (e) {
      if (!signal.aborted) fill(box, problem(e));
    }
  })();
  return card('The first 20 rows', box);
}

function imageSamples(d, path, urls, signal) {
  const box = h('div', { id: 'samples', class: 'sample-grid' }, loading('Drawing examples…'));
  (async () => {
    try {
      const url = await api.imageUrl(`${path}/samples?perClass=10`, { signal });
      urls.push(url);
      fill(
        box,
        h('img', {
          src: url,
          id: 'sample-grid',
          alt: `Ten example pictures of each class, one row per class: ${(d.classes || []).slice(0, 50).join(', ')}`,
        }),
      );
    } catch (e) {
      if (!signal.aborted) fill(box, problem(e));
    }
  })();
  return card('Examples', h('p', { class: 'hint' }, 'One row per class, in class order.'), box);
}
