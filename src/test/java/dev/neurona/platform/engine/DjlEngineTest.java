package dev.neurona.platform.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** {@code neurona.device}: what each value resolves to, and the start-up failures that name the setting. */
class DjlEngineTest {

    @Test
    void autoTakesTheEnginesDefaultAndCpuIsAlwaysTheCpu() {
        assertThat(DjlEngine.device("auto", 0, Device.cpu())).isEqualTo(Device.cpu());
        assertThat(DjlEngine.device("auto", 2, Device.gpu(0))).isEqualTo(Device.gpu(0));
        assertThat(DjlEngine.device(" CPU ", 2, Device.gpu(0))).isEqualTo(Device.cpu());
    }

    @Test
    void aGpuIsChosenByIndexWhenTheEngineSeesIt() {
        assertThat(DjlEngine.device("gpu", 1, Device.gpu(0))).isEqualTo(Device.gpu(0));
        assertThat(DjlEngine.device("gpu:1", 2, Device.gpu(0))).isEqualTo(Device.gpu(1));
    }

    @Test
    void aGpuTheEngineCannotSeeStopsTheStartWithTheReason() {
        assertThatIllegalStateException()
                .isThrownBy(() -> DjlEngine.device("gpu:0", 0, Device.cpu()))
                .withMessageContaining("neurona.device=gpu:0 but PyTorch sees 0 GPU(s)")
                .withMessageContaining("CPU build of libtorch");
        assertThatIllegalStateException()
                .isThrownBy(() -> DjlEngine.device("gpu:2", 2, Device.gpu(0)))
                .withMessageContaining("gpu:0..gpu:1");
    }

    @Test
    void anythingElseIsRefusedNamingTheAcceptedValues() {
        for (String bad : new String[] {"tpu", "gpu:", "gpu:-1", "gpu:x", "cuda:0", ""}) {
            assertThatIllegalStateException()
                    .as(bad)
                    .isThrownBy(() -> DjlEngine.device(bad, 1, Device.cpu()))
                    .withMessageContaining("auto, cpu, gpu or gpu:<index>");
        }
    }
}
