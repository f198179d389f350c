-- API keys are stored only as SHA-256 hashes: a key is 256 random bits, so a fast hash is enough and the secret
-- itself is shown once, at creation.
CREATE TABLE api_key (
    id          UUID PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    role        VARCHAR(20)  NOT NULL,
    key_hash    VARCHAR(64)  NOT NULL,
    key_prefix  VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX api_key_hash ON api_key (key_hash);
