// The training settings: loss and its options, the optimizer with its own fields, clipping and learning-rate
// schedule, epochs, batch size, splits, seed, mode, class weights, early stopping, and the image or table
// options. Less common groups sit in <details>, open when they hold a value (and opened by a field error).
import { h } from '../../ui.js';
import {
  LOSSES,
  OPTIMIZERS,
  CLIPPING,
  SCHEDULES,
  WARMUP,
  TRAINING,
  EARLY_STOPPING,
  IMAGES,
  TABLES,
  AUTOENCODER,
  TRANSFER,
  PHYSICS,
} from './schema.js';
import { field } from './fields.js';
import { getIn, setIn, controlId } from './paths.js';

const OPTIMIZER_COMMON = ['learningRate', 'schedule', 'clipNorm', 'clipValue'];

/** dataset: the chosen dataset's record (kind, task, classes) or null. */
export function trainingSection(ctx, spec, dataset) {
  return h(
    'div',
    { class: 'training' },
    fieldset('Loss', 'spec.lossOptions', lossFields(ctx, spec), ctx),
    fieldset('Optimizer', 'spec.optimizer', optimizerFields(ctx, spec), ctx),
    fieldset('Training', null, TRAINING.map((f) => field(ctx, ['spec', f.key], f))),
    group(
      ctx,
      'Learning-rate schedule and clipping',
      spec.optimizer && (spec.optimizer.schedule || spec.optimizer.clipNorm || spec.optimizer.clipValue),
      scheduleFields(ctx, spec),
    ),
    group(
      ctx,
      'Class weights and early stopping',
      spec.classWeights !== undefined || spec.earlyStopping !== undefined,
      classWeightFields(ctx, spec, dataset),
      earlyStoppingFields(ctx, spec),
    ),
    dataset?.kind === 'image' || spec.images !== undefined
      ? group(
          ctx,
          'Images: standardisation and augmentation',
          spec.images !== undefined,
          IMAGES.map((f) => field(ctx, ['spec', 'images', f.key], f)),
        )
      : null,
    dataset?.kind === 'tabular' || spec.tables !== undefined
      ? group(
          ctx,
          'Tables: prediction options',
          spec.tables !== undefined,
          TABLES.map((f) => field(ctx, ['spec', 'tables', f.key], f)),
        )
      : null,
    spec.task === 'reconstruction' || spec.autoencoder !== undefined
      ? group(
          ctx,
          'Autoencoder: noise and bottleneck',
          spec.autoencoder !== undefined,
          AUTOENCODER.map((f) => field(ctx, ['spec', 'autoencoder', f.key], f)),
        )
      : null,
    group(
      ctx,
      'Start from a trained model (transfer learning)',
      spec.from !== undefined || spec.unfreeze !== undefined,
      TRANSFER.map((f) => field(ctx, ['spec', 'from', f.key], f)),
      h(
        'p',
        { class: 'hint' },
        'The base model’s layers up to the one named come first, with their trained weights; the layers above are the new head. ',
        'Frozen layers keep the base’s weights (a layer of your own freezes with Trainable: false); release them later with "unfreeze": [{"epoch": 3, "layers": ["name"]}] in the JSON.',
      ),
    ),
    dataset?.kind === 'tabular' || spec.physics !== undefined
      ? group(
          ctx,
          'Physics-informed training (PINN)',
          spec.physics !== undefined,
          PHYSICS.map((f) => field(ctx, ['spec', 'physics', f.key], f)),
          h('p', { class: 'hint' }, 'For the catalog’s advection example: the loss is the PDE residual at collocation points plus the initial and boundary conditions; the dataset’s rows are the grid the error is measured on.'),
        )
      : null,
  );
}

function fieldset(legend, path, children, ctx) {
  const slot = h('div', { class: 'slot' });
  if (path && ctx) ctx.register(path, { slot });
  return h('fieldset', { class: 'group' }, h('legend', {}, legend), h('div', { class: 'fields' }, children), slot);
}

