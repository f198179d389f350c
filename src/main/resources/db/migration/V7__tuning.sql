-- Hyperparameter tuning: a run (its validated settings, state, best trial) and its trials, each an ordinary
-- training job. Everything the coordinator needs to continue a run after a restart is in these two tables.
CREATE TABLE tuning_run (
    id              UUID PRIMARY KEY,
    dataset_id      UUID          NOT NULL,
    state           VARCHAR(12)   NOT NULL,
    settings_json   CLOB          NOT NULL,
    best_trial      INT,
    best_model_id   UUID,
    failure_reason  VARCHAR(2000),
    submitted_by    VARCHAR(64),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX tuning_run_state ON tuning_run (state);

CREATE TABLE tuning_trial (
    tuning_id    UUID          NOT NULL,
    trial_index  INT           NOT NULL,
    job_id       UUID          NOT NULL,
    params_json  CLOB          NOT NULL,
    epochs       INT           NOT NULL,
    status       VARCHAR(12)   NOT NULL,
    objective    DOUBLE PRECISION,
    reason       VARCHAR(2000),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tuning_id, trial_index)
);
CREATE UNIQUE INDEX tuning_trial_job ON tuning_trial (job_id);

-- the best trial's model is marked with the run it won
ALTER TABLE model ADD COLUMN best_of_tuning UUID;
