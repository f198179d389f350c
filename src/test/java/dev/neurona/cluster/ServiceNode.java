package dev.neurona.cluster;

import dev.neurona.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Neurona service as its own JVM, started from the packaged jar the way a user runs it, so a test can kill it
 * with SIGKILL mid-job and start another. Its output goes to a log file the test can read.
 */
final class ServiceNode implements AutoCloseable {

    private static final String ADMIN_KEY = "nrn_cluster_admin_key_0123456789abcdef0123456789";

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final Http http;

    private ServiceNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.http = Http.at(base(), ADMIN_KEY);
    }

    /**
     * Starts the jar with the given settings (as {@code --key=value} arguments) and waits until its health is UP.
     */
    static ServiceNode start(String name, Path logDir, Map<String, String> settings)
            throws IOException, InterruptedException {
        return start(name, logDir, List.of("-Xmx1g"), settings);
    }

    /** As above, with these JVM options instead of {@code -Xmx1g}. */
    static ServiceNode start(String name, Path logDir, List<String> jvmOptions, Map<String, String> settings)
            throws IOException, InterruptedException {
        int port = freePort();
        Path jar = Path.of(System.getProperty("neurona.jar", "target/neurona-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged service at " + jar.toAbsolutePath()
                    + ": these tests run in the integration-test phase, after ./mvnw package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-Djava.awt.headless=true",
                "-jar",
                jar.toAbsolutePath().toString(),
                "--server.port=" + port,
                "--neurona.node-name=" + name,
                "--neurona.security.bootstrap-admin-key=" + ADMIN_KEY,
                "--logging.level.dev.neurona=INFO"));
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        ServiceNode node = new ServiceNode(name, port, log, process);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        node.awaitHealthy(Duration.ofSeconds(120));
        return node;
    }

    String name() {
        return name;
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Requests to this node with the admin key. */
    Http http() {
        return http;
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, exactly what an OOM killer or a lost machine does. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        Http anonymous = Http.at(base(), null).withTimeout(Duration.ofSeconds(5));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (anonymous.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not become healthy in " + timeout + ":\n" + tail());
    }

    private String tail() throws IOException {
        String all = log();
        return all.substring(Math.max(0, all.length() - 4000));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
