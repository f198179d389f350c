package dev.neurona.training;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRegistry;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.spec.Transfer;
import dev.neurona.spec.Transfers;
import dev.neurona.storage.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Transfer learning inside the training: the base model's trained values copied into the first layers of a freshly
 * initialised network, and which layers' weights train in an epoch.
 */
@Component
class BaseWeights {

    /** Moving statistics are not trained by gradient: freezing and unfreezing leave their flag alone. */
    private static final Predicate<Parameter> TRAINED =
            p -> p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR;

    private final ModelRegistry models;
    private final ArtifactStore artifacts;

    BaseWeights(ModelRegistry models, ArtifactStore artifacts) {
        this.models = models;
        this.artifacts = artifacts;
    }

    /**
     * Copies the base's parameters of layers 0..upTo into {@code network}'s (already initialised). The two networks
     * are built by the same builder from the same layer specs, so a layer's blocks with parameters come in the same
     * order in both; values are written into the trainer's own arrays, which keep requiring a gradient.
     */
    void copyInto(Network network, ModelSpec spec) {
        Transfer from = spec.from();
        ModelRecord base = models.find(from.id())
                .orElseThrow(() -> new ConflictException("The base model " + from.id()
                        + " of this transfer has been deleted: its trained weights are needed to start from."));
        String prefix = ModelRecord.prefix(base.id());
        base.artifacts().forEach((key, sha) -> {
            if (!sha.equals(artifacts.sha256Of(key))) {
                throw new ConflictException("The stored file " + key + " of base model " + base.id()
                        + " does not match its recorded SHA-256.");
            }
        });
        Network baseNetwork = NetworkBuilder.build(base.spec());
        try (Model model = Model.newInstance("base-" + base.id())) {
            model.setBlock(baseNetwork.block());
            model.load(artifacts.localDirectory(prefix), ModelRecord.PARAMETERS_NAME);
            for (int layer = 0; layer < from.baseLayers(); layer++) {
                List<Block> sources = withParameters(baseNetwork, layer);
                List<Block> targets = withParameters(network, layer);
                if (sources.size() != targets.size()) {
                    throw new IllegalStateException("layer " + layer + " of the base has " + sources.size()
                            + " blocks with parameters, the new network " + targets.size());
                }
                for (int b = 0; b < sources.size(); b++) {
                    copy(sources.get(b), targets.get(b), layer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load base model " + base.id(), e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("cannot load base model " + base.id(), e);
        }
    }

    /** Freezes the layers that do not train in {@code epoch} and unfreezes the others it manages. */
    static void freezeFor(Network network, ModelSpec spec, int epoch) {
        // the layers whose freezing this spec manages: the base's, and any a layer's trainable: false names
        Set<Integer> managed = Transfers.frozenAt(spec, 1);
        int base = spec.from() == null ? 0 : spec.from().baseLayers();
        if (base == 0 && managed.isEmpty()) {
            return;
        }
        Set<Integer> frozen = Transfers.frozenAt(spec, epoch);
        List<Block> children = network.block().getChildren().values();
        for (int c = 0; c < children.size(); c++) {
            int layer = network.blockLayers().get(c);
            if (layer < base || managed.contains(layer)) {
                children.get(c).freezeParameters(frozen.contains(layer), TRAINED);
            }
        }
    }

    private static List<Block> withParameters(Network network, int layer) {
        List<Block> blocks = new ArrayList<>();
        List<Block> children = network.block().getChildren().values();
        for (int c = 0; c < children.size(); c++) {
            if (network.blockLayers().get(c) == layer
                    && !children.get(c).getParameters().isEmpty()) {
                blocks.add(children.get(c));
            }
        }
        return blocks;
    }

    private static void copy(Block source, Block target, int layer) {
        for (Pair<String, Parameter> p : source.getParameters()) {
            Parameter to = target.getParameters().get(p.getKey());
            NDArray value = p.getValue().getArray();
            if (to == null || !to.getArray().getShape().equals(value.getShape())) {
                throw new IllegalStateException("parameter " + p.getKey() + " " + value.getShape() + " of base layer "
                        + layer + " has no counterpart of that shape");
            }
            to.getArray().set(value.toFloatArray());
        }
    }
}
