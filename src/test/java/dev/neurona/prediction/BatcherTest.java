package dev.neurona.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BatcherTest {

    /** Doubles every value; each job's input is one row of width 2. */
    private static Outputs doubled(List<Batcher.Job<float[]>> jobs) {
        int rows = jobs.stream().mapToInt(j -> j.rows).sum();
        float[] out = new float[rows * 2];
        int at = 0;
        for (Batcher.Job<float[]> j : jobs) {
            for (float v : j.input) {
                out[at++] = 2 * v;
            }
        }
        return new Outputs(out, 2);
    }

    @Test
    void aLoneRequestRunsAtOnceOnItsOwnThread() {
        Batcher<float[]> batcher = new Batcher<>(64);
        List<Thread> ran = new ArrayList<>();
        Outputs out = batcher.submit(new float[] {1, 2}, 1, jobs -> {
            ran.add(Thread.currentThread());
            return doubled(jobs);
        });
        assertThat(out.values()).containsExactly(2, 4);
        assertThat(ran).containsExactly(Thread.currentThread());
    }

    @Test
    void requestsArrivingDuringAPassGoTogetherInTheNextAndEachGetsItsOwnRows() throws Exception {
        Batcher<float[]> batcher = new Batcher<>(64);
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> passSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Function<List<Batcher.Job<float[]>>, Outputs> pass = jobs -> {
            passSizes.add(jobs.size());
            if (passSizes.size() == 1) {
                firstRunning.countDown();
                await(release);
            }
            return doubled(jobs);
        };
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            Future<Outputs> first = threads.submit(() -> batcher.submit(new float[] {0, 0}, 1, pass));
            firstRunning.await(10, TimeUnit.SECONDS);
            List<Future<Outputs>> followers = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                float v = i;
                followers.add(threads.submit(() -> batcher.submit(new float[] {v, -v}, 1, pass)));
            }
            while (batcher.waiting() < 5) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS).values()).containsExactly(0, 0);
            for (int i = 1; i <= 5; i++) {
                assertThat(followers.get(i - 1).get(10, TimeUnit.SECONDS).values())
                        .containsExactly(2f * i, -2f * i);
            }
            assertThat(passSizes).containsExactly(1, 5);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedPassFailsEveryRequestInItAndTheNextPassRunsAgain() {
        Batcher<float[]> batcher = new Batcher<>(64);
        assertThatThrownBy(() -> batcher.submit(new float[] {1, 1}, 1, jobs -> {
                    throw new IllegalStateException("native error");
                }))
                .hasMessage("native error");
        assertThat(batcher.submit(new float[] {1, 1}, 1, BatcherTest::doubled).values())
                .containsExactly(2, 2);
    }

    @Test
    void aBatchOfLimitOrMoreRowsRunsAloneEvenWhenBusy() {
        Batcher<float[]> batcher = new Batcher<>(2);
        Outputs out = batcher.submit(new float[] {1, 2, 3, 4}, 2, BatcherTest::doubled);
        assertThat(out.values()).containsExactly(2, 4, 6, 8);
    }

    @Test
    void withAMaxWaitAnIdleModelsRequestWaitsForCompanyUntilTheBatchIsFull() throws Exception {
        // a long wait that a full batch cuts short: nothing here depends on how fast the machine is
        Batcher<float[]> batcher = new Batcher<>(3, java.time.Duration.ofSeconds(30));
        List<Integer> passSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        Function<List<Batcher.Job<float[]>>, Outputs> pass = jobs -> {
            passSizes.add(jobs.size());
            return doubled(jobs);
        };
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<Outputs>> answers = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                float v = i;
                answers.add(threads.submit(() -> batcher.submit(new float[] {v, v}, 1, pass)));
            }
            for (int i = 1; i <= 3; i++) {
                assertThat(answers.get(i - 1).get(20, TimeUnit.SECONDS).values())
                        .containsExactly(2f * i, 2f * i);
            }
            assertThat(passSizes).containsExactly(3);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void withAMaxWaitALoneRequestStillRunsWhenTheWaitEnds() {
        Batcher<float[]> batcher = new Batcher<>(64, java.time.Duration.ofMillis(20));
        assertThat(batcher.submit(new float[] {1, 2}, 1, BatcherTest::doubled).values())
                .containsExactly(2, 4);
        assertThat(batcher.waiting()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
