// What the builder knows about the spec (docs/spec.md): the names it may use, every layer type with its fields,
// and the training settings. The form is drawn from these lists, so a field added here shows up everywhere.
// Field kinds: int, number, text, select (options), bool (unset / true / false), pair (one number or
// [height, width]), shape (1 to 3 whole numbers, one of them may be -1), initializer (a name or an object with
// arguments), batch (a number or "all").

export const ACTIVATIONS = [
  'linear', 'relu', 'sigmoid', 'tanh', 'softmax', 'leaky_relu', 'elu', 'selu', 'gelu', 'softplus', 'swish',
  'step', 'sign',
];

export const INITIALIZERS = [
  'glorot_uniform', 'glorot_normal', 'he_uniform', 'he_normal', 'lecun_uniform', 'lecun_normal',
  'random_uniform', 'random_normal', 'truncated_normal', 'zeros', 'ones', 'constant',
];

/** The arguments an initializer takes, with their defaults (constant's value is required). */
export const INITIALIZER_ARGS = {
  random_uniform: [['minval', '-0.05'], ['maxval', '0.05']],
  random_normal: [['mean', '0'], ['stddev', '0.05']],
  truncated_normal: [['mean', '0'], ['stddev', '0.05']],
  constant: [['value', 'required']],
};

export const LOSSES = [
  'categorical_crossentropy', 'sparse_categorical_crossentropy', 'binary_crossentropy', 'hinge', 'mse', 'mae',
  'huber',
];

const PADDINGS = ['valid', 'same'];

/** Keras' trainable: false keeps a layer's weights as they are (spec.unfreeze releases it; docs/transfer.md). */
const TRAINABLE = { key: 'trainable', label: 'Trainable', kind: 'bool', placeholder: 'true', hint: 'false: frozen' };

const weights = [
  { key: 'kernelInitializer', label: 'Weight initializer', kind: 'initializer', placeholder: 'glorot_uniform' },
  { key: 'biasInitializer', label: 'Bias initializer', kind: 'initializer', placeholder: 'zeros' },
  { key: 'l1', label: 'L1 penalty', kind: 'number', placeholder: '0', min: 0, max: 100 },
  { key: 'l2', label: 'L2 penalty', kind: 'number', placeholder: '0', min: 0, max: 100 },
  TRAINABLE,
];

