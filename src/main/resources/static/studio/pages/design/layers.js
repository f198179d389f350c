// The layer list: one card per layer with its type, its fields and buttons to move it up or down or remove it,
// and a control to add a layer at the end. Moving a layer keeps the keyboard focus on the button that moved it.
import { h } from '../../ui.js';
import { LAYERS, layerOfType } from './schema.js';
import { field } from './fields.js';
import { controlId } from './paths.js';
import { wiringFields } from './wiring.js';

const TYPES = Object.keys(LAYERS);

/** ctx as for fields, plus mutate(fn(spec), focusId): a structural change that redraws the form. */
export function layersSection(ctx, spec) {
  const list = h('ol', { class: 'layer-list', id: 'layer-list' });
  const slot = h('div', { class: 'slot' });
  ctx.register('spec.layers', { slot });
  const layers = spec.layers;
  if (layers !== undefined && !Array.isArray(layers)) {
    list.append(h('li', { class: 'muted' }, '"layers" is not a list: fix it in the JSON.'));
  } else if (!layers || layers.length === 0) {
    list.append(h('li', { class: 'muted empty' }, 'No layers yet: add one below or pick a preset.'));
  } else {
    const wirings = [];
    layers.forEach((layer, i) => list.append(layerCard(ctx, layer, i, layers.length, wirings)));
  }
  return h('div', { class: 'layers' }, slot, list, addControl(ctx));
}

function layerCard(ctx, layer, i, count, wirings) {
  const path = ['spec', 'layers', i];
  const slot = h('div', { class: 'slot' });
  ctx.register(`spec.layers[${i}]`, { slot });
  const isObject = layer && typeof layer === 'object' && !Array.isArray(layer);
  const type = isObject ? layer.type : undefined;
  const def = LAYERS[type];
  const typeId = controlId([...path, 'type']);
  const typeSelect = h('select', { id: typeId, 'data-path': `spec.layers[${i}].type` });
  if (!def) typeSelect.append(h('option', { value: type ?? '' }, type === undefined ? 'no type' : String(type)));
  for (const t of TYPES) typeSelect.append(h('option', { value: t }, t));
  typeSelect.value = def ? type : String(type ?? '');
  typeSelect.addEventListener('change', () =>
    ctx.mutate((spec) => {
      spec.layers[i] = layerOfType(typeSelect.value, isObject ? layer : {});
    }, typeId),
  );
  const typeSlot = h('div', { class: 'slot' });
  ctx.register(`spec.layers[${i}].type`, { control: typeSelect, slot: typeSlot });

  const n = i + 1;
  const move = (delta, which) =>
    ctx.mutate((spec) => {
      const [moved] = spec.layers.splice(i, 1);
      spec.layers.splice(i + delta, 0, moved);
    }, controlId([...path.slice(0, 2), i + delta, which]));
  const actions = h(
    'div',
    { class: 'layer-actions' },
    h(
      'button',
      {
        type: 'button',
        id: controlId([...path, 'up']),
        class: 'icon',
        'aria-label': `Move layer ${n} up`,
        title: 'Move up',
        disabled: i === 0,
        onclick: () => move(-1, i - 1 === 0 ? 'down' : 'up'),
      },
      '↑',
    ),
    h(
      'button',
      {
        type: 'button',
        id: controlId([...path, 'down']),
        class: 'icon',
        'aria-label': `Move layer ${n} down`,
        title: 'Move down',
        disabled: i === count - 1,
        onclick: () => move(1, i + 1 === count - 1 ? 'up' : 'down'),
      },
      '↓',
    ),
    h(
      'button',
      {
        type: 'button',
        id: controlId([...path, 'remove']),
        class: 'icon danger',
        'aria-label': `Remove layer ${n}`,
        title: 'Remove',
        onclick: () =>
          ctx.mutate(
            (spec) => {
              spec.layers.splice(i, 1);
            },
            count === 1 ? 'new-layer-type' : controlId([...path.slice(0, 2), Math.min(i, count - 2), 'remove']),
          ),
      },
      '✕',
    ),
  );

  return h(
    'li',
    { class: 'layer-card', 'data-path': `spec.layers[${i}]`, 'aria-label': `Layer ${n}` },
    h(
      'div',
      { class: 'layer-head' },
      h('span', { class: 'layer-index', 'aria-hidden': 'true' }, String(n)),
      h(
        'div',
        { class: 'layer-type' },
        h('label', { for: typeId, class: 'sr-only' }, `Layer ${n} type`),
        typeSelect,
        typeSlot,
      ),
      actions,
      h('span', { class: 'layer-shape', id: `layer-shape-${i}` }),
    ),
    def ? h('p', { class: 'hint layer-about' }, def.about) : null,
    def && def.fields.length
      ? h('div', { class: 'layer-fields' }, def.fields.map((f) => field(ctx, [...path, f.key], f)))
      : null,
    !def ? h('p', { class: 'muted' }, 'Not a layer type the builder knows: edit it in the JSON.') : null,
    isObject ? wiringFields(ctx, i, wirings) : null,
    slot,
  );
}

function addControl(ctx) {
  const choose = h('select', { id: 'new-layer-type' });
  const option = (t) => h('option', { value: t }, LAYERS[t].label);
  choose.append(
    h('optgroup', { label: 'Layers' }, TYPES.filter((t) => !LAYERS[t].merge).map(option)),
    h('optgroup', { label: 'Merges (graphs)' }, TYPES.filter((t) => LAYERS[t].merge).map(option)),
  );
  // the choice outlives the redraw that adding a layer makes
  choose.value = ctx.prefs.newLayerType || 'dense';
  choose.addEventListener('change', () => {
    ctx.prefs.newLayerType = choose.value;
  });
  return h(
    'div',
    { class: 'add-layer row' },
    h('label', { for: 'new-layer-type' }, 'New layer'),
    choose,
    h(
      'button',
      {
        type: 'button',
        id: 'add-layer',
        onclick: () =>
          ctx.mutate(
            (spec) => {
              if (!Array.isArray(spec.layers)) spec.layers = [];
              spec.layers.push(layerOfType(choose.value));
            },
            // the new layer's first field, ready to type into
            () => firstFieldOfLast(),
          ),
      },
      'Add layer',
    ),
  );
}

function firstFieldOfLast() {
  const cards = document.querySelectorAll('#layer-list .layer-card');
  const last = cards[cards.length - 1];
  return last && (last.querySelector('.layer-fields input, .layer-fields select, .layer-wiring input') || last.querySelector('select'));
}