/** A <details> group: open when it holds a value, or as the person last left it (across redraws). */
function group(ctx, title, open, ...children) {
  const remembered = ctx.prefs.open[title];
  const details = h(
    'details',
    { class: 'group', open: remembered === undefined ? Boolean(open) : remembered },
    h('summary', {}, title),
    h('div', { class: 'fields' }, children),
  );
  details.addEventListener('toggle', () => {
    ctx.prefs.open[title] = details.open;
  });
  return details;
}

/** A context whose writes below `objectPath` first give that object its type (the spec needs one). */
function typed(ctx, objectPath, defaultType) {
  return {
    ...ctx,
    set(path, value, options) {
      const object = getIn(ctx.spec(), objectPath.slice(1));
      if (value !== undefined && (!object || typeof object !== 'object' || object.type === undefined)) {
        ctx.edit((spec) => setIn(spec, [...objectPath.slice(1), 'type'], defaultType));
      }
      ctx.set(path, value, options);
    },
  };
}

function lossFields(ctx, spec) {
  const loss = spec.loss;
  const options = spec.lossOptions && typeof spec.lossOptions === 'object' ? spec.lossOptions : {};
  const fields = [
    field(ctx, ['spec', 'loss'], {
      key: 'loss',
      label: 'Loss',
      kind: 'select',
      options: LOSSES,
      placeholder: 'auto',
      hint: 'auto: from the dataset and the output layer',
      rebuild: true,
    }),
  ];
  if (loss === 'huber' || options.delta !== undefined) {
    fields.push(
      field(ctx, ['spec', 'lossOptions', 'delta'], { key: 'delta', label: 'Huber δ', kind: 'number', placeholder: '1.0', min: 0 }),
    );
  }
  if (!loss || String(loss).includes('crossentropy') || options.fromLogits !== undefined) {
    fields.push(
      field(ctx, ['spec', 'lossOptions', 'fromLogits'], {
        key: 'fromLogits',
        label: 'From logits',
        kind: 'bool',
        placeholder: 'false',
        hint: 'true: a linear output, the loss applies softmax/sigmoid',
      }),
    );
  }
  return fields;
}

function optimizerFields(ctx, spec) {
  const optimizer = spec.optimizer && typeof spec.optimizer === 'object' ? spec.optimizer : {};
  const type = optimizer.type || 'adam';
  const id = controlId(['spec', 'optimizer', 'type']);
  const choose = h('select', { id, 'data-path': 'spec.optimizer.type' });
  const types = Object.keys(OPTIMIZERS);
  for (const t of types.includes(type) ? types : [...types, type]) choose.append(h('option', { value: t }, t));
  choose.value = type;
  choose.addEventListener('change', () =>
    ctx.mutate((s) => {
      // what both optimizers take survives the switch (the learning rate, the schedule, clipping, ε…)
      const old = s.optimizer && typeof s.optimizer === 'object' ? s.optimizer : {};
      const takes = new Set([...OPTIMIZER_COMMON, ...(OPTIMIZERS[choose.value] || []).map((f) => f.key)]);
      const next = { type: choose.value };
      for (const [k, v] of Object.entries(old)) if (k !== 'type' && takes.has(k)) next[k] = v;
      s.optimizer = next;
    }, id),
  );
  const slot = h('div', { class: 'slot' });
  ctx.register('spec.optimizer.type', { control: choose, slot });
  const inner = typed(ctx, ['spec', 'optimizer'], type);
  return [
    h('div', { class: 'field field-select' }, h('label', { for: id }, 'Optimizer'), choose, slot),
    ...(OPTIMIZERS[type] || []).map((f) => field(inner, ['spec', 'optimizer', f.key], f)),
  ];
}

