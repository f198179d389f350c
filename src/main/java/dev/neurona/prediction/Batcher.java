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
 * <p>Not a timer-driven batcher (Triton's max queue delay): with a timer a lone request would wait for company that
 * never comes. Under load the queue fills itself while a pass runs.
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
    private final ArrayDeque<Job<I>> queue = new ArrayDeque<>();
    private boolean busy;

    Batcher(int maxRows) {
        this.maxRows = Math.max(1, maxRows);
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
                batch = new ArrayList<>(1);
                batch.add(job);
            }
        }
        run(batch, pass);
        return answer(job);
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
