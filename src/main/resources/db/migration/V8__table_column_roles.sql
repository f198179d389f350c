-- Column roles and the unknown-category choice of a table upload. Datasets stored before: no column ignored
-- (NULL), unknown categories ignored (NULL, read as "ignore" for tables).
ALTER TABLE dataset ADD COLUMN ignored_columns_json CLOB;
ALTER TABLE dataset ADD COLUMN unknown_categories VARCHAR(10);