function scheduleFields(ctx, spec) {
  const optimizer = spec.optimizer && typeof spec.optimizer === 'object' ? spec.optimizer : {};
  const schedule = optimizer.schedule && typeof optimizer.schedule === 'object' ? optimizer.schedule : {};
  const type = schedule.type || 'constant';
  const id = controlId(['spec', 'optimizer', 'schedule', 'type']);
  const choose = h('select', { id, 'data-path': 'spec.optimizer.schedule.type' });
  const types = Object.keys(SCHEDULES);
  for (const t of types.includes(type) ? types : [...types, type]) choose.append(h('option', { value: t }, t));
  choose.value = type;
  choose.addEventListener('change', () =>
    ctx.mutate((s) => {
      if (!s.optimizer || typeof s.optimizer !== 'object') s.optimizer = { type: 'adam' };
      if (!s.optimizer.type) s.optimizer.type = 'adam';
      const old = s.optimizer.schedule && typeof s.optimizer.schedule === 'object' ? s.optimizer.schedule : {};
      if (choose.value === 'constant' && !old.warmupSteps) delete s.optimizer.schedule;
      else {
        const next = { type: choose.value };
        if (old.warmupSteps !== undefined) next.warmupSteps = old.warmupSteps;
        s.optimizer.schedule = next;
      }
    }, id),
  );
  const slot = h('div', { class: 'slot' });
  ctx.register('spec.optimizer.schedule.type', { control: choose, slot });
  ctx.register('spec.optimizer.schedule', { slot });
  const optimizerType = optimizer.type || 'adam';
  const forOptimizer = typed(ctx, ['spec', 'optimizer'], optimizerType);
  const inner = typed(forOptimizer, ['spec', 'optimizer', 'schedule'], type);
  return [
    h('div', { class: 'field field-select' }, h('label', { for: id }, 'Schedule'), choose, slot),
    ...[...(SCHEDULES[type] || []), WARMUP].map((f) => field(inner, ['spec', 'optimizer', 'schedule', f.key], f)),
    ...CLIPPING.map((f) => field(forOptimizer, ['spec', 'optimizer', f.key], f)),
  ];
}

function classWeightFields(ctx, spec, dataset) {
  const value = spec.classWeights;
  const mode = value === undefined ? '' : value === 'balanced' ? 'balanced' : 'custom';
  const id = controlId(['spec', 'classWeights']);
  const choose = h(
    'select',
    { id, 'data-path': 'spec.classWeights' },
    h('option', { value: '' }, 'none (every class weighs 1)'),
    h('option', { value: 'balanced' }, 'balanced'),
    h('option', { value: 'custom' }, 'one weight per class'),
  );
  choose.value = mode;
  choose.addEventListener('change', () =>
    ctx.mutate((s) => {
      if (choose.value === '') delete s.classWeights;
      else if (choose.value === 'balanced') s.classWeights = 'balanced';
      else s.classWeights = value && typeof value === 'object' ? value : {};
    }, id),
  );
  const slot = h('div', { class: 'slot' });
  ctx.register('spec.classWeights', { control: choose, slot });
  const out = [h('div', { class: 'field field-select' }, h('label', { for: id }, 'Class weights'), choose, slot)];
  if (mode === 'custom') {
    const classes = new Set([...(dataset?.classes || []), ...Object.keys(value && typeof value === 'object' ? value : {})]);
    for (const name of classes) {
      out.push(
        field(ctx, ['spec', 'classWeights', name], { key: name, label: `Weight of ${name}`, kind: 'number', placeholder: '1', min: 0, max: 1000 }),
      );
    }
  }
  return out;
}

function earlyStoppingFields(ctx, spec) {
  const on = spec.earlyStopping !== undefined && spec.earlyStopping !== null;
  const id = 'f-earlyStopping';
  const box = h('input', { type: 'checkbox', id, 'data-path': 'spec.earlyStopping', checked: on });
  box.addEventListener('change', () =>
    ctx.mutate((s) => {
      if (box.checked) s.earlyStopping = { monitor: 'val_loss', patience: 5 };
      else delete s.earlyStopping;
    }, id),
  );
  const slot = h('div', { class: 'slot' });
  ctx.register('spec.earlyStopping', { control: box, slot });
  return [
    h('div', { class: 'field field-check' }, h('label', { for: id, class: 'check' }, box, ' Stop early'), slot),
    ...(on ? EARLY_STOPPING.map((f) => field(ctx, ['spec', 'earlyStopping', f.key], f)) : []),
  ];
}
