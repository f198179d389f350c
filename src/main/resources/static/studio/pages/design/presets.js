// The course's networks as starting points. A preset fills the builder for the chosen dataset (its number of
// classes, and a flatten first on images); the dry run then says whether it fits.

/** The output layer a dataset needs: one unit per class with softmax, or one linear unit for regression. */
function output(dataset) {
  if (dataset && dataset.task === 'regression') return { type: 'dense', units: 1, activation: 'linear' };
  const classes = dataset && Array.isArray(dataset.classes) && dataset.classes.length ? dataset.classes.length : 3;
  return { type: 'dense', units: classes, activation: 'softmax' };
}

const isImage = (dataset) => dataset && dataset.kind === 'image';

export const PRESETS = [
  {
    id: 'perceptron',
    label: 'Perceptron',
    about: "Rosenblatt's rule on one dense unit with a step output: 2-class datasets.",
    make: (dataset) => ({
      mode: 'perceptron',
      layers: [...(isImage(dataset) ? [{ type: 'flatten' }] : []), { type: 'dense', units: 1, activation: 'step' }],
      optimizer: { type: 'sgd', learningRate: 0.1 },
      epochs: 50,
      seed: 42,
    }),
  },
  {
    id: 'mlp',
    label: 'MLP',
    about: 'Two hidden relu layers and the output layer, trained with Adam.',
    make: (dataset) =>
      isImage(dataset)
        ? {
            layers: [
              { type: 'flatten' },
              { type: 'dense', units: 128, activation: 'relu' },
              { type: 'dense', units: 64, activation: 'relu' },
              output(dataset),
            ],
            optimizer: { type: 'adam', learningRate: 0.001 },
            epochs: 10,
            batchSize: 128,
            seed: 42,
          }
        : {
            layers: [
              { type: 'dense', units: 32, activation: 'relu' },
              { type: 'dense', units: 16, activation: 'relu' },
              output(dataset),
            ],
            optimizer: { type: 'adam', learningRate: 0.01 },
            epochs: 100,
            batchSize: 16,
            seed: 42,
          },
  },
  {
    id: 'cnn',
    label: 'MNIST CNN',
    about: 'conv-pool-conv-pool-dense with dropout, as in docs/images.md: image datasets.',
    make: (dataset) => ({
      layers: [
        { type: 'conv2d', filters: 32, kernelSize: 3, padding: 'same', activation: 'relu' },
        { type: 'maxpool2d', poolSize: 2 },
        { type: 'conv2d', filters: 64, kernelSize: 3, activation: 'relu' },
        { type: 'maxpool2d', poolSize: 2 },
        { type: 'flatten' },
        { type: 'dropout', rate: 0.3 },
        { type: 'dense', units: 128, activation: 'relu' },
        { type: 'dropout', rate: 0.3 },
        output(dataset && dataset.kind === 'image' ? dataset : { task: 'classification', classes: new Array(10) }),
      ],
      epochs: 8,
      batchSize: 128,
      validationSplit: 0.05,
      seed: 7,
    }),
  },
  {
    id: 'residual',
    label: 'Residual MLP',
    about: 'Two dense blocks with identity shortcuts (add), as in the functional API: any dataset.',
    make: (dataset) => ({
      layers: [
        ...(isImage(dataset) ? [{ type: 'flatten' }] : []),
        { type: 'dense', units: 64, activation: 'relu', name: 'h0' },
        { type: 'dense', units: 64, name: 'd1' },
        { type: 'add', name: 's1', inputs: ['h0', 'd1'] },
        { type: 'activation', activation: 'relu', name: 'h1' },
        { type: 'dense', units: 64, name: 'd2' },
        { type: 'add', name: 's2', inputs: ['h1', 'd2'] },
        { type: 'activation', activation: 'relu', name: 'h2' },
        output(dataset),
      ],
      optimizer: { type: 'adam', learningRate: 0.001 },
      epochs: isImage(dataset) ? 5 : 100,
      batchSize: isImage(dataset) ? 128 : 16,
      seed: 42,
    }),
  },
  {
    id: 'autoencoder',
    label: 'Autoencoder',
    about: 'Encoder → a narrow code layer → decoder, the input as its own target (an anomaly score comes with it).',
    make: (dataset) => {
      const shape = dataset && Array.isArray(dataset.inputShape) ? dataset.inputShape : null;
      const image = isImage(dataset);
      const width = shape ? shape.reduce((a, b) => a * b, 1) : 784;
      // a bottleneck narrower than the input: 32 values for a picture, half the columns of a table
      const hidden = image ? 128 : 16;
      return {
        task: 'reconstruction',
        autoencoder: { code: 'code' },
        layers: [
          ...(image ? [{ type: 'flatten' }] : []),
          { type: 'dense', units: hidden, activation: 'relu' },
          { type: 'dense', units: image ? 32 : Math.max(2, Math.floor(width / 2)), activation: 'linear', name: 'code' },
          { type: 'dense', units: hidden, activation: 'relu' },
          { type: 'dense', units: width, activation: image ? 'sigmoid' : 'linear' },
          ...(image && shape ? [{ type: 'reshape', targetShape: shape }] : []),
        ],
        loss: image ? 'binary_crossentropy' : 'mse',
        optimizer: { type: 'adam', learningRate: 0.001 },
        epochs: image ? 5 : 100,
        batchSize: image ? 128 : 16,
        seed: 42,
      };
    },
  },
  {
    id: 'pinn',
    label: 'Advection PINN',
    about: 'φ(x, t) from the PDE alone: for the catalog’s advection example.',
    make: () => ({
      // the acceptance run's settings (docs/physics.md): 2,000 full-batch steps reach a mean |error| of about 0.004
      physics: { equation: 'advection', velocity: 1, collocation: 1000, initial: 200, boundary: 200 },
      layers: [
        { type: 'dense', units: 32, activation: 'tanh' },
        { type: 'dense', units: 32, activation: 'tanh' },
        { type: 'dense', units: 32, activation: 'tanh' },
        { type: 'dense', units: 1, activation: 'linear' },
      ],
      optimizer: { type: 'adam', learningRate: 0.005, schedule: { type: 'cosine', minLearningRate: 0.0001 } },
      epochs: 20,
      seed: 42,
    }),
  },
];
