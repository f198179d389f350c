-- PostgreSQL only (the postgres profile adds this location). The migrations in db/migration were written for H2 and
-- must not change (H2 databases keep their checksums); their CLOB columns become text through a domain named clob.
-- Idempotent: the domain may exist already; two nodes migrating at once may race on creating it (unique_violation).
DO $$
BEGIN
    CREATE DOMAIN "${flyway:defaultSchema}".clob AS text;
EXCEPTION
    WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;
