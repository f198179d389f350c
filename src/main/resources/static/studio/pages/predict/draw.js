// A drawing pad for mouse, finger and pen (Pointer Events), kept as strokes rather than pixels: the service
// takes raw canvas strokes ([[xs], [ys], [ts]] in any pixel coordinates) and renders them the way the model's
// training images were made, so what is sent is what was drawn, whatever the pad's size on screen.
import { h } from '../../ui.js';

/** The strokes live in a fixed square of this many units, drawn at whatever size the canvas has. */
const UNITS = 280;
/** Thick, as a felt pen on paper: about a tenth of a digit's height. */
const LINE = 18;

/**
 * A pad: {element, canvas, strokes(), isEmpty(), undo(), clear(), destroy()}. onDraw(phase) is called with
 * 'move' while a stroke grows and 'end' when it is finished (and after undo, with 'undo').
 */
export function drawingPad({ label, onDraw }) {
  const canvas = h('canvas', {
    class: 'draw-pad',
    id: 'draw-pad',
    role: 'img',
    'aria-label': label,
    width: UNITS,
    height: UNITS,
  });
  const ctx = canvas.getContext('2d');
  const strokes = [];
  let current = null;
  let pointer = null;
  let started = 0;

  function scale() {
    return canvas.width / UNITS;
  }

  function redraw() {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const s = scale();
    ctx.setTransform(s, 0, 0, s, 0, 0);
    ctx.strokeStyle = '#000000';
    ctx.fillStyle = '#000000';
    ctx.lineWidth = LINE;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    for (const stroke of strokes) paint(stroke, 0);
  }

  /** Paints a stroke from point `from` on (a dot when it has one point). */
  function paint(stroke, from) {
    const [xs, ys] = stroke;
    if (xs.length === 1) {
      ctx.beginPath();
      ctx.arc(xs[0], ys[0], LINE / 2, 0, Math.PI * 2);
      ctx.fill();
      return;
    }
    ctx.beginPath();
    const start = Math.max(0, from - 1);
    ctx.moveTo(xs[start], ys[start]);
    for (let i = start + 1; i < xs.length; i++) ctx.lineTo(xs[i], ys[i]);
    ctx.stroke();
  }

  function point(event) {
    const box = canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * UNITS;
    const y = ((event.clientY - box.top) / box.height) * UNITS;
    return [round(Math.min(UNITS, Math.max(0, x))), round(Math.min(UNITS, Math.max(0, y)))];
  }

  function add(event) {
    const [x, y] = point(event);
    const [xs, ys, ts] = current;
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === x && ys[last] === y) return false;
    xs.push(x);
    ys.push(y);
    ts.push(Math.round(event.timeStamp - started));
    return true;
  }

  function down(event) {
    if (pointer !== null || (event.pointerType === 'mouse' && event.button !== 0)) return;
    event.preventDefault();
    pointer = event.pointerId;
    try {
      canvas.setPointerCapture(pointer);
    } catch (ignored) {
      // a synthetic pointer cannot be captured; the stroke still follows it over the canvas
    }
    if (strokes.length === 0) started = event.timeStamp;
    current = [[], [], []];
    strokes.push(current);
    add(event);
    paint(current, 0);
    onDraw('move');
  }

  function move(event) {
    if (event.pointerId !== pointer || !current) return;
    event.preventDefault();
    const from = current[0].length;
    // the coalesced events are the pen's full path between two frames: smoother curves on fast strokes
    const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    let grew = false;
    for (const e of events.length ? events : [event]) grew = add(e) || grew;
    if (grew) {
      paint(current, from);
      onDraw('move');
    }
  }

  function up(event) {
    if (event.pointerId !== pointer) return;
    pointer = null;
    current = null;
    onDraw('end');
  }

  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  // no page scroll or zoom starting on the pad (touch-action in CSS), no context menu on a long press
  canvas.addEventListener('contextmenu', (event) => event.preventDefault());

  // the backing store follows the pad's size on screen and the screen's pixel density, so strokes stay sharp
  const resize = new ResizeObserver(() => {
    const size = Math.round(canvas.clientWidth * (window.devicePixelRatio || 1));
    if (size > 0 && size !== canvas.width) {
      canvas.width = size;
      canvas.height = size;
      redraw();
    }
  });
  resize.observe(canvas);
  redraw();

  return {
    element: canvas,
    canvas,
    /** The drawing as the API takes it: one [[xs], [ys], [ts]] per stroke. */
    strokes() {
      return strokes.map(([xs, ys, ts]) => [xs.slice(), ys.slice(), ts.slice()]);
    },
    isEmpty() {
      return strokes.length === 0;
    },
    undo() {
      if (pointer !== null) return;
      strokes.pop();
      redraw();
      onDraw('undo');
    },
    clear() {
      strokes.length = 0;
      current = null;
      pointer = null;
      redraw();
    },
    destroy() {
      resize.disconnect();
    },
  };
}

function round(v) {
  return Math.round(v * 10) / 10;
}
