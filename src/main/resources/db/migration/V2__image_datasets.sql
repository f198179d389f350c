-- Image datasets: their input shape (channels, height, width), how many images at the end form the official test
-- split (MNIST's t10k, say), and how a user's drawing is prepared for models trained on them.
ALTER TABLE dataset ADD COLUMN input_shape_json VARCHAR(100);
ALTER TABLE dataset ADD COLUMN official_test_rows INT DEFAULT 0 NOT NULL;
ALTER TABLE dataset ADD COLUMN image_style VARCHAR(20);