/** Every layer type: what it does (one line), its fields, and what a new one starts with. */
export const LAYERS = {
  dense: {
    label: 'dense (fully connected)',
    about: 'Fully connected: activation(x·Wᵀ + b).',
    fields: [
      { key: 'units', label: 'Units', kind: 'int', required: true, min: 1, max: 65536 },
      { key: 'activation', label: 'Activation', kind: 'select', options: ACTIVATIONS, placeholder: 'linear' },
      ...weights,
    ],
    start: { units: 16, activation: 'relu' },
  },
  dropout: {
    label: 'dropout',
    about: 'Zeroes a fraction of its inputs while training.',
    fields: [{ key: 'rate', label: 'Rate', kind: 'number', required: true, min: 0, max: 0.99, step: 0.05 }],
    start: { rate: 0.2 },
  },
  activation: {
    label: 'activation',
    about: 'An activation on its own (alpha for leaky_relu and elu).',
    fields: [
      { key: 'activation', label: 'Activation', kind: 'select', options: ACTIVATIONS, required: true },
      { key: 'alpha', label: 'Alpha', kind: 'number', placeholder: '0.2 / 1.0', min: 0, max: 10, hint: 'leaky_relu, elu' },
    ],
    start: { activation: 'relu' },
  },
  conv2d: {
    label: 'conv2d (convolution)',
    about: 'Convolution over images: channels × height × width.',
    fields: [
      { key: 'filters', label: 'Filters', kind: 'int', required: true, min: 1, max: 4096 },
      { key: 'kernelSize', label: 'Kernel size', kind: 'pair', required: true, placeholder: '3 or 3, 5' },
      { key: 'strides', label: 'Strides', kind: 'pair', placeholder: '1' },
      { key: 'padding', label: 'Padding', kind: 'select', options: PADDINGS, placeholder: 'valid' },
      { key: 'activation', label: 'Activation', kind: 'select', options: ACTIVATIONS, placeholder: 'linear' },
      ...weights,
    ],
    start: { filters: 32, kernelSize: 3, activation: 'relu' },
  },
  maxpool2d: {
    label: 'maxpool2d',
    about: 'The largest value of each pool.',
    fields: [
      { key: 'poolSize', label: 'Pool size', kind: 'pair', placeholder: '2' },
      { key: 'strides', label: 'Strides', kind: 'pair', placeholder: 'pool size' },
      { key: 'padding', label: 'Padding', kind: 'select', options: PADDINGS, placeholder: 'valid' },
    ],
    start: { poolSize: 2 },
  },
  avgpool2d: {
    label: 'avgpool2d',
    about: 'The mean of each pool.',
    fields: [
      { key: 'poolSize', label: 'Pool size', kind: 'pair', placeholder: '2' },
      { key: 'strides', label: 'Strides', kind: 'pair', placeholder: 'pool size' },
      { key: 'padding', label: 'Padding', kind: 'select', options: PADDINGS, placeholder: 'valid' },
    ],
    start: { poolSize: 2 },
  },
  globalavgpool2d: { label: 'globalavgpool2d', about: 'Mean over height and width: (C, H, W) → (C).', fields: [], start: {} },
  batchnorm: {
    label: 'batchnorm',
    about: 'Normalises each channel with moving statistics.',
    fields: [
      { key: 'momentum', label: 'Momentum', kind: 'number', placeholder: '0.99', min: 0, max: 1 },
      { key: 'epsilon', label: 'Epsilon', kind: 'number', placeholder: '0.001', min: 0 },
      TRAINABLE,
    ],
    start: {},
  },
  flatten: { label: 'flatten', about: '(C, H, W) → (C·H·W): before a dense layer on images.', fields: [], start: {} },
  maxout: {
    label: 'maxout',
    about: 'Each unit is the largest of K affine pieces: max(w₁ᵀx + b₁, …, w_Kᵀx + b_K); it takes no activation.',
    fields: [
      { key: 'units', label: 'Units', kind: 'int', required: true, min: 1, max: 65536 },
      { key: 'pieces', label: 'Pieces (K)', kind: 'int', placeholder: '2', min: 2, max: 16 },
      ...weights,
    ],
    start: { units: 16, pieces: 2 },
  },
  reshape: {
    label: 'reshape',
    about: "Each row's values in another shape, e.g. a 42-column table as a 1 × 6 × 7 board for conv2d.",
    fields: [
      {
        key: 'targetShape',
        label: 'Target shape',
        kind: 'shape',
        required: true,
        placeholder: '1, 6, 7',
        hint: 'without the batch; one -1 is inferred',
      },
    ],
    start: { targetShape: [1, -1] },
  },
  conv1d: {
    label: 'conv1d (convolution along a sequence)',
    about: 'Convolution over channels × length, e.g. after a reshape to [1, -1].',
    fields: [
      { key: 'filters', label: 'Filters', kind: 'int', required: true, min: 1, max: 4096 },
      { key: 'kernelSize', label: 'Kernel size', kind: 'int', required: true, min: 1, max: 64 },
      { key: 'strides', label: 'Strides', kind: 'int', placeholder: '1', min: 1, max: 64 },
      { key: 'padding', label: 'Padding', kind: 'select', options: PADDINGS, placeholder: 'valid' },
      { key: 'activation', label: 'Activation', kind: 'select', options: ACTIVATIONS, placeholder: 'linear' },
      ...weights,
    ],
    start: { filters: 8, kernelSize: 3, activation: 'relu' },
  },
  maxpool1d: {
    label: 'maxpool1d',
    about: 'The largest value of each window along the length.',
    fields: [
      { key: 'poolSize', label: 'Pool size', kind: 'int', placeholder: '2', min: 1, max: 64 },
      { key: 'strides', label: 'Strides', kind: 'int', placeholder: 'pool size', min: 1, max: 64 },
    ],
    start: { poolSize: 2 },
  },
  // merges (graph specs): only a name and the layers they take, which they need
  add: merge('add (sum of layers)', 'The element-wise sum of two or more layers of one shape: a skip connection.'),
  concatenate: merge(
    'concatenate (join layers)',
    'Joins two or more layers along the features (or channels); the other dimensions must agree.',
  ),
  multiply: merge('multiply (product of layers)', 'The element-wise product of two or more layers of one shape.'),
  average: merge('average (mean of layers)', 'The element-wise mean of two or more layers of one shape.'),
};

