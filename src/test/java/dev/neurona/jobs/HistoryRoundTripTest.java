package dev.neurona.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.training.EpochRecord;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job's history is stored as JSON and read back for every job list: a diverged epoch's NaN and infinite numbers
 * must survive the round trip through a mapper as strict as the service's (application.yaml), or one diverged job
 * would make the list unreadable.
 */
class HistoryRoundTripTest {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    @Test
    void nonFiniteNumbersOfADivergedEpochAreReadBackAsWritten() {
        List<EpochRecord> history = List.of(new EpochRecord(
                Integer.MAX_VALUE,
                Double.NaN,
                Double.POSITIVE_INFINITY,
                Double.NaN,
                null,
                Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE,
                -Double.MAX_VALUE,
                Long.MAX_VALUE,
                Double.NaN,
                0.1));
        String stored = JSON.writeValueAsString(history);
        assertThat(JSON.readValue(stored, new TypeReference<List<EpochRecord>>() {}))
                .isEqualTo(history);
    }
}
