package dev.neurona.jobs;

import dev.neurona.model.ModelRecord;
import dev.neurona.model.ModelRegistry;
import dev.neurona.model.ModelWriter;
import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.training.Checkpoint;
import dev.neurona.training.Checkpoints;
import dev.neurona.training.EpochRecord;
import dev.neurona.training.ModelTrainer;
import dev.neurona.training.TrainedModel;
import dev.neurona.training.TrainingCancelled;
import dev.neurona.training.TrainingDiverged;
import dev.neurona.training.TrainingListener;
import dev.neurona.training.TrainingTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one training job from its row in the database to a registered model: counts and bounds its attempts, owns it
 * by a run token while it trains, records progress, checkpoints and the outcome, and stops it when it is cancelled
 * or an {@link EpochJudge} says so. Safe to run again for the same job (after a crash): a job that already produced
 * a model just finishes, one with a checkpoint goes on from there.
 */
@Component
class JobExecution {

    /**
     * How often JobRunr starts a job again after the process running it died. This class bounds the starts itself by
     * {@code neurona.recovery.max-attempts}; JobRunr's own count just has to be larger.
     */
    static final int JOB_SERVER_RETRIES = 10;

    private static final Logger log = LoggerFactory.getLogger(JobExecution.class);

    private final JobRepository jobs;
    private final LiveProgress live;
    private final ModelTrainer trainer;
    private final ModelRegistry models;
    private final ModelWriter writer;
    private final Checkpoints checkpoints;
    private final NeuronaProperties.Recovery recovery;
    private final String node;
    private final JobMetrics metrics;
    private final List<EpochJudge> judges;

    JobExecution(
            JobRepository jobs,
            LiveProgress live,
            ModelTrainer trainer,
            ModelRegistry models,
            ModelWriter writer,
            Checkpoints checkpoints,
            NeuronaProperties properties,
            JobMetrics metrics,
            List<EpochJudge> judges) {
        this.jobs = jobs;
        this.live = live;
        this.trainer = trainer;
        this.models = models;
        this.writer = writer;
        this.checkpoints = checkpoints;
        this.recovery = properties.recovery();
        this.node = properties.node();
        this.metrics = metrics;
        this.judges = judges;
        if (recovery.maxAttempts() < 1 || recovery.maxAttempts() > JOB_SERVER_RETRIES + 1) {
            throw new IllegalStateException("neurona.recovery.max-attempts must be between 1 and "
                    + (JOB_SERVER_RETRIES + 1) + ", not " + recovery.maxAttempts());
        }
    }

    void run(UUID jobId) {
        JobView job = jobs.find(jobId).orElse(null);
        if (job == null || job.state().terminal()) {
            return;
        }
        var existing = models.findByJob(jobId);
        if (existing.isPresent()) {
            // the process died between registering the model and recording the outcome
            jobs.finish(jobId, JobState.SUCCEEDED, null, existing.get().id(), job.history());
            checkpoints.delete(jobId);
            return;
        }
        // its turn first: a job waiting for another's training stays queued rather than counting as started
        trainer.oneAtATime(() -> attempt(job));
    }

    private void attempt(JobView job) {
        UUID jobId = job.id();
        UUID token = UUID.randomUUID();
        List<EpochRecord> history = new ArrayList<>();
        JobMetrics.Run run = metrics.started();
        try {
            int attempt = jobs.start(jobId, token, node, trainer.device());
            if (attempt == 0) {
                jobs.finish(jobId, JobState.CANCELLED, null, null, List.of());
                run.ended(JobState.CANCELLED, null);
                return;
            }
            if (attempt > recovery.maxAttempts()) {
                String reason = "the process running this job stopped " + (attempt - 1) + " times before it finished "
                        + "(killed, out of memory, or its node lost); not tried again (neurona.recovery.max-attempts="
                        + recovery.maxAttempts() + ")";
                end(jobId, token, JobState.FAILED, reason, null, history, run, "crashed");
                return;
            }
            log.info("job {} started (attempt {} on {}, {})", jobId, attempt, node, trainer.device());
            TrainedModel trained = trainer.train(task(job), new Listener(job, token, history));
            UUID modelId = writer.save(trained.toNewModel(jobId)
                            .registeredAs(jobs.registerAs(jobId).orElse(null)))
                    .orElseThrow(JobSuperseded::new);
            end(jobId, token, JobState.SUCCEEDED, null, modelId, trained.history(), run, null);
            log.info("job {} succeeded: model {}", jobId, modelId);
        } catch (TrainingCancelled e) {
            end(jobId, token, JobState.CANCELLED, null, null, history, run, null);
            log.info("job {} cancelled", jobId);
        } catch (JobStopped e) {
            end(jobId, token, JobState.CANCELLED, e.getMessage(), null, history, run, null);
            log.info("job {} stopped: {}", jobId, e.getMessage());
        } catch (TrainingDiverged e) {
            end(jobId, token, JobState.FAILED, e.getMessage(), null, history, run, "diverged");
            log.info("job {} failed: {}", jobId, e.getMessage());
        } catch (DomainException e) {
            end(jobId, token, JobState.FAILED, e.getMessage(), null, history, run, "invalid_input");
            log.info("job {} failed: {}", jobId, e.getMessage());
        } catch (JobSuperseded e) {
            log.warn("job {}: another run has taken it over; this one stops", jobId);
            run.ended(null, null);
        } catch (RuntimeException e) {
            log.error("job {} failed unexpectedly", jobId, e);
            end(jobId, token, JobState.FAILED, "internal error: " + e, null, history, run, "internal");
        } finally {
            run.close();
            live.clear(jobId);
        }
    }

