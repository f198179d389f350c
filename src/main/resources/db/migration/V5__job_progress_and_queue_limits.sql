-- The epoch the current run of a job started from: 0 normally, k when it resumed from a checkpoint after epoch k.
-- The ETA is extrapolated from the progress made since started_at, which a resumed run sets anew.
ALTER TABLE training_job ADD COLUMN start_epoch INT NOT NULL DEFAULT 0;
-- The API key (its id) that submitted the job, for the per-key queue limit; NULL when security is disabled.
ALTER TABLE training_job ADD COLUMN submitted_by VARCHAR(64);
CREATE INDEX training_job_submitted_by ON training_job (submitted_by, state);
-- Queue positions count the queued jobs created before a job.
CREATE INDEX training_job_state_created ON training_job (state, created_at);
