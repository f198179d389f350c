package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The architecture and training settings of a network, in Keras vocabulary. Everything but {@code layers} has a
 * default; {@link SpecValidator#resolve} returns a copy with every default filled in, which is what a job stores.
 */
@Schema(description = "Architecture spec: a sequential list of layers plus loss, optimizer and training settings.")
public record ModelSpec(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<LayerSpec> layers,
        @Schema(
                        description = "mse, mae, binary_crossentropy or categorical_crossentropy; default: "
                                + "categorical_crossentropy for classification with a softmax output, binary_crossentropy for a "
                                + "1-unit sigmoid output, mse for regression",
                        example = "categorical_crossentropy")
                String loss,
        @Schema(description = "default: adam with learning rate 0.001") OptimizerSpec optimizer,
        @Schema(defaultValue = "20", example = "50") Integer epochs,
        @Schema(
                        description =
                                "rows per optimisation step: a whole number (1 is stochastic gradient descent; at most "
                                        + "the number of training rows is used), or \"all\" for full-batch gradient descent",
                        types = {"integer", "string"},
                        defaultValue = "32",
                        example = "16")
                @JsonSerialize(using = BatchSizeJson.Writer.class)
                @JsonDeserialize(using = BatchSizeJson.Reader.class)
                Integer batchSize,
        @Schema(
                        description = "fraction of the rows left after the test split used for validation",
                        defaultValue = "0.1")
                Double validationSplit,
        @Schema(description = "fraction of all rows held out for the final test metrics", defaultValue = "0.2")
                Double testSplit,
        @Schema(
                        description = "random seed for initialisation, splits and shuffling; default: drawn at random "
                                + "and recorded in the resolved spec",
                        example = "42")
                Long seed,
        @Schema(description = "image datasets only: standardisation and augmentation of training batches")
                ImageSettings images,
        @Schema(description = "arguments of the loss") LossOptions lossOptions,
        @Schema(
                        description =
                                "classification: \"balanced\" (n / (classes · count of the class), as scikit-learn) "
                                        + "or an object class name → weight; each row's loss is multiplied by its class's weight",
                        example = "{\"setosa\": 1.0, \"versicolor\": 2.0, \"virginica\": 1.0}")
                ClassWeights classWeights,
        @Schema(description = "stop when a monitored value stops improving") EarlyStopping earlyStopping,
        @Schema(
                        description =
                                "gradient (backpropagation with the optimizer, default) or perceptron (Rosenblatt's "
                                        + "rule w ← w + η(y − ŷ)x on one dense layer with a step or sign output, η = the sgd learning "
                                        + "rate)",
                        allowableValues = {"gradient", "perceptron"},
                        defaultValue = "gradient")
                String mode,
        @Schema(description = "table datasets only: how prediction rows are read") TableSettings tables,
        @JsonInclude(JsonInclude.Include.NON_NULL)
                @Schema(
                        description = "what the network learns: absent for the dataset's own task (classification or "
                                + "regression), or reconstruction (an autoencoder: the target is the input)",
                        allowableValues = {"reconstruction"})
                String task,
        @JsonInclude(JsonInclude.Include.NON_NULL)
                @Schema(description = "task reconstruction only: denoising and the bottleneck layer")
                Autoencoder autoencoder,
        @Schema(
                        description = "transfer learning: start from a trained model's layers (with their weights) "
                                + "up to a layer; this spec's layers are the new head (docs/transfer.md)")
                @JsonInclude(JsonInclude.Include.NON_NULL)
                Transfer from,
        @Schema(description = "gradual unfreezing: from an epoch on, frozen base layers train")
                @JsonInclude(JsonInclude.Include.NON_NULL)
                List<Transfer.Unfreeze> unfreeze,
        @JsonInclude(JsonInclude.Include.NON_NULL)
                @Schema(description = "physics-informed training (docs/physics.md); absent for ordinary training")
                Physics physics) {

    /** {@code batchSize: "all"}: full-batch gradient descent (every use of the batch size caps it at the rows). */
    public static final int ALL_ROWS = Integer.MAX_VALUE;

    /** A spec without image settings (tables, or images with the defaults). */
    public ModelSpec(
            List<LayerSpec> layers,
            String loss,
            OptimizerSpec optimizer,
            Integer epochs,
            Integer batchSize,
            Double validationSplit,
            Double testSplit,
            Long seed) {
        this(layers, loss, optimizer, epochs, batchSize, validationSplit, testSplit, seed, null);
    }

    /** A spec with the defaults for everything added after image settings. */
    public ModelSpec(
            List<LayerSpec> layers,
            String loss,
            OptimizerSpec optimizer,
            Integer epochs,
            Integer batchSize,
            Double validationSplit,
            Double testSplit,
            Long seed,
            ImageSettings images) {
        this(
                layers,
                loss,
                optimizer,
                epochs,
                batchSize,
                validationSplit,
                testSplit,
                seed,
                images,
                null,
                null,
                null,
                null);
    }

    /** A spec with the defaults for everything added after the training mode. */
    public ModelSpec(
            List<LayerSpec> layers,
            String loss,
            OptimizerSpec optimizer,
            Integer epochs,
            Integer batchSize,
            Double validationSplit,
            Double testSplit,
            Long seed,
            ImageSettings images,
            LossOptions lossOptions,
            ClassWeights classWeights,
            EarlyStopping earlyStopping,
            String mode) {
        this(
                layers,
                loss,
                optimizer,
                epochs,
                batchSize,
                validationSplit,
                testSplit,
                seed,
                images,
                lossOptions,
                classWeights,
                earlyStopping,
                mode,
                null);
    }

    /** A spec with the defaults for everything added after the table settings. */
    public ModelSpec(
            List<LayerSpec> layers,
            String loss,
            OptimizerSpec optimizer,
            Integer epochs,
            Integer batchSize,
            Double validationSplit,
            Double testSplit,
            Long seed,
            ImageSettings images,
            LossOptions lossOptions,
            ClassWeights classWeights,
            EarlyStopping earlyStopping,
            String mode,
            TableSettings tables) {
        this(
                layers,
                loss,
                optimizer,
                epochs,
                batchSize,
                validationSplit,
                testSplit,
                seed,
                images,
                lossOptions,
                classWeights,
                earlyStopping,
                mode,
                tables,
                null,
                null,
                null,
                null,
                null);
    }

    /** An autoencoder's spec: the table settings' constructor with a task, no transfer. */
    public ModelSpec(
            List<LayerSpec> layers,
            String loss,
            OptimizerSpec optimizer,
            Integer epochs,
            Integer batchSize,
            Double validationSplit,
            Double testSplit,
            Long seed,
            ImageSettings images,
            LossOptions lossOptions,
            ClassWeights classWeights,
            EarlyStopping earlyStopping,
            String mode,
            TableSettings tables,
            String task,
            Autoencoder autoencoder) {
        this(
                layers,
                loss,
                optimizer,
                epochs,
                batchSize,
                validationSplit,
                testSplit,
                seed,
                images,
                lossOptions,
                classWeights,
                earlyStopping,
                mode,
                tables,
                task,
                autoencoder,
                null,
                null,
                null);
    }

    /** A transfer spec: the table settings' constructor with a base model and an unfreezing schedule. */
    public ModelSpec(
            List<LayerSpec> layers,
            String loss,
            OptimizerSpec optimizer,
            Integer epochs,
            Integer batchSize,
            Double validationSplit,
            Double testSplit,
            Long seed,
            ImageSettings images,
            LossOptions lossOptions,
            ClassWeights classWeights,
            EarlyStopping earlyStopping,
            String mode,
            TableSettings tables,
            Transfer from,
            List<Transfer.Unfreeze> unfreeze) {
        this(
                layers,
                loss,
                optimizer,
                epochs,
                batchSize,
                validationSplit,
                testSplit,
                seed,
                images,
                lossOptions,
                classWeights,
                earlyStopping,
                mode,
                tables,
                null,
                null,
                from,
                unfreeze,
                null);
    }

    public boolean perceptron() {
        return "perceptron".equals(mode);
    }

    /** An autoencoder: the network learns to give back its input ({@code task: reconstruction}). */
    public boolean reconstruction() {
        return RECONSTRUCTION.equals(task);
    }

    public static final String RECONSTRUCTION = "reconstruction";

    /**
     * Denoising and the bottleneck of an autoencoder. Noise and masking corrupt training inputs only (the target stays
     * the clean input); validation, test and predictions always see clean inputs.
     */
    @Schema(name = "Autoencoder")
    public record Autoencoder(
            @Schema(
                            description = "standard deviation of Gaussian noise added to every training input value "
                                    + "(a denoising autoencoder), 0–1",
                            defaultValue = "0",
                            example = "0.2")
                    Double noise,
            @Schema(
                            description = "fraction of training input values set to 0, drawn anew per batch, 0–0.9",
                            defaultValue = "0",
                            example = "0.25")
                    Double masking,
            @Schema(
                            description =
                                    "the bottleneck layer whose output a prediction answers as the code: its "
                                            + "name or 0-based index; default: the layer with the fewest output values (the first of equals)",
                            types = {"integer", "string"},
                            example = "2")
                    Object code) {}

    /**
     * @param delta      huber: where the loss turns from quadratic to linear (Keras default 1.0)
     * @param fromLogits binary/categorical cross-entropy: the output layer is linear and the loss applies the
     *                   sigmoid/softmax itself (default false: the output activation is sigmoid/softmax)
     */
    @Schema(name = "LossOptions")
    public record LossOptions(
            @Schema(defaultValue = "1.0", example = "2.0") Double delta,
            @Schema(defaultValue = "false") Boolean fromLogits) {}

    /**
     * Keras' EarlyStopping: after {@code patience} epochs without an improvement of at least {@code minDelta} in
     * {@code monitor}, training stops; with {@code restoreBestWeights} the model keeps the best epoch's weights.
     */
    @Schema(name = "EarlyStopping")
    public record EarlyStopping(
            @Schema(description = "val_loss, val_accuracy, val_mae, loss, accuracy or mae", defaultValue = "val_loss")
                    String monitor,
            @Schema(defaultValue = "5", example = "3") Integer patience,
            @Schema(defaultValue = "0", example = "0.001") Double minDelta,
            @Schema(defaultValue = "true") Boolean restoreBestWeights) {}

    /**
     * Overrides, for this job's model, the dataset's choice of what a prediction does with a category unseen in
     * training.
     */
    @Schema(name = "TableSettings")
    public record TableSettings(
            @Schema(
                            description = "ignore (encode as all zeros, noted per row in the answer) or error (400); "
                                    + "default: the dataset's unknownCategories",
                            allowableValues = {"ignore", "error"})
                    String unknownCategories) {}

    /**
     * Pixels are always scaled to [0, 1]; these add standardisation with the training split's mean and standard
     * deviation, and random shifts and rotations of training batches (never of validation, test or predictions).
     */
    @Schema(name = "ImageSettings")
    public record ImageSettings(
            @Schema(defaultValue = "false") Boolean standardize,
            @Schema(description = "largest random shift in pixels, 0–8", defaultValue = "0", example = "2")
                    Integer shift,
            @Schema(description = "largest random rotation in degrees, 0–45", defaultValue = "0", example = "10")
                    Double rotation) {}
}
