-- Metadata lives here; bulk data (uploaded files, model parameters) lives in the artifact store under data-dir.
CREATE TABLE dataset (
    id              UUID PRIMARY KEY,
    name            VARCHAR(200)  NOT NULL,
    kind            VARCHAR(20)   NOT NULL,
    task            VARCHAR(20)   NOT NULL,
    label_column    VARCHAR(500)  NOT NULL,
    separator_char  VARCHAR(2)    NOT NULL,
    missing_policy  VARCHAR(10)   NOT NULL,
    row_count       INT           NOT NULL,
    dropped_rows    INT           NOT NULL,
    input_width     INT           NOT NULL,
    classes_json    CLOB          NOT NULL,
    columns_json    CLOB          NOT NULL,
    balance_json    CLOB          NOT NULL,
    file_key        VARCHAR(500)  NOT NULL,
    sha256          VARCHAR(64)   NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE training_job (
    id               UUID PRIMARY KEY,
    dataset_id       UUID          NOT NULL,
    state            VARCHAR(12)   NOT NULL,
    spec_json        CLOB          NOT NULL,
    epoch            INT           NOT NULL DEFAULT 0,
    total_epochs     INT           NOT NULL,
    batch            INT           NOT NULL DEFAULT 0,
    total_batches    INT           NOT NULL DEFAULT 0,
    history_json     CLOB          NOT NULL,
    failure_reason   VARCHAR(2000),
    model_id         UUID,
    cancel_requested BOOLEAN       NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX training_job_state ON training_job (state);

CREATE TABLE model (
    id                 UUID PRIMARY KEY,
    job_id             UUID          NOT NULL,
    dataset_id         UUID          NOT NULL,
    name               VARCHAR(200)  NOT NULL,
    task               VARCHAR(20)   NOT NULL,
    spec_json          CLOB          NOT NULL,
    preprocessing_json CLOB          NOT NULL,
    metrics_json       CLOB          NOT NULL,
    artifacts_json     CLOB          NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX model_job ON model (job_id);