function merge(label, about) {
  return { label, about, fields: [], start: {}, merge: true };
}

/**
 * What every layer may have for graph specs (the Keras functional API): a name other layers refer to, and the
 * layers it takes ('input' is the model's input; left out, the layer before).
 */
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
export const MAX_MERGED = 16;

const lr = { key: 'learningRate', label: 'Learning rate', kind: 'number', min: 0, max: 10 };
const eps = { key: 'epsilon', label: 'Epsilon', kind: 'number', placeholder: '1e-7', min: 0, max: 1 };
const beta1 = { key: 'beta1', label: 'β₁', kind: 'number', placeholder: '0.9', min: 0, max: 1 };
const beta2 = { key: 'beta2', label: 'β₂', kind: 'number', placeholder: '0.999', min: 0, max: 1 };

/** Optimizers and their own fields; clipping and the schedule are common to all. */
export const OPTIMIZERS = {
  sgd: [
    { ...lr, placeholder: '0.01' },
    { key: 'momentum', label: 'Momentum', kind: 'number', placeholder: '0', min: 0, max: 1 },
    { key: 'nesterov', label: 'Nesterov', kind: 'bool', placeholder: 'false' },
  ],
  rmsprop: [
    { ...lr, placeholder: '0.001' },
    { key: 'rho', label: 'ρ (rho)', kind: 'number', placeholder: '0.9', min: 0, max: 1 },
    { key: 'momentum', label: 'Momentum', kind: 'number', placeholder: '0', min: 0, max: 1 },
    eps,
    { key: 'centered', label: 'Centered', kind: 'bool', placeholder: 'false' },
  ],
  adam: [{ ...lr, placeholder: '0.001' }, beta1, beta2, eps],
  adamw: [
    { ...lr, placeholder: '0.001' },
    { key: 'weightDecay', label: 'Weight decay', kind: 'number', placeholder: '0.004', min: 0, max: 1 },
    beta1,
    beta2,
    eps,
  ],
  adagrad: [
    { ...lr, placeholder: '0.001' },
    { key: 'initialAccumulatorValue', label: 'Initial accumulator', kind: 'number', placeholder: '0.1', min: 0, max: 100 },
    eps,
  ],
};

export const CLIPPING = [
  { key: 'clipNorm', label: 'Clip norm', kind: 'number', placeholder: 'off', min: 0, hint: 'global L2 norm' },
  { key: 'clipValue', label: 'Clip value', kind: 'number', placeholder: 'off', min: 0, hint: 'each element' },
];

const every = (placeholder) => ({ key: 'every', label: 'Every', kind: 'int', placeholder, min: 1 });
const unit = { key: 'unit', label: 'Unit', kind: 'select', options: ['epochs', 'steps'], placeholder: 'epochs' };

export const SCHEDULES = {
  constant: [],
  step: [{ key: 'factor', label: 'Factor', kind: 'number', placeholder: '0.1', min: 0, max: 1 }, every('10'), unit],
  exponential: [
    { key: 'decayRate', label: 'Decay rate', kind: 'number', placeholder: '0.96', min: 0, max: 1 },
    every('1'),
    unit,
  ],
  cosine: [{ key: 'minLearningRate', label: 'Minimum learning rate', kind: 'number', placeholder: '0', min: 0 }],
};

export const WARMUP = { key: 'warmupSteps', label: 'Warm-up steps', kind: 'int', placeholder: '0', min: 0 };

