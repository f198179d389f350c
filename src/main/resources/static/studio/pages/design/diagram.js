// A small picture of a graph spec, drawn from the dry run's rows: the model's input and each layer as a box, top
// to bottom in the order they compute; a layer that takes the one just above it gets a straight arrow, any other
// input (a skip connection, a branch) an arrow down the right-hand side, each in its own lane so none overlap.
// Plain SVG made with the DOM (no library, works offline); names go in as text nodes only.
import { h } from '../../ui.js';
import { shape } from './validation.js';

const SVG = 'http://www.w3.org/2000/svg';
const LEFT = 8;
const TOP = 8;
const BOX_W = 230;
const BOX_H = 34;
const PITCH = 54; // from one box's top to the next's
const LANE = 14;

function svg(tag, attrs = {}, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** rows: the dry run's layers (with inputs, as a graph's rows have them); inputShape: the model's input. */
export function graphDiagram(rows, inputShape) {
  const indexOf = new Map([['input', -1]]);
  rows.forEach((r) => {
    indexOf.set(`layers[${r.index}]`, r.index);
    if (r.name) indexOf.set(r.name, r.index);
  });
  // every edge from → to, as places on the page: the input is place 0, layer i place i + 1
  const edges = [];
  for (const r of rows) {
    for (const input of r.inputs || []) {
      const from = indexOf.get(input);
      if (from !== undefined) edges.push({ from: from + 1, to: r.index + 1 });
    }
  }
  const straight = edges.filter((e) => e.to === e.from + 1);
  const side = edges.filter((e) => e.to !== e.from + 1).sort((a, b) => a.from - b.from || a.to - b.to);
  // lanes: an edge takes the first lane free from its start to its end
  const laneEnds = [];
  for (const e of side) {
    let lane = laneEnds.findIndex((end) => end <= e.from);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = e.to;
    e.lane = lane;
  }
  const width = LEFT + BOX_W + LANE * (laneEnds.length + 1) + 4;
  const height = TOP * 2 + PITCH * rows.length + BOX_H;
  const top = (place) => TOP + PITCH * place;
  const mid = (place) => top(place) + BOX_H / 2;

  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: 'graph-svg',
    role: 'img',
    'aria-labelledby': 'graph-diagram-caption',
  });
  const defs = svg('defs');
  const marker = svg('marker', {
    id: 'graph-arrow',
    viewBox: '0 0 10 10',
    refX: 9,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: 'auto-start-reverse',
  });
  marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }));
  defs.append(marker);
  root.append(defs);

  const boxes = [{ label: 'input', detail: shape(inputShape), kind: 'model-input' }].concat(
    rows.map((r) => ({
      label: r.name ? `${r.name}: ${r.type}` : r.type,
      detail: shape(r.outputShape),
      kind: ['add', 'concatenate', 'multiply', 'average'].includes(r.type) ? 'merge' : 'layer',
      title: `${r.index + 1}. ${r.name ? `${r.name} (${r.type})` : r.type}${r.detail ? `: ${r.detail}` : ''}`,
    })),
  );
  boxes.forEach((b, place) => {
    const g = svg('g', { class: `node ${b.kind}`, 'data-place': place });
    g.append(svg('title', {}, b.title || b.label));
    g.append(svg('rect', { x: LEFT, y: top(place), width: BOX_W, height: BOX_H, rx: b.kind === 'merge' ? 16 : 5 }));
    g.append(svg('text', { x: LEFT + 10, y: mid(place) + 4, class: 'label' }, clip(b.label, 22)));
    g.append(svg('text', { x: LEFT + BOX_W - 8, y: mid(place) + 4, class: 'shape', 'text-anchor': 'end' }, b.detail));
    root.append(g);
  });
  const x = LEFT + BOX_W / 2;
  for (const e of straight) {
    root.append(svg('line', { x1: x, y1: top(e.from) + BOX_H, x2: x, y2: top(e.to) - 1, class: 'edge', 'marker-end': 'url(#graph-arrow)' }));
  }
  const right = LEFT + BOX_W;
  for (const e of side) {
    const laneX = right + LANE * (e.lane + 1);
    const y1 = mid(e.from) + 4;
    const y2 = mid(e.to) - 4;
    root.append(
      svg('path', {
        d: `M${right},${y1} H${laneX - 4} Q${laneX},${y1} ${laneX},${y1 + 4} V${y2 - 4} Q${laneX},${y2} ${laneX - 4},${y2} H${right + 1}`,
        class: 'edge skip',
        'marker-end': 'url(#graph-arrow)',
      }),
    );
  }
  const skips = side.length;
  return h(
    'figure',
    { class: 'graph-diagram', id: 'graph-diagram' },
    root,
    h(
      'figcaption',
      { id: 'graph-diagram-caption', class: 'hint' },
      `The graph: ${rows.length} layers from the input down to the output` +
        (skips ? `; ${skips} ${skips === 1 ? 'arrow' : 'arrows'} on the right skip or branch.` : '.'),
    ),
  );
}

function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
