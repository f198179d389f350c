package dev.neurona.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import dev.neurona.model.export.OnnxExport;
import dev.neurona.platform.engine.DjlEngine;
import dev.neurona.platform.problem.ConflictException;
import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.spec.Network;
import dev.neurona.spec.NetworkBuilder;
import dev.neurona.spec.keras.KerasExport;
import dev.neurona.storage.ArtifactStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.springframework.stereotype.Service;

/**
 * A stored model written out: ONNX (with its preprocessing and head) for other tools, or a portable bundle for another
 * Neurona. The one door for {@code …/export}, whatever the format.
 */
@Service
class ModelExports {

    static final String FORMATS = "onnx or neurona";

    /** A file to download: its bytes, media type and suggested name. */
    record Export(byte[] bytes, String mediaType, String fileName) {}

    private final ModelRefs refs;
    private final ModelRegistry registry;
    private final ArtifactStore artifacts;
    private final ModelBundles bundles;

    /** {@code engine}: DJL's engine is set up (offline, threads) before the first model is loaded here. */
    ModelExports(
            ModelRefs refs, ModelRegistry registry, ArtifactStore artifacts, ModelBundles bundles, DjlEngine engine) {
        this.refs = refs;
        this.bundles = bundles;
        this.registry = registry;
        this.artifacts = artifacts;
    }

    /** {@code version} when the URL names one ({@code …/versions/{n}/export}), else null. */
    Export export(String ref, Integer version, String format) {
        String wanted = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!wanted.equals("onnx") && !wanted.equals("neurona")) {
            throw new InvalidInputException("format", "must be " + FORMATS + ", was \"" + format + "\"");
        }
        ModelRecord record = registry.get(refs.resolve(ref, version));
        if (wanted.equals("neurona")) {
            ModelBundles.Bundle bundle = bundles.export(record.id());
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try {
                bundle.writeTo(zip);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Export(zip.toByteArray(), ModelBundles.MEDIA_TYPE, bundle.fileName());
        }
        refuseAutoencoder(record, "ONNX");
        return new Export(onnx(record), OnnxExport.MEDIA_TYPE, "model-" + record.id() + ".onnx");
    }

    /**
     * ONNX and Keras exports describe a classifier or a regressor: their output head, class names and compile
     * settings say nothing of reconstructions, codes or an anomaly threshold, so an autoencoder goes out as a bundle.
     */
    private static void refuseAutoencoder(ModelRecord record, String format) {
        if (record.spec().reconstruction()) {
            throw new ConflictException(
                    "not-exportable",
                    "Model not exportable",
                    "Model " + record.id() + " is an autoencoder (spec.task reconstruction): the " + format
                            + " export describes a classifier or a regressor. Export it as a Neurona bundle "
                            + "(format=neurona), which keeps spec.task, the code layer and the anomaly threshold.");
        }
    }

    /**
     * The architecture and compile settings as Keras 3's {@code model.to_json()}, from the resolved spec stored with
     * the model and the input shape of its preprocessing; no parameters are read, so none need checking.
     */
    Export keras(String ref, Integer version) {
        ModelRecord record = registry.get(refs.resolve(ref, version));
        refuseAutoencoder(record, "Keras");
        String name = KerasExport.modelName(
                record.registeredName() != null ? record.registeredName() : record.name(), "model-" + record.id());
        byte[] json = KerasExport.json(
                record.spec(),
                record.preprocessing().inputShape(),
                record.preprocessing().task(),
                name);
        return new Export(json, KerasExport.MEDIA_TYPE, name + ".keras.json");
    }

    /** The stored parameters, checked against their recorded SHA-256, loaded into the network and exported. */
    private byte[] onnx(ModelRecord record) {
        record.artifacts().forEach((key, sha) -> {
            if (!sha.equals(artifacts.sha256Of(key))) {
                throw new ConflictException(
                        "model-corrupted",
                        "Model artifacts corrupted",
                        "The stored file " + key + " does not match its recorded SHA-256; retrain the model.");
            }
        });
        Network network = NetworkBuilder.build(record.spec());
        try (Model model = Model.newInstance("export-" + record.id())) {
            model.setBlock(network.block());
            model.load(artifacts.localDirectory(ModelRecord.prefix(record.id())), ModelRecord.PARAMETERS_NAME);
            return OnnxExport.export(record.spec(), record.preprocessing(), network, "model-" + record.id());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model " + record.id(), e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("cannot load model " + record.id(), e);
        }
    }
}
