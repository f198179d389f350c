package dev.neurona.jobs;

import dev.neurona.training.EpochRecord;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The per-epoch history of a job, for features that draw it (the training curves of a model). */
@Component
public class TrainingHistory {

    private final JobRepository jobs;

    TrainingHistory(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** The epochs the job completed, in order; empty for an unknown job. */
    public List<EpochRecord> of(UUID jobId) {
        return jobs.find(jobId).map(JobView::history).orElse(List.of());
    }
}
