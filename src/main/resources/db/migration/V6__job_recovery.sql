-- Recovery after a process died mid-job: how often the job was started, which run currently owns it (a run that
-- lost ownership to a newer one stops writing), and the node and device it ran on.
ALTER TABLE training_job ADD COLUMN attempts INT DEFAULT 0 NOT NULL;
ALTER TABLE training_job ADD COLUMN run_token UUID;
ALTER TABLE training_job ADD COLUMN node VARCHAR(200);
ALTER TABLE training_job ADD COLUMN device VARCHAR(40);
