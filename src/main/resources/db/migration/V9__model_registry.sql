-- The registry: a name that successive models share as versions 1, 2, 3… (docs/design.md, "Model registry"). A
-- model row is one version; the registered model holds what belongs to the name (description, tags), and an alias
-- points a name@alias at one of its versions. V9_1 gives the models stored before a name and version each.
CREATE TABLE registered_model (
    name         VARCHAR(63)   PRIMARY KEY,
    description  VARCHAR(2000),
    tags_json    CLOB          NOT NULL,
    -- the last version number handed out: deleting the newest version never lets its number be reused
    last_version INT           NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
ALTER TABLE model ADD COLUMN registered_name VARCHAR(63);
ALTER TABLE model ADD COLUMN version INT;
-- two registrations of one name racing for the same version: one of them fails here rather than both succeeding
CREATE UNIQUE INDEX model_registered_version ON model (registered_name, version);
CREATE TABLE model_alias (
    registered_name VARCHAR(63)   NOT NULL,
    alias           VARCHAR(63)   NOT NULL,
    version         INT           NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (registered_name, alias)
);
-- the registered model a job's model becomes a version of ({"name", "description", "tags"}); NULL: derived from the
-- dataset's name
ALTER TABLE training_job ADD COLUMN register_json CLOB;
