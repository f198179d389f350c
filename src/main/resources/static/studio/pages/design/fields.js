// One labelled control per spec field, bound to its path. An emptied control removes the key, so the spec's
// default applies (the placeholder shows which); what a control cannot turn into JSON (a "3, x" kernel) is
// marked at the control and leaves the spec unchanged. Every control is registered under its JSON path so the
// dry run's field errors land under it.
import { h } from '../../ui.js';
import { INITIALIZERS, INITIALIZER_ARGS } from './schema.js';
import { pathText, controlId } from './paths.js';

/**
 * ctx: {get(path), set(path, value, {rebuild}), register(pathText, {control, slot})}.
 * def: {key, label, kind, options, placeholder, required, min, max, step, hint}.
 */
export function field(ctx, path, def) {
  const id = controlId(path);
  const slot = h('div', { class: 'slot' });
  const hintId = def.hint ? `${id}-hint` : null;
  const control = makeControl(ctx, path, def, id, slot);
  const main = control.main || control;
  if (hintId) main.setAttribute('aria-describedby', hintId);
  ctx.register(pathText(path), { control: main, slot });
  return h(
    'div',
    { class: `field field-${def.kind}` },
    h('label', { for: id }, def.label, def.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control.node || control,
    hintId ? h('p', { class: 'hint', id: hintId }, def.hint) : null,
    slot,
  );
}

function makeControl(ctx, path, def, id, slot) {
  const value = ctx.get(path);
  const common = { id, name: id, 'data-path': pathText(path) };
  if (def.required) common['aria-required'] = 'true';
  switch (def.kind) {
    case 'int':
    case 'number':
      return numberInput(ctx, path, def, common, value, slot);
    case 'select':
      return select(ctx, path, def, common, value, def.options);
    case 'bool':
      return select(ctx, path, def, common, value, ['true', 'false'], (v) => v === 'true');
    case 'pair':
      return textInput(ctx, path, def, common, value, slot, parsePair);
    case 'shape':
      return textInput(ctx, path, def, common, value, slot, parseShape);
    case 'batch':
      return textInput(ctx, path, def, common, value, slot, parseBatch);
    case 'initializer':
      return initializer(ctx, path, def, common, value);
    case 'refs':
      // layers by name or index, comma-separated; "[]" (or "none") freezes none
      return textInput(ctx, path, def, common, value, slot, (t) => ({
        value: /^(\[\]|none)$/i.test(t) ? [] : t.split(',').map((p) => p.trim()).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      }));
    case 'ref':
      // a layer by name, or by its index when the text is a whole number (a name starts with a letter)
      return textInput(ctx, path, def, common, value, slot, (t) => ({ value: /^\d+$/.test(t) ? Number(t) : t }));
    default:
      return textInput(ctx, path, def, common, value, slot, (t) => ({ value: t }));
  }
}

/** A message of the form's own (not the service's) at a control, replaced by the next input. */
export function localError(control, slot, message) {
  slot.querySelectorAll('.field-error.local').forEach((e) => e.remove());
  if (!message) {
    if (!slot.querySelector('.field-error')) {
      control.removeAttribute('aria-invalid');
    }
    return;
  }
  control.setAttribute('aria-invalid', 'true');
  slot.append(h('p', { class: 'field-error local' }, message));
}

function numberInput(ctx, path, def, common, value, slot) {
  const input = h('input', {
    ...common,
    type: 'number',
    inputmode: def.kind === 'int' ? 'numeric' : 'decimal',
    step: def.kind === 'int' ? '1' : def.step || 'any',
    min: def.min,
    max: def.max,
    placeholder: def.placeholder || (def.required ? '' : 'default'),
    value: typeof value === 'number' ? String(value) : null,
  });
  if (value !== undefined && typeof value !== 'number') {
    // the JSON holds something else (a string, say): shown as a placeholder, the service says what is wrong
    input.placeholder = JSON.stringify(value);
  }
  input.addEventListener('input', () => {
    if (input.value === '') {
      if (input.validity.badInput) {
        localError(input, slot, 'Not a number.');
        return;
      }
      localError(input, slot, null);
      ctx.set(path, undefined);
      return;
    }
    localError(input, slot, null);
    ctx.set(path, Number(input.value));
  });
  return input;
}

function textInput(ctx, path, def, common, value, slot, parse) {
  const input = h('input', {
    ...common,
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    placeholder: def.placeholder || 'default',
    value: value === undefined ? null : Array.isArray(value) ? value.join(', ') : String(value),
  });
  input.addEventListener('input', () => {
    const text = input.value.trim();
    if (text === '') {
      localError(input, slot, null);
      ctx.set(path, undefined);
      return;
    }
    const parsed = parse(text);
    if (parsed.error) {
      localError(input, slot, parsed.error);
      return;
    }
    localError(input, slot, null);
    ctx.set(path, parsed.value);
  });
  return input;
}

function parsePair(text) {
  const parts = text.replace(/^\[|\]$/g, '').split(/[\s,x×]+/).filter(Boolean);
  const numbers = parts.map(Number);
  if (parts.length < 1 || parts.length > 2 || numbers.some((n) => !Number.isInteger(n))) {
    return { error: 'One whole number, or two as "height, width".' };
  }
  return { value: numbers.length === 1 ? numbers[0] : numbers };
}

function parseShape(text) {
  const parts = text.replace(/^\[|\]$/g, '').split(/[\s,x×]+/).filter(Boolean);
  const numbers = parts.map(Number);
  if (parts.length < 1 || parts.length > 3 || numbers.some((n) => !Number.isInteger(n))) {
    return { error: 'One to three whole numbers, such as "1, 6, 7"; one of them may be -1.' };
  }
  return { value: numbers };
}

function parseBatch(text) {
  if (text === 'all') return { value: 'all' };
  const n = Number(text);
  if (!Number.isInteger(n)) return { error: 'A whole number, or "all" for full-batch gradient descent.' };
  return { value: n };
}

function select(ctx, path, def, common, value, options, convert = (v) => v, onChange = null) {
  const current = value === undefined || value === null ? '' : String(value);
  const el = h('select', common);
  if (!def.required || current === '') {
    el.append(
      h('option', { value: '' }, def.required ? 'choose…' : `default${def.placeholder ? ` (${def.placeholder})` : ''}`),
    );
  }
  const all = options.includes(current) || current === '' ? options : [...options, current];
  for (const o of all) el.append(h('option', { value: o }, o));
  el.value = current;
  el.addEventListener('change', () => {
    if (onChange) onChange(el.value);
    else ctx.set(path, el.value === '' ? undefined : convert(el.value), { rebuild: def.rebuild });
  });
  return el;
}

/** A name, or {type, arguments…} when the initializer takes arguments and some are set. */
function initializer(ctx, path, def, common, value) {
  const name = typeof value === 'string' ? value : value && typeof value === 'object' ? value.type : undefined;
  // arguments of the old choice that the new one also takes are kept
  const el = select(ctx, path, def, common, name, INITIALIZERS, undefined, (chosen) => {
    if (!chosen) return ctx.set(path, undefined, { rebuild: true });
    const old = ctx.get(path);
    const kept = {};
    if (old && typeof old === 'object') {
      for (const [k] of INITIALIZER_ARGS[chosen] || []) if (old[k] !== undefined) kept[k] = old[k];
    }
    const withArgs = Object.keys(kept).length > 0 || chosen === 'constant';
    return ctx.set(path, withArgs ? { type: chosen, ...kept } : chosen, { rebuild: true });
  });
  const args = INITIALIZER_ARGS[name] || [];
  if (args.length === 0) return el;
  const extra = h(
    'div',
    { class: 'init-args' },
    args.map(([key, placeholder]) => {
      const argPath = [...path, key];
      const argId = controlId(argPath);
      const slot = h('div', { class: 'slot' });
      const objectValue = value && typeof value === 'object' ? value[key] : undefined;
      const input = h('input', {
        id: argId,
        type: 'number',
        step: 'any',
        'data-path': pathText(argPath),
        placeholder,
        value: typeof objectValue === 'number' ? String(objectValue) : null,
      });
      input.addEventListener('input', () => {
        const now = ctx.get(path);
        const object = now && typeof now === 'object' ? { ...now } : { type: name };
        if (input.value === '') delete object[key];
        else object[key] = Number(input.value);
        ctx.set(path, object);
      });
      ctx.register(pathText(argPath), { control: input, slot });
      return h('div', { class: 'init-arg' }, h('label', { for: argId }, `${name} ${key}`), input, slot);
    }),
  );
  return { main: el, node: h('div', { class: 'init' }, el, extra) };
}
