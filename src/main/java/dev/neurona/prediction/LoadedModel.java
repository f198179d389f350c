package dev.neurona.prediction;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.model.ModelRecord;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.spec.Network;
import dev.neurona.spec.OutputHead;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A model loaded for prediction. Forward passes hold the read lock, so many run at once; closing takes the write
 * lock, so a model is never freed under a running prediction, and a closed one is never used again. Table rows and
 * images of concurrent requests go through {@link Batcher}s: every request of a gathered pass holds its own read
 * lock until it has its answer, so the pass, too, runs under read locks.
 */
final class LoadedModel implements AutoCloseable {

    /** The layer "input": the preprocessed input the first layer takes. */
    static final int INPUT = -1;

    private final ModelRecord record;
    private final Model model;
    private final OutputHead head;
    private final Network network;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Batcher<float[]> rowBatcher;
    private final Batcher<byte[]> imageBatcher;
    private volatile boolean batching;
    private volatile long checkedAt = System.nanoTime();
    private boolean closed;

    LoadedModel(ModelRecord record, Model model, Network network, NeuronaProperties.Prediction.Batching batching) {
        this.record = record;
        this.model = model;
        this.network = network;
        this.head = network.head();
        this.batching = batching.enabled();
        this.rowBatcher = new Batcher<>(batching.maxBatchSize(), batching.maxWait());
        this.imageBatcher = new Batcher<>(batching.maxBatchSize(), batching.maxWait());
    }

    ModelRecord record() {
        return record;
    }

    Model model() {
        return model;
    }

    OutputHead head() {
        return head;
    }

    /** When the registry last confirmed this model exists ({@link System#nanoTime()}). */
    long checkedAt() {
        return checkedAt;
    }

    void checkedAt(long nanos) {
        checkedAt = nanos;
    }

    void batching(boolean enabled) {
        batching = enabled;
    }

