// The form of a table model, generated from the model's own OpenAPI document: one labelled input per column in
// file order, numbers prefilled with the example row (the training means), categories as a <select> of the
// training categories. The service checks every cell; its refusals land at the input they name.
import * as api from '../../api.js';
import { h, fill, card, problem, loading, num } from '../../ui.js';
import { answer, notes, answeredBy } from './result.js';

export async function tableForm(container, { path, model, signal }) {
  fill(container, loading('Reading the model’s inputs…'));
  let doc;
  try {
    doc = await api.get(`${path}/openapi.json`, { signal });
  } catch (e) {
    fill(container, problem(e));
    return null;
  }
  const schema = doc.components && doc.components.schemas && doc.components.schemas.Row;
  if (!schema || !schema.properties) {
    fill(container, h('p', { class: 'problem' }, 'This model’s document describes no table row to fill in.'));
    return null;
  }
  const example = exampleRow(doc);
  const stats = new Map(((model.preprocessing || {}).features || []).map((f) => [f.name, f]));
  const fields = Object.entries(schema.properties).map(([name, cell], i) =>
    field(name, cell, example[name], stats.get(name), i),
  );

  const result = h('div', { class: 'predict-result', id: 'predict-result', 'aria-live': 'polite' });
  const status = h('div', { class: 'predict-status' });
  const sent = h('pre', { class: 'predict-request' });
  const button = h('button', { type: 'submit', class: 'primary', id: 'predict-button' }, 'Predict');
  const reset = h('button', { type: 'button', id: 'predict-reset' }, 'Back to the example');
  const form = h(
    'form',
    { class: 'predict-form', id: 'predict-form', novalidate: true },
    h('div', { class: 'predict-fields' }, fields.map((f) => f.element)),
    h('div', { class: 'row predict-actions' }, button, reset),
    status,
  );
  const labelName = (model.preprocessing || {}).label;
  const regression = /regression/i.test(String(model.task || (model.preprocessing || {}).task || ''));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const f of fields) f.clearError();
    fill(status);
    const row = Object.fromEntries(fields.map((f) => [f.name, f.value()]));
    const request = { rows: [row] };
    sent.textContent = `POST ${path}/predictions\n${JSON.stringify(request, null, 2)}`;
    button.disabled = true;
    fill(result, loading('Predicting…'));
    try {
      const response = await api.post(`${path}/predictions`, request, { signal });
      const prediction = response.predictions[0];
      for (const n of prediction.notes || []) {
        const f = fields.find((x) => n.field === `rows[0].${x.name}`);
        if (f) f.note(n.reason);
      }
      fill(
        result,
        answer(prediction, { labelName: regression ? null : labelName, target: regression ? labelName : null }),
        notes(prediction.notes),
        answeredBy(response),
      );
    } catch (e) {
      if (e.name === 'AbortError') return;
      fill(result, h('p', { class: 'muted' }, 'No prediction: the service refused the row.'));
      showRefusal(e, fields, status);
    } finally {
      button.disabled = false;
    }
  });
  reset.addEventListener('click', () => {
    for (const f of fields) {
      f.clearError();
      f.reset();
    }
    fill(status);
  });

  fill(
    container,
    h(
      'div',
      { class: 'grid predict-grid' },
      card(
        'Inputs',
        h('p', { class: 'hint' }, 'Prefilled with a row of the training means and most frequent categories.'),
        form,
      ),
      card(
        'Prediction',
        result,
        h('details', { class: 'predict-details' }, h('summary', {}, 'The request sent'), sent),
      ),
    ),
  );
  fill(result, h('p', { class: 'muted' }, 'Change the inputs and press Predict.'));
  return null;
}

/** The example request's first row: the document's ready-to-send example. */
function exampleRow(doc) {
  try {
    const post = Object.values(doc.paths)[0].post;
    return post.requestBody.content['application/json'].examples.example.value.rows[0] || {};
  } catch (missing) {
    return {};
  }
}

