package dev.neurona.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** How metrics and test predictions are stored, and that models stored before the fuller report still load. */
class MetricsStorageTest {

    /** As strict as the service's mapper (application.yaml): unknown fields and null primitives are refused. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @Test
    void metricsStoredBeforeTheFullReportLoadWithTheNewFieldsNull() {
        String stored =
                """
                {"testRows":30,"loss":0.11471852461496988,"accuracy":0.9,"confusionMatrix":[[10,0,0],[0,8,2],[0,1,9]],
                 "mse":null,"mae":null,"r2":null}""";
        Metrics m = JSON.readValue(stored, Metrics.class);
        assertThat(m.testRows()).isEqualTo(30);
        assertThat(m.accuracy()).isEqualTo(0.9);
        assertThat(m.confusionMatrix().get(1)).containsExactly(0, 8, 2);
        assertThat(m.perClass()).isNull();
        assertThat(m.macroAvg()).isNull();
        assertThat(m.top3Accuracy()).isNull();
        assertThat(m.rocAuc()).isNull();
        assertThat(m.rmse()).isNull();

        Metrics regression = JSON.readValue(
                "{\"testRows\":60,\"loss\":0.02,\"accuracy\":null,"
                        + "\"confusionMatrix\":null,\"mse\":0.09,\"mae\":0.24,\"r2\":0.98}",
                Metrics.class);
        assertThat(regression.mse()).isEqualTo(0.09);
        assertThat(regression.rmse()).isNull();
    }

    @Test
    void newMetricsSurviveARoundTrip() {
        Metrics m = Metrics.classification(
                2,
                0.5,
                0.5,
                null,
                null,
                0.75,
                List.of(new Metrics.ClassScores("a", 0.5, 1, 2.0 / 3, 1), new Metrics.ClassScores("b", 0, 0, 0, 1)),
                new Metrics.AverageScores(0.25, 0.5, 1.0 / 3, 2),
                new Metrics.AverageScores(0.25, 0.5, 1.0 / 3, 2),
                List.of(List.of(1, 0), List.of(1, 0)));
        String json = JSON.writeValueAsString(m);
        assertThat(json).contains("\"perClass\":[{\"label\":\"a\",\"precision\":0.5,\"recall\":1.0,");
        assertThat(JSON.readValue(json, Metrics.class)).isEqualTo(m);
        Metrics r = Metrics.regression(10, 0.1, 4.0, 1.5, 0.9);
        assertThat(r.rmse()).isEqualTo(2.0);
        assertThat(JSON.readValue(JSON.writeValueAsString(r), Metrics.class)).isEqualTo(r);
    }

    @Test
    void testPredictionsRoundTripAndFindACell() {
        TestPredictions p =
                new TestPredictions(new int[] {7, 3, 9}, new int[] {0, 1, 1}, new int[] {0, 0, 1}, 2, new float[] {
                    0.9f, 0.1f, 0.6f, 0.4f, 0.2f, 0.8f
                });
        TestPredictions back = TestPredictions.decode(p.encode());
        assertThat(back.rows()).containsExactly(7, 3, 9);
        assertThat(back.truth()).containsExactly(0, 1, 1);
        assertThat(back.predicted()).containsExactly(0, 0, 1);
        assertThat(back.classes()).isEqualTo(2);
        assertThat(back.probabilities()).containsExactly(0.9f, 0.1f, 0.6f, 0.4f, 0.2f, 0.8f);
        assertThat(back.cell(1, 0)).containsExactly(1);
        assertThat(back.cell(0, 1)).isEmpty();
        assertThat(back.probability(2, 1)).isEqualTo(0.8f);
        assertThat(p.encode()).hasSize(16 + 3 * 3 * 4 + 6 * 4);
    }

    @Test
    void aDamagedTestPredictionsFileIsRefused() {
        byte[] bytes = new TestPredictions(new int[] {1}, new int[] {0}, new int[] {0}, 2, new float[] {1, 0}).encode();
        assertThatThrownBy(() -> TestPredictions.decode(java.util.Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        bytes[0] = 0;
        assertThatThrownBy(() -> TestPredictions.decode(bytes)).isInstanceOf(IllegalArgumentException.class);
    }
}