    /**
     * One forward pass in inference mode over the batch {@code input} makes, in a manager of its own that is closed
     * before returning: the raw outputs, before the head.
     */
    Outputs forward(Function<NDManager, NDArray> input) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray out = model.getBlock()
                    .forward(new ParameterStore(manager, false), new NDList(input.apply(manager)), false)
                    .singletonOrThrow();
            return new Outputs(out.toFloatArray(), (int) out.getShape().get(1));
        }
    }

    /**
     * An autoencoder's pass, never batched with other requests: the inputs as the network sees them, the
     * reconstructions, the code (the output of the spec's code layer, after its activation) and each row's score,
     * its loss in the training loss's measure.
     */
    Reconstructed reconstruct(Function<NDManager, NDArray> input) {
        int codeLayer = ((Number) record.spec().autoencoder().code()).intValue();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = input.apply(manager);
            long n = x.getShape().get(0);
            NDArray[] code = new NDArray[1];
            NDArray out = network.forwardEach(new ParameterStore(manager, false), new NDList(x), (o, i) -> {
                        if (network.blockLayers().get(i) == codeLayer) {
                            code[0] = o.singletonOrThrow();
                        }
                    })
                    .singletonOrThrow();
            NDArray scores = network.objective().perRow(out, x);
            return new Reconstructed(
                    x.toFloatArray(),
                    out.toFloatArray(),
                    (int) (out.size() / n),
                    code[0] == null ? null : code[0].toFloatArray(),
                    code[0] == null ? 0 : (int) (code[0].size() / n),
                    scores.toFloatArray());
        }
    }

    /** Rows × width inputs and reconstructions, rows × codeWidth codes (null when the code layer has no block). */
    record Reconstructed(float[] inputs, float[] outputs, int width, float[] code, int codeWidth, float[] scores) {}

    /** The images of this (image) model as the network sees them: scaled to [0, 1], standardised if trained so. */
    NDArray imageTensor(NDManager manager, byte[] pixels, int count) {
        ImageEncoding encoding = (ImageEncoding) record.preprocessing();
        List<Integer> shape = encoding.inputShape();
        ByteBuffer batch = ByteBuffer.allocateDirect(pixels.length).order(ByteOrder.nativeOrder());
        batch.put(pixels);
        batch.flip();
        NDArray x = manager.create(batch, new Shape(count, shape.get(0), shape.get(1), shape.get(2)), DataType.UINT8)
                .toType(DataType.FLOAT32, false)
                .div(255f);
        return encoding.std() == null ? x : x.sub(encoding.mean()).div(encoding.std());
    }

    /**
     * Encoded table rows, {@code rows} × {@code width} values, possibly in one pass with other requests' rows. In
     * inference mode every layer treats rows independently (dropout passes through, batch norm uses its running
     * statistics), so a row's answer does not depend on its company.
     */
    Outputs forwardRows(float[] values, int rows, int width) {
        if (!batching) {
            return forward(manager -> manager.create(values, new Shape(rows, width)));
        }
        return rowBatcher.submit(values, rows, jobs -> {
            int total = jobs.stream().mapToInt(j -> j.rows).sum();
            float[] all = jobs.size() == 1 ? jobs.get(0).input : new float[total * width];
            if (jobs.size() > 1) {
                int at = 0;
                for (Batcher.Job<float[]> j : jobs) {
                    System.arraycopy(j.input, 0, all, at, j.input.length);
                    at += j.input.length;
                }
            }
            return forward(manager -> manager.create(all, new Shape(total, width)));
        });
    }

    /**
     * Images of this (image) model, {@code count} × C·H·W uint8 pixels, normalised like its training images, possibly
     * in one pass with other requests' images.
     */
    Outputs forwardImages(byte[] pixels, int count) {
        if (!batching) {
            return forwardImages(List.of(pixels), count);
        }
        return imageBatcher.submit(pixels, count, jobs -> {
            int total = jobs.stream().mapToInt(j -> j.rows).sum();
            return forwardImages(jobs.stream().map(j -> j.input).toList(), total);
        });
    }

    private Outputs forwardImages(List<byte[]> parts, int count) {
        return forward(images(parts, count));
    }

    /** The batch of {@code count} uint8 images, scaled and standardised like the model's training images. */
    Function<NDManager, NDArray> images(List<byte[]> parts, int count) {
        ImageEncoding encoding = (ImageEncoding) record.preprocessing();
        List<Integer> shape = encoding.inputShape();
        ByteBuffer batch = ByteBuffer.allocateDirect(count * shape.get(0) * shape.get(1) * shape.get(2))
                .order(ByteOrder.nativeOrder());
        parts.forEach(batch::put);
        batch.flip();
        return manager -> {
            NDArray x = manager.create(
                            batch, new Shape(count, shape.get(0), shape.get(1), shape.get(2)), DataType.UINT8)
                    .toType(DataType.FLOAT32, false)
                    .div(255f);
            return encoding.std() == null ? x : x.sub(encoding.mean()).div(encoding.std());
        };
    }

    /**
     * What spec layer {@code layer} outputs for the batch {@code input} makes (its last block's output: a dense
     * layer's after its activation), or the batch itself for {@link #INPUT}, flat row after row, in inference mode
     * and unbatched with other requests. The whole network runs, through its own wiring, stack or graph alike.
     */
    float[] activations(Function<NDManager, NDArray> input, int layer) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = input.apply(manager);
            if (layer == INPUT) {
                return x.toFloatArray();
            }
            int last = network.blockLayers().lastIndexOf(layer);
            float[][] seen = new float[1][];
            network.forwardEach(new ParameterStore(manager, false), new NDList(x), (out, i) -> {
                if (i == last) {
                    seen[0] = out.singletonOrThrow().toFloatArray();
                }
            });
            if (seen[0] == null) {
                throw new IllegalStateException("layer " + layer + " has no block of its own");
            }
            return seen[0];
        }
    }

    /** Whether spec layer {@code layer} has a block of its own (a graph's merge layers have none). */
    boolean hasBlock(int layer) {
        return layer == INPUT || network.blockLayers().contains(layer);
    }

    /** Takes the read lock; false (and no lock held) if the model was closed meanwhile. */
    boolean acquire() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            return false;
        }
        return true;
    }

    void release() {
        lock.readLock().unlock();
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
