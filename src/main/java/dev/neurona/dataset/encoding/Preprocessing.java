package dev.neurona.dataset.encoding;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.neurona.dataset.Task;
import java.util.List;

/**
 * How raw inputs become the network's input, fitted on the training split and stored with the model. Models saved
 * before images existed have no {@code kind}: they are tabular.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", defaultImpl = TabularEncoding.class)
@JsonSubTypes({
    @JsonSubTypes.Type(value = TabularEncoding.class, name = "tabular"),
    @JsonSubTypes.Type(value = ImageEncoding.class, name = "image")
})
public sealed interface Preprocessing permits TabularEncoding, ImageEncoding {

    Task task();

    /** Class names in output order (classification). */
    List<String> classes();

    /** Shape of one network input, without the batch dimension. */
    List<Integer> inputShape();

    /** A standardised regression output back in the target's units. */
    double decodeTarget(double standardised);
}
