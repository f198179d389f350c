-- Plain-language findings about how training went (convergence, and later learning-curve diagnoses); JSON list.
ALTER TABLE model ADD COLUMN diagnosis_json CLOB;
-- What a model needs to be reproduced (seed, split hash, dataset hash, versions, device), and which model a
-- training job replays.
ALTER TABLE model ADD COLUMN receipt_json CLOB;
ALTER TABLE training_job ADD COLUMN replay_of UUID;
