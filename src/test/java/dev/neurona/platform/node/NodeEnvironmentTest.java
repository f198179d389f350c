package dev.neurona.platform.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class NodeEnvironmentTest {

    private final NodeEnvironment processor = new NodeEnvironment();

    private MockEnvironment process(MockEnvironment environment) {
        processor.postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void theRoleSwitchesJobRunrsServerAndNamesIt() {
        MockEnvironment all = process(new MockEnvironment().withProperty("neurona.node-name", " n1 "));
        assertThat(all.getProperty(NodeEnvironment.JOB_SERVER, Boolean.class)).isTrue();
        assertThat(all.getProperty(NodeEnvironment.JOB_SERVER_NAME)).isEqualTo("n1");
        assertThat(all.getProperty(NodeEnvironment.NODE_NAME)).isEqualTo("n1");

        MockEnvironment api = process(new MockEnvironment().withProperty("neurona.role", "api"));
        assertThat(api.getProperty(NodeEnvironment.JOB_SERVER, Boolean.class)).isFalse();

        MockEnvironment worker = process(new MockEnvironment()
                .withProperty("neurona.role", "WORKER")
                .withProperty(NodeEnvironment.JOB_SERVER_NAME, "gpu-box"));
        assertThat(worker.getProperty(NodeEnvironment.JOB_SERVER, Boolean.class))
                .isTrue();
        assertThat(worker.getProperty(NodeEnvironment.JOB_SERVER_NAME))
                .as("an explicit name stays")
                .isEqualTo("gpu-box");
        assertThat(worker.getProperty(NodeEnvironment.NODE_NAME))
                .as("the host name")
                .isNotBlank();
    }

    @Test
    void anExplicitJobRunrSettingMustAgreeWithTheRole() {
        assertThatIllegalStateException()
                .isThrownBy(() -> process(new MockEnvironment()
                        .withProperty("neurona.role", "api")
                        .withProperty(NodeEnvironment.JOB_SERVER, "true")))
                .withMessageContaining("jobrunr.background-job-server.enabled=true contradicts neurona.role=api");
        assertThatIllegalStateException()
                .isThrownBy(() -> process(new MockEnvironment().withProperty(NodeEnvironment.JOB_SERVER, "false")))
                .withMessageContaining("neurona.role=all");
        MockEnvironment agreeing = process(new MockEnvironment()
                .withProperty("neurona.role", "worker")
                .withProperty(NodeEnvironment.JOB_SERVER, "true"));
        assertThat(agreeing.getProperty(NodeEnvironment.JOB_SERVER, Boolean.class))
                .isTrue();
    }
}
