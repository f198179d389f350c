package dev.neurona.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/** The service's mapper refuses scalars of the wrong JSON type, and still reads what the service itself writes. */
class StrictJsonTest {

    record Flags(Boolean dryRun, boolean shuffle, int epochs, Long seed, double rate, Float dropout, TimeUnit unit) {}

    private static final JsonMapper JSON = strict();

    private static JsonMapper strict() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new StrictJson().strictScalars().customize(builder);
        return builder.build();
    }

    private static final String FINE =
            "{\"dryRun\":true,\"shuffle\":false,\"epochs\":10,\"seed\":4,\"rate\":0.5,\"dropout\":0.25,\"unit\":\"SECONDS\"}";

    @Test
    void booleansMustBeTrueOrFalse() {
        for (String value : List.of("\"true\"", "1", "0", "1.0", "\"yes\"")) {
            assertThatThrownBy(
                            () -> JSON.readValue(FINE.replace("\"dryRun\":true", "\"dryRun\":" + value), Flags.class))
                    .as(value)
                    .isInstanceOf(MismatchedInputException.class);
            assertThatThrownBy(() ->
                            JSON.readValue(FINE.replace("\"shuffle\":false", "\"shuffle\":" + value), Flags.class))
                    .as(value)
                    .isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void numbersMustNotBeQuotedAndEnumsNotNumbered() {
        for (String[] swap : List.of(
                new String[] {"\"epochs\":10", "\"epochs\":\"10\""},
                new String[] {"\"seed\":4", "\"seed\":\"4\""},
                new String[] {"\"rate\":0.5", "\"rate\":\"0.5\""},
                new String[] {"\"dropout\":0.25", "\"dropout\":\"0.25\""},
                new String[] {"\"unit\":\"SECONDS\"", "\"unit\":3"})) {
            assertThatThrownBy(() -> JSON.readValue(FINE.replace(swap[0], swap[1]), Flags.class))
                    .as(swap[1])
                    .isInstanceOf(MismatchedInputException.class);
        }
    }

    @Test
    void whatTheServiceWritesReadsBack() {
        Flags fine = JSON.readValue(FINE, Flags.class);
        assertThat(fine.epochs()).isEqualTo(10);
        // a whole number is a valid floating-point value
        assertThat(JSON.readValue(FINE.replace("\"rate\":0.5", "\"rate\":1"), Flags.class)
                        .rate())
                .isEqualTo(1.0);
        // NaN and infinities are written as strings and must still load (metrics of a diverged model)
        Flags odd = new Flags(null, true, 3, null, Double.NaN, Float.POSITIVE_INFINITY, TimeUnit.DAYS);
        Flags back = JSON.readValue(JSON.writeValueAsString(odd), Flags.class);
        assertThat(back.rate()).isNaN();
        assertThat(back.dropout()).isInfinite();
        assertThat(back).isEqualTo(odd);
    }
}
