package dev.neurona.prediction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Gathers concurrent small requests to one model into one forward pass. A request that finds the model idle runs at
 * once, alone, on its own thread: batching never adds latency when there is no concurrency. Requests that arrive
 * while a pass runs queue up; when the pass ends the oldest of them leads the next pass, taking the queue (up to the
 * batch size) with it, on its own thread. So a request waits at most for the pass running when it came, and every
 * thread does at most one pass besides waiting, which keeps the service's threads its concurrency limit.
 *
 * <p>By default not timer-driven: with a delay (Triton's max queue delay, TorchServe's maxBatchDelay) a lone request
 * would wait for company that never comes, and under load the queue fills itself while a pass runs. A positive
 * {@code maxWait} makes a request that finds the model idle wait up to that long for others (or until the batch is
 * full) before it runs: fewer, larger passes for a deployment that values throughput over a lone request's latency.
 */
final class Batcher<I> {

    /** One request's input, its row count, and in time its share of the outputs. */
    static final class Job<I> {
        final I input;
        final int rows;
        private Outputs result;
        private RuntimeException failure;
        private boolean done;
        private boolean leads;

        Job(I input, int rows) {
            this.input = input;
            this.rows = rows;
        }
    }

    private final int maxRows;
    private final long maxWaitNanos;
    private final ArrayDeque<Job<I>> queue = new ArrayDeque<>();
    private boolean busy;

    Batcher(int maxRows) {
        this(maxRows, java.time.Duration.ZERO);
    }

    Batcher(int maxRows, java.time.Duration maxWait) {
        this.maxRows = Math.max(1, maxRows);
        this.maxWaitNanos = Math.max(0, maxWait.toNanos());
    }

    /**
     * {@code pass} runs the jobs it is given as one batch, rows in job order, and answers their outputs together;
     * each job gets its own rows back.
     */
    Outputs submit(I input, int rows, Function<List<Job<I>>, Outputs> pass) {
        if (rows >= maxRows) {
            // already a batch: joining others would only make it wait
            return pass.apply(List.of(new Job<>(input, rows)));
        }
        Job<I> job = new Job<>(input, rows);
        List<Job<I>> batch;
        synchronized (this) {
            if (busy) {
                queue.add(job);
                notifyAll(); // a leader waiting for company counts the queue again
                boolean interrupted = false;
                while (!job.done && !job.leads) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // the pass carrying this job is running for others too: wait for it, then restore the flag
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                if (job.done) {
                    return answer(job);
                }
                batch = take();
            } else {
                busy = true;
                if (maxWaitNanos > 0) {
                    waitForCompany(job);
                    queue.addFirst(job);
                    batch = take();
                } else {
                    batch = new ArrayList<>(1);
                    batch.add(job);
                }
            }
        }
        run(batch, pass);
        return answer(job);
    }

    /** Holds the idle model's next pass up to {@code maxWait}, or until the queue and {@code job} fill a batch. */
    private void waitForCompany(Job<I> job) {
        long until = System.nanoTime() + maxWaitNanos;
        long left;
        while (job.rows + queuedRows() < maxRows && (left = until - System.nanoTime()) > 0) {
            try {
                wait(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int queuedRows() {
        int rows = 0;
        for (Job<I> j : queue) {
            rows += j.rows;
        }
        return rows;
    }

    /** The oldest queued jobs up to the batch size; the leader is first, so at least it. */
    private List<Job<I>> take() {
        List<Job<I>> batch = new ArrayList<>();
        int rows = 0;
        while (!queue.isEmpty() && (batch.isEmpty() || rows + queue.peek().rows <= maxRows)) {
            Job<I> next = queue.poll();
            rows += next.rows;
            batch.add(next);
        }
        return batch;
    }

    private void run(List<Job<I>> batch, Function<List<Job<I>>, Outputs> pass) {
        Outputs out = null;
        RuntimeException failure = null;
        try {
            out = pass.apply(batch);
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            failure = new IllegalStateException("the forward pass failed", e);
        }
        synchronized (this) {
            int row = 0;
            for (Job<I> j : batch) {
                if (failure == null) {
                    j.result = out.rows(row, j.rows);
                } else {
                    j.failure = failure;
                }
                row += j.rows;
                j.done = true;
            }
            if (queue.isEmpty()) {
                busy = false;
            } else {
                queue.peek().leads = true;
            }
            notifyAll();
        }
    }

    /** Requests waiting for a pass (for tests and diagnostics). */
    synchronized int waiting() {
        return queue.size();
    }

    private static Outputs answer(Job<?> job) {
        if (job.failure != null) {
            throw job.failure;
        }
        return job.result;
    }
}
