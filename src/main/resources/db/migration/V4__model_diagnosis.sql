-- Plain-language findings about how training went (convergence, and later learning-curve diagnoses); JSON list.
ALTER TABLE model ADD COLUMN diagnosis_json CLOB;