export const TRAINING = [
  { key: 'epochs', label: 'Epochs', kind: 'int', placeholder: '20', min: 1, max: 10000 },
  { key: 'batchSize', label: 'Batch size', kind: 'batch', placeholder: '32', hint: 'a number, or all' },
  { key: 'validationSplit', label: 'Validation split', kind: 'number', placeholder: '0.1', min: 0, max: 0.9, step: 0.05 },
  { key: 'testSplit', label: 'Test split', kind: 'number', placeholder: '0.2', min: 0, max: 0.9, step: 0.05 },
  { key: 'seed', label: 'Seed', kind: 'int', placeholder: 'random' },
  { key: 'mode', label: 'Mode', kind: 'select', options: ['gradient', 'perceptron'], placeholder: 'gradient' },
  {
    key: 'task',
    label: 'Task',
    kind: 'select',
    options: ['reconstruction'],
    placeholder: "the dataset's",
    hint: 'reconstruction: an autoencoder, the input is the target',
    rebuild: true,
  },
];

/** An autoencoder's options (docs/autoencoders.md); `code` names the bottleneck layer. */
export const AUTOENCODER = [
  { key: 'noise', label: 'Gaussian noise σ', kind: 'number', placeholder: '0', min: 0, max: 1, step: 0.05, hint: 'denoising: on training inputs only' },
  { key: 'masking', label: 'Masked fraction', kind: 'number', placeholder: '0', min: 0, max: 0.9, step: 0.05, hint: 'inputs zeroed while training' },
  { key: 'code', label: 'Bottleneck layer', kind: 'ref', placeholder: 'the narrowest', hint: 'a name or index' },
];

/** Transfer learning: the trained model the first layers come from (docs/transfer.md). */
export const TRANSFER = [
  { key: 'model', label: 'Base model', kind: 'text', placeholder: 'name, name@alias or id' },
  { key: 'upTo', label: 'Up to layer', kind: 'ref', placeholder: 'name or index', hint: "the base's layers up to this one, then these" },
  { key: 'frozen', label: 'Frozen layers', kind: 'refs', placeholder: 'every kept layer with weights', hint: 'names or indices, comma-separated; empty list: none' },
];

/** A physics-informed network (docs/physics.md): the advection equation φ_t + u·φ_x = 0. */
export const PHYSICS = [
  { key: 'equation', label: 'Equation', kind: 'select', options: ['advection'], placeholder: 'advection' },
  { key: 'velocity', label: 'Velocity u', kind: 'number', placeholder: '1' },
  { key: 'collocation', label: 'Collocation points', kind: 'int', placeholder: '2000', min: 1 },
  { key: 'initial', label: 'Initial-condition points', kind: 'int', placeholder: '200', min: 1 },
  { key: 'boundary', label: 'Boundary points', kind: 'int', placeholder: '200', min: 1 },
];

export const EARLY_STOPPING = [
  {
    key: 'monitor',
    label: 'Monitor',
    kind: 'select',
    options: ['val_loss', 'val_accuracy', 'val_mae', 'loss', 'accuracy', 'mae'],
    placeholder: 'val_loss',
  },
  { key: 'patience', label: 'Patience (epochs)', kind: 'int', placeholder: '5', min: 0 },
  { key: 'minDelta', label: 'Minimum change', kind: 'number', placeholder: '0', min: 0 },
  { key: 'restoreBestWeights', label: 'Restore best weights', kind: 'bool', placeholder: 'true' },
];

export const IMAGES = [
  { key: 'standardize', label: 'Standardize pixels', kind: 'bool', placeholder: 'false' },
  { key: 'shift', label: 'Shift (px)', kind: 'int', placeholder: '0', min: 0, max: 8 },
  { key: 'rotation', label: 'Rotation (°)', kind: 'number', placeholder: '0', min: 0, max: 45 },
];

export const TABLES = [
  {
    key: 'unknownCategories',
    label: 'Unseen category in a prediction',
    kind: 'select',
    options: ['ignore', 'error'],
    placeholder: "the dataset's choice",
  },
];

/** A new layer of this type, keeping what the old layer had that the new type also takes. */
export function layerOfType(type, old = {}) {
  const def = LAYERS[type];
  const layer = { type, ...(def ? structuredClone(def.start) : {}) };
  if (def) {
    for (const f of def.fields) if (old[f.key] !== undefined && f.key in old) layer[f.key] = old[f.key];
  }
  // the wiring belongs to the place in the graph, not to the type
  if (typeof old.name === 'string') layer.name = old.name;
  if (old.inputs !== undefined) layer.inputs = old.inputs;
  return layer;
}
