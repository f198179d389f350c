// An image model: draw on the pad and the model answers as you draw (while a stroke grows, at most one request
// in flight, and at every stroke's end), or upload a picture. Either way the answer shows the best classes as
// bars and the small image the model actually saw.
import * as api from '../../api.js';
import { h, fill, card, problem, loading } from '../../ui.js';
import { drawingPad } from './draw.js';
import { answer } from './result.js';

/** While a stroke grows, ask at most this often (the answer of the previous request must be back too). */
const WHILE_DRAWING_MS = 250;

export function imagePredictor(container, { path, model, signal }) {
  const p = model.preprocessing || {};
  const [channels, height, width] = p.inputShape || [1, 28, 28];
  const classes = p.classes || [];
  const topK = Math.max(1, Math.min(classes.length >= 5 ? 5 : 3, classes.length || 3));
  const takesDrawings = channels === 1 && height === 28 && width === 28;
  const doodles = p.style === 'quickdraw';
  let gone = false;
  let preview = null;
  // a clear, an undo to nothing or an upload starts a new epoch: answers from before it are stale
  let epoch = 0;
  let inFlight = false;
  let again = false;
  let lastSent = 0;

  const result = h('div', { class: 'predict-result', id: 'predict-result', 'aria-live': 'polite' });
  const seen = h('div', { class: 'predict-seen' });
  const source = h('p', { class: 'hint predict-source' });
  fill(result, h('p', { class: 'muted' }, takesDrawings ? 'Draw something: the answer appears as you draw.' : 'Upload a picture.'));

  let pad = null;
  if (takesDrawings) {
    pad = drawingPad({
      label: `Drawing pad: draw ${doodles ? 'a doodle' : 'a digit'} with a mouse, finger or pen`,
      onDraw(phase) {
        if (pad.isEmpty()) {
          epoch++;
          idle();
          return;
        }
        if (preview) {
          // a drawing replaces the uploaded picture: its preview would sit beside an answer about something else
          URL.revokeObjectURL(preview);
          preview = null;
          fill(uploaded);
          upload.value = '';
        }
        if (phase === 'move' && performance.now() - lastSent < WHILE_DRAWING_MS) return;
        predictDrawing();
      },
    });
  }

  function idle() {
    fill(result, h('p', { class: 'muted' }, 'Draw something: the answer appears as you draw.'));
    fill(seen);
    fill(source);
  }

  function predictDrawing() {
    if (inFlight) {
      again = true;
      return;
    }
    send();
  }

  async function send() {
    inFlight = true;
    again = false;
    lastSent = performance.now();
    const mine = epoch;
    const body = { drawings: [pad.strokes()], topK, includeInput: true };
    try {
      const response = await api.post(`${path}/predictions`, body, { signal });
      if (!gone && mine === epoch) show(response.predictions[0], 'From your drawing.');
    } catch (e) {
      if (!gone && mine === epoch && e.name !== 'AbortError') showError(e);
    } finally {
      inFlight = false;
      if (again && !gone && !pad.isEmpty()) send();
    }
  }

  function show(prediction, from) {
    fill(result, answer(prediction, { preferTop: true }));
    fill(source, from);
    if (prediction.input) {
      fill(
        seen,
        h('img', {
          src: `data:image/png;base64,${prediction.input}`,
          alt: `The ${width}×${height} picture the model saw`,
          class: 'predict-input',
          id: 'predict-input',
          width: width,
          height: height,
        }),
        h('p', { class: 'hint' }, `What the model saw: ${width}×${height} pixels, scaled up.`),
      );
    } else {
      fill(seen);
    }
  }

  function showError(e) {
    fill(result, problem(e));
    fill(seen);
  }

  const upload = h('input', {
    type: 'file',
    id: 'predict-file',
    accept: 'image/png,image/jpeg',
    'aria-describedby': 'predict-file-hint',
  });
  const uploaded = h('div', { class: 'predict-uploaded' });
  upload.addEventListener('change', async () => {
    const file = upload.files && upload.files[0];
    if (!file) return;
    epoch++;
    const mine = epoch;
    if (pad) pad.clear();
    if (preview) URL.revokeObjectURL(preview);
    preview = URL.createObjectURL(file);
    fill(uploaded, h('img', { src: preview, alt: `Your picture ${file.name}`, class: 'predict-preview' }));
    fill(result, loading('Predicting…'));
    fill(seen);
    fill(source);
    const form = new FormData();
    form.append('files', file, file.name);
    form.append('topK', String(topK));
    form.append('includeInput', 'true');
    try {
      const response = await api.postForm(`${path}/predictions`, form, { signal });
      if (!gone && mine === epoch) show(response.predictions[0], `From ${file.name}.`);
    } catch (e) {
      if (!gone && mine === epoch && e.name !== 'AbortError') showError(e);
    }
  });

  const undo = h('button', { type: 'button', id: 'draw-undo', onclick: () => pad.undo() }, 'Undo');
  const clear = h(
    'button',
    {
      type: 'button',
      id: 'draw-clear',
      onclick: () => {
        pad.clear();
        epoch++;
        idle();
      },
    },
    'Clear',
  );

  fill(
    container,
    h(
      'div',
      { class: 'grid predict-grid' },
      pad
        ? card(
            'Draw',
            h(
              'p',
              { class: 'hint' },
              doodles
                ? `Draw one of: ${listed(classes)}. Black on white, as large as you like.`
                : 'Draw large, in the middle, black on white; the model crops and centres it as its training images were.',
            ),
            h('div', { class: 'draw-wrap' }, pad.element),
            h('div', { class: 'row draw-actions' }, undo, clear),
          )
        : null,
      card('Prediction', source, result, seen),
      card(
        pad ? 'Or upload a picture' : 'Upload a picture',
        h('label', { for: 'predict-file' }, 'Picture (PNG or JPEG)'),
        upload,
        h(
          'p',
          { class: 'hint', id: 'predict-file-hint' },
          `Any size: dark on light or light on dark; it is prepared as the training images were (${width}×${height}).`,
        ),
        uploaded,
      ),
    ),
  );

  return {
    pad,
    destroy() {
      gone = true;
      if (pad) pad.destroy();
      if (preview) URL.revokeObjectURL(preview);
    },
  };
}

/** The classes to draw, shortened when a doodle model knows hundreds. */
function listed(classes) {
  const shown = classes.slice(0, 24).join(', ');
  return classes.length > 24 ? `${shown} and ${classes.length - 24} more` : shown;
}