/** One column's input: a text box for numbers (the service checks them), a <select> for categories. */
function field(name, cell, example, stats, index) {
  const id = `col-${index}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const known = categories(cell);
  const nullable = Boolean(cell.nullable);
  const error = h('p', { class: 'field-error', id: errorId, hidden: true });
  const hint = h('p', { class: 'hint', id: hintId }, describe(cell, known, stats, nullable));
  const noteBox = h('p', { class: 'hint predict-note', id: `${id}-note`, hidden: true });
  let control;
  let other = null;
  if (known) {
    const select = h(
      'select',
      { id, name, 'aria-describedby': `${hintId} ${errorId}` },
      nullable ? h('option', { value: '' }, '(missing)') : null,
      known.map((c) => h('option', { value: c }, c)),
    );
    // unknownCategories=ignore: any other text is answered too (encoded as zeros, said in the notes)
    if (cell.anyOf) {
      select.append(h('option', { value: '\u0000other' }, 'Another value…'));
      other = h('input', {
        id: `${id}-other`,
        type: 'text',
        'aria-label': `${name}: another value`,
        hidden: true,
        class: 'predict-other',
      });
      select.addEventListener('change', () => {
        other.hidden = select.value !== '\u0000other';
        if (!other.hidden) other.focus();
      });
    }
    control = select;
  } else {
    control = h('input', {
      id,
      name,
      type: 'text',
      inputmode: 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': `${hintId} ${errorId}`,
    });
  }
  const initial = example === undefined || example === null ? '' : String(known ? example : readable(example));
  const reset = () => {
    control.value = initial;
    if (known && control.value !== initial) control.selectedIndex = 0;
    if (other) {
      other.value = '';
      other.hidden = true;
    }
  };
  reset();
  const element = h(
    'div',
    { class: 'predict-field' },
    h('label', { for: id }, name),
    control,
    other,
    hint,
    noteBox,
    error,
  );
  return {
    name,
    element,
    reset,
    value() {
      if (known) {
        if (other && control.value === '\u0000other') return other.value;
        return control.value === '' && nullable ? null : control.value;
      }
      const text = control.value.trim();
      if (text === '') return null;
      const n = Number(text);
      // anything that is not a plain number goes as typed, for the service to refuse with its reason
      return Number.isFinite(n) ? n : text;
    },
    showError(messages) {
      error.textContent = messages.join(' ');
      error.hidden = false;
      control.setAttribute('aria-invalid', 'true');
    },
    note(reason) {
      noteBox.textContent = reason;
      noteBox.hidden = false;
    },
    clearError() {
      error.hidden = true;
      error.textContent = '';
      noteBox.hidden = true;
      control.removeAttribute('aria-invalid');
    },
    focus() {
      control.focus();
    },
  };
}

/** A training mean as a person would type it: four significant digits (5.843, -0.9259, 123457). */
function readable(value) {
  if (typeof value !== 'number' || !Number.isFinite(value) || Number.isInteger(value)) return value;
  const decimals = Math.min(6, Math.max(0, 3 - Math.floor(Math.log10(Math.abs(value)))));
  return Number(value.toFixed(decimals));
}

function categories(cell) {
  if (Array.isArray(cell.enum)) return cell.enum.map(String);
  if (Array.isArray(cell.anyOf)) {
    const listed = cell.anyOf.find((s) => Array.isArray(s.enum));
    if (listed) return listed.enum.map(String);
  }
  return null;
}

function describe(cell, known, stats, nullable) {
  const parts = [];
  if (known) {
    parts.push(`${known.length} ${known.length === 1 ? 'category' : 'categories'}`);
  } else if (stats && typeof stats.mean === 'number') {
    parts.push(`number; training mean ${num(stats.mean, 3)}, sd ${num(stats.std, 3)}`);
  } else {
    parts.push('number');
  }
  if (nullable) parts.push('may be left empty (filled as in training)');
  return parts.join(' · ');
}

/** A refusal: each error naming a column goes to its input; the rest (and the problem's title) above them. */
function showRefusal(error, fields, status) {
  const byField = error.fields ? error.fields() : {};
  const rest = [];
  let first = null;
  let marked = 0;
  for (const e of (error.problem && error.problem.errors) || []) {
    const f = fields.find((x) => e.field === `rows[0].${x.name}`);
    if (!f) rest.push(e);
  }
  for (const f of fields) {
    const messages = byField[`rows[0].${f.name}`];
    if (messages) {
      f.showError(messages);
      first = first || f;
      marked++;
    }
  }
  if (first && rest.length === 0) {
    // every complaint is shown at its input: the box only says so (the detail would repeat them)
    const p = error.problem;
    fill(
      status,
      h(
        'div',
        { class: 'problem', role: 'alert' },
        h('strong', {}, `${p.title || 'Refused'} (${error.status})`),
        h('p', {}, `The service refused ${marked === 1 ? 'the marked field' : `${marked} marked fields`}: correct and predict again.`),
      ),
    );
  } else if (error.problem) {
    const shown = { status: error.status, problem: { ...error.problem, errors: rest } };
    fill(status, problem(shown));
  } else {
    fill(status, problem(error));
  }
  if (first) first.focus();
}
