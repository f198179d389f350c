// A layer's place in a graph (docs/spec.md, "Graphs"): an optional name other layers refer to, and the layers it
// takes. The inputs are a text box ("h1, h2": the JSON's list) with a button per name it may take under it, so
// a graph is built by clicking; a merge toggles names in and out, any other layer takes one. Names are typed by
// people, so they only ever reach the page as text (textContent, attributes), never as HTML.
import { h } from '../../ui.js';
import { LAYERS, MAX_MERGED } from './schema.js';
import { field, localError } from './fields.js';
import { pathText, controlId } from './paths.js';

const NAME = {
  key: 'name',
  label: 'Name',
  kind: 'text',
  placeholder: 'none',
};

/**
 * The name and inputs fields of layer i. `wirings` collects every layer's update(), called when a name changes,
 * so the buttons of the layers after it follow without redrawing the form (which would move the caret).
 */
export function wiringFields(ctx, i, wirings) {
  const path = ['spec', 'layers', i];
  const merge = Boolean(LAYERS[ctx.get([...path, 'type'])]?.merge);
  const nameField = field(ctx, [...path, 'name'], NAME);
  nameField.querySelector('input').addEventListener('input', () => wirings.forEach((w) => w()));

  const inputsPath = [...path, 'inputs'];
  const id = controlId(inputsPath);
  const slot = h('div', { class: 'slot' });
  const hintId = `${id}-hint`;
  const input = h('input', {
    id,
    name: id,
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    'data-path': pathText(inputsPath),
    'aria-describedby': hintId,
    ...(merge ? { 'aria-required': 'true' } : {}),
  });
  const picks = h('div', { class: 'input-picks', role: 'group', 'aria-label': `Layer ${i + 1} takes` });
  const hint = h('p', { class: 'hint', id: hintId });

  const current = () => ctx.get(inputsPath);
  function setInputs(list) {
    ctx.set(inputsPath, list.length ? list : undefined);
    showValue();
    markPicks();
  }
  function showValue() {
    const value = current();
    input.value = Array.isArray(value) ? value.join(', ') : '';
  }
  function markPicks() {
    const value = current();
    const taken = Array.isArray(value) ? value : [];
    for (const button of picks.querySelectorAll('button')) {
      button.setAttribute('aria-pressed', String(taken.includes(button.dataset.name)));
    }
  }

  function update() {
    const layers = ctx.get(['spec', 'layers']) || [];
    const names = ['input'];
    for (let j = 0; j < i; j++) {
      const name = layers[j] && layers[j].name;
      if (typeof name === 'string' && name && !names.includes(name)) names.push(name);
    }
    const before = i === 0 ? 'input' : labelOf(layers[i - 1], i - 1);
    const value = current();
    // something else in the JSON (a string, say) is shown as is; the service says what is wrong
    if (value !== undefined && !Array.isArray(value)) input.placeholder = JSON.stringify(value);
    else input.placeholder = merge ? 'two or more, e.g. h1, h2' : `the layer before: ${before}`;
    picks.replaceChildren(
      ...names.map((name, k) =>
        h(
          'button',
          {
            type: 'button',
            class: `pick${name === 'input' ? ' model-input' : ''}`,
            id: `${id}-pick-${k}`,
            dataset: { name },
            title: merge ? `Merge ${name} too, or leave it out` : `Take ${name}`,
            onclick: () => pick(name),
          },
          name,
        ),
      ),
    );
    markPicks();
    hint.textContent = merge
      ? names.length < 3
        ? 'Give the layers to merge a name (their Name field): they can be picked here then.'
        : `Pick 2 to ${MAX_MERGED} layers to merge.`
      : 'Empty: the layer before. Pick another for a branch or a skip connection.';
  }

  function pick(name) {
    const value = current();
    const list = Array.isArray(value) ? [...value] : [];
    if (merge) {
      const at = list.indexOf(name);
      if (at >= 0) list.splice(at, 1);
      else list.push(name);
      setInputs(list);
    } else {
      setInputs(list.length === 1 && list[0] === name ? [] : [name]);
    }
    localError(input, slot, null);
  }

  input.addEventListener('input', () => {
    const text = input.value.replace(/[[\]"']/g, ' ').trim();
    const list = text ? text.split(/[\s,]+/).filter(Boolean) : [];
    localError(input, slot, null);
    ctx.set(inputsPath, list.length ? list : undefined);
    markPicks();
  });

  showValue();
  update();
  wirings.push(update);
  const entry = { control: input, slot };
  ctx.register(pathText(inputsPath), entry);
  // a refusal names the input it is about (inputs[1]); the message says which, so it shows at the one box
  for (let k = 0; k < MAX_MERGED; k++) ctx.register(`${pathText(inputsPath)}[${k}]`, entry);

  const inputsField = h(
    'div',
    { class: 'field field-inputs' },
    h(
      'label',
      { for: id },
      'Takes (inputs)',
      merge ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null,
    ),
    input,
    picks,
    hint,
    slot,
  );
  return h('div', { class: 'layer-wiring' }, nameField, inputsField);
}

/** How the tables and messages call a layer: its name, or its place in the list. */
function labelOf(layer, index) {
  return layer && typeof layer.name === 'string' && layer.name ? layer.name : `layers[${index}]`;
}
