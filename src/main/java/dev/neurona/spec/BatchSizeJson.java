package dev.neurona.spec;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * {@code batchSize} in JSON: a whole number, or {@code "all"} for full-batch gradient descent, held in Java as
 * {@link ModelSpec#ALL_ROWS}. Every use of the batch size caps it at the number of rows, so "the largest int" means
 * "all of them" without a second type for code that only needs a number.
 */
final class BatchSizeJson {

    static final String ALL = "all";

    private BatchSizeJson() {}

    static final class Reader extends ValueDeserializer<Integer> {

        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                // out of int range surfaces as Jackson's own "number out of range" problem
                return parser.getIntValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                String text = parser.getString().trim();
                if (ALL.equals(text)) {
                    return ModelSpec.ALL_ROWS;
                }
                // a quoted number ("8") is refused like every other quoted number in a request (StrictJson)
            }
            // a null target type keeps the message below instead of a generic "expected a whole number"
            throw MismatchedInputException.from(
                    parser,
                    (Class<?>) null,
                    "expected a whole number of rows or \"all\" (full-batch gradient descent), got "
                            + describe(parser, token));
        }

        private static String describe(JsonParser parser, JsonToken token) {
            return switch (token) {
                case VALUE_NUMBER_FLOAT, VALUE_STRING ->
                    (token == JsonToken.VALUE_STRING ? "\"" : "")
                            + parser.getString()
                            + (token == JsonToken.VALUE_STRING ? "\"" : "");
                case VALUE_TRUE, VALUE_FALSE -> parser.getString();
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> String.valueOf(token);
            };
        }
    }

    static final class Writer extends ValueSerializer<Integer> {

        @Override
        public void serialize(Integer value, JsonGenerator generator, SerializationContext context) {
            if (value == ModelSpec.ALL_ROWS) {
                generator.writeString(ALL);
            } else {
                generator.writeNumber(value);
            }
        }
    }
}
