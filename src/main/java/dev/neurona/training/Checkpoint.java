package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import dev.neurona.training.optim.Optimization;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a training needs to go on after its process died, taken after an epoch: the parameters, the
 * optimizer's update counts and moments, early stopping's progress (and best weights), and the history so far. The
 * random state needs no saving: every epoch derives its seeds from the spec's seed and its number
 * ({@link TrainingLoop#epochSeed}). Stored as one ZIP so a single atomic write replaces the previous checkpoint.
 */
public record Checkpoint(
        int epoch, List<EpochRecord> history, byte[] parameters, byte[] optimizer, byte[] earlyStopping) {

    private static final int FORMAT = 1;

    /** The JSON part of the ZIP, for people reading a checkpoint as much as for the code. */
    record Header(int format, int epoch, List<EpochRecord> history) {}

    static Checkpoint of(
            int epoch, List<EpochRecord> history, Trainer trainer, Optimization optimization, EarlyStopper stopper) {
        try {
            Block block = trainer.getModel().getBlock();
            ByteArrayOutputStream parameters = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(parameters)) {
                writeParameters(out, block);
            }
            ByteArrayOutputStream optimizerState = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(optimizerState)) {
                optimization.writeState(out, block.getParameters());
            }
            ByteArrayOutputStream stopping = new ByteArrayOutputStream();
            if (stopper != null) {
                try (DataOutputStream out = new DataOutputStream(stopping)) {
                    stopper.writeState(out);
                }
            }
            return new Checkpoint(
                    epoch,
                    List.copyOf(history),
                    parameters.toByteArray(),
                    optimizerState.toByteArray(),
                    stopper == null ? null : stopping.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take a checkpoint at epoch " + epoch, e);
        }
    }

    /** Puts the saved state into a trainer initialised from the same spec (parameters already allocated). */
    void restore(Trainer trainer, Optimization optimization, EarlyStopper stopper) {
        Block block = trainer.getModel().getBlock();
        try {
            readParameters(new DataInputStream(new ByteArrayInputStream(parameters)), block, trainer.getManager());
            optimization.readState(new DataInputStream(new ByteArrayInputStream(optimizer)), block.getParameters());
            if (stopper != null && earlyStopping != null) {
                stopper.readState(new DataInputStream(new ByteArrayInputStream(earlyStopping)));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the checkpoint of epoch " + epoch + " does not fit this network", e);
        }
    }

    private static void writeParameters(DataOutputStream out, Block block) throws IOException {
        out.writeInt(block.getParameters().size());
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.writeUTF(p.getKey());
            byte[] encoded = p.getValue().getArray().encode();
            out.writeInt(encoded.length);
            out.write(encoded);
        }
    }

    /**
     * Copies the values into the trainer's own parameter arrays. DJL's {@code Block.loadParameters} would replace
     * those arrays with new ones that do not require a gradient, and the resumed training would not learn.
     */
    private static void readParameters(DataInputStream in, Block block, NDManager manager) throws IOException {
        ParameterList targets = block.getParameters();
        int count = in.readInt();
        if (count != targets.size()) {
            throw new IOException("the checkpoint has " + count + " parameters, the network " + targets.size());
        }
        try (NDManager sub = manager.newSubManager()) {
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                NDArray saved = NDArray.decode(sub, in.readNBytes(in.readInt()));
                Parameter target = targets.get(name);
                if (target == null || !target.getArray().getShape().equals(saved.getShape())) {
                    throw new IOException("parameter " + name + " " + saved.getShape() + " has no counterpart "
                            + (target == null
                                    ? ""
                                    : "of that shape (" + target.getArray().getShape() + ") ")
                            + "in the network");
                }
                target.getArray().set(saved.toFloatArray());
            }
        }
    }

    void write(OutputStream target, JsonMapper json) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(target)) {
            entry(zip, "checkpoint.json", json.writeValueAsBytes(new Header(FORMAT, epoch, history)));
            entry(zip, "parameters.bin", parameters);
            entry(zip, "optimizer.bin", optimizer);
            if (earlyStopping != null) {
                entry(zip, "early-stopping.bin", earlyStopping);
            }
        }
    }

    static Checkpoint read(InputStream source, JsonMapper json) throws IOException {
        Header header = null;
        byte[] parameters = null;
        byte[] optimizer = null;
        byte[] stopping = null;
        try (ZipInputStream zip = new ZipInputStream(source)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                byte[] bytes = zip.readAllBytes();
                switch (e.getName()) {
                    case "checkpoint.json" -> header = json.readValue(bytes, new TypeReference<Header>() {});
                    case "parameters.bin" -> parameters = bytes;
                    case "optimizer.bin" -> optimizer = bytes;
                    case "early-stopping.bin" -> stopping = bytes;
                    default -> {}
                }
            }
        }
        if (header == null || parameters == null || optimizer == null || header.format() != FORMAT) {
            throw new IOException("not a complete checkpoint of format " + FORMAT);
        }
        return new Checkpoint(header.epoch(), header.history(), parameters, optimizer, stopping);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
