-- xborder schema, version 4: API keys for integrations, and the audit log.

-- An API key is shown once, at creation; only its SHA-256 is stored (the key is 256 random bits, so a plain
-- hash is enough: there is nothing to guess). prefix is the key's first characters, shown in lists so a person
-- can tell their keys apart without the key itself.
CREATE TABLE api_keys (
    id           bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name         varchar(100) NOT NULL,
    role         varchar(16)  NOT NULL,
    key_hash     varchar(64)  NOT NULL,
    prefix       varchar(16)  NOT NULL,
    created_by   text         NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz,
    CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash),
    CONSTRAINT api_keys_role_check CHECK (role IN ('viewer', 'analyst', 'admin'))
);
-- A name identifies the holder (it is the principal of audit entries): unique among keys in use.
CREATE UNIQUE INDEX api_keys_active_name_idx ON api_keys (name) WHERE revoked_at IS NULL;

-- Who changed what, when: written in the same transaction as the change. before/after are the changed
-- record's JSON (null for a creation's before and a deletion's after).
CREATE TABLE audit_log (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          timestamptz  NOT NULL DEFAULT now(),
    actor       text         NOT NULL,
    action      varchar(64)  NOT NULL,
    target_type varchar(32)  NOT NULL,
    target_id   varchar(64)  NOT NULL,
    before      jsonb,
    after       jsonb
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor);

-- Append-only for every role, the table owner included: UPDATE, DELETE and TRUNCATE raise.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