    private TrainingTask task(JobView job) {
        TrainingTask.Replay replay = job.replayOf() == null
                ? null
                : new TrainingTask.Replay(
                        job.replayOf(),
                        models.find(job.replayOf()).map(ModelRecord::metrics).orElse(null));
        return new TrainingTask("job-" + job.id(), job.spec(), job.datasetId(), replay);
    }

    /** Records the outcome while this run owns the job; a finished job needs its checkpoint no more. */
    private void end(
            UUID jobId,
            UUID token,
            JobState state,
            String reason,
            UUID modelId,
            List<EpochRecord> history,
            JobMetrics.Run run,
            String failure) {
        if (jobs.finish(jobId, token, state, reason, modelId, history)) {
            checkpoints.delete(jobId);
            run.ended(state, failure);
        } else {
            log.warn("job {}: another run has taken it over; outcome {} not recorded", jobId, state);
            run.ended(null, null);
        }
    }

    /** The job's side of a training: what it reports goes to the database, at most once a second between epochs. */
    private final class Listener implements TrainingListener {

        private final UUID jobId;
        private final UUID token;
        private final int epochs;
        /** Kept equal to the history so far, so a job that ends early (cancelled, stopped) records what it trained. */
        private final List<EpochRecord> recorded;

        private long lastWrite = System.nanoTime();

        Listener(JobView job, UUID token, List<EpochRecord> recorded) {
            this.jobId = job.id();
            this.token = token;
            this.epochs = job.spec().epochs();
            this.recorded = recorded;
        }

        @Override
        public void batch(int epoch, int batch, int totalBatches) {
            live.update(jobId, epoch, batch, totalBatches);
            if (System.nanoTime() - lastWrite > 1_000_000_000L) {
                lastWrite = System.nanoTime();
                jobs.batchProgress(jobId, token, epoch, batch, totalBatches);
                if (jobs.cancelRequested(jobId)) {
                    live.cancel(jobId);
                }
            }
        }

        @Override
        public void epoch(EpochRecord record, List<EpochRecord> history) {
            LiveProgress.Position p = live.position(jobId);
            if (!jobs.progress(
                    jobId,
                    token,
                    record.epoch(),
                    p == null ? 0 : p.batch(),
                    p == null ? 0 : p.totalBatches(),
                    history)) {
                throw new JobSuperseded();
            }
            metrics.samplesPerSecond(record.samplesPerSecond());
            recorded.clear();
            recorded.addAll(history);
            if (record.epoch() < epochs) {
                for (EpochJudge judge : judges) {
                    var reason = judge.stop(jobId, history);
                    if (reason.isPresent()) {
                        throw new JobStopped(reason.get());
                    }
                }
            }
        }

        @Override
        public void checkpoint(Checkpoint checkpoint) {
            int every = recovery.checkpointEveryEpochs();
            if (every > 0 && checkpoint.epoch() % every == 0) {
                long ms = checkpoints.save(jobId, checkpoint);
                log.debug("job {}: checkpoint after epoch {} written in {} ms", jobId, checkpoint.epoch(), ms);
            }
        }

        @Override
        public boolean cancelled() {
            return live.isCancelled(jobId);
        }

        /** The checkpoint an earlier run of this job left; taking it up claims the job for this run. */
        @Override
        public Optional<Checkpoint> resumePoint() {
            Optional<Checkpoint> resume = checkpoints.load(jobId);
            resume.ifPresent(c -> {
                log.info("job {} resumes after epoch {} of {}", jobId, c.epoch(), epochs);
                if (!jobs.resumed(jobId, token, c.epoch(), c.history())) {
                    throw new JobSuperseded();
                }
            });
            return resume;
        }
    }
}
