-- xborder schema, version 2: ingestion of real files, feeds and batch jobs.

-- The ruleset version a document's passages were last classified with (NULL: unknown, before version 2 for
-- documents without findings). A reclassify job re-runs documents whose version differs from the current one.
ALTER TABLE documents ADD COLUMN ruleset_version varchar(64);
UPDATE documents d SET ruleset_version = f.version
  FROM (SELECT document_id, max(ruleset_version) AS version FROM findings GROUP BY document_id) f
 WHERE f.document_id = d.id;
CREATE INDEX documents_ruleset_version_idx ON documents (ruleset_version);

-- The file a document was extracted from, kept so it can be downloaded again. Its own table so that document
-- rows (listed and joined often) stay small; at most one original per document.
CREATE TABLE document_originals (
    document_id  bigint       PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    file_name    text,
    media_type   varchar(255) NOT NULL,
    charset      varchar(64),
    size_bytes   bigint       NOT NULL,
    sha256       varchar(64)  NOT NULL,
    content      bytea        NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT document_originals_size_check CHECK (size_bytes >= 0)
);
-- PDF, DOCX and most uploads are compressed already: store them out of line without a second compression.
ALTER TABLE document_originals ALTER COLUMN content SET STORAGE EXTERNAL;

-- RSS/Atom subscriptions. next_poll_at is claimed with FOR UPDATE SKIP LOCKED, so replicas poll each feed once.
CREATE SEQUENCE feeds_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE feeds (
    id               bigint       PRIMARY KEY,
    url              text         NOT NULL,
    title            text,
    interval_seconds integer      NOT NULL,
    enabled          boolean      NOT NULL DEFAULT true,
    language         varchar(8),
    jurisdiction     varchar(2),
    next_poll_at     timestamptz  NOT NULL DEFAULT now(),
    last_polled_at   timestamptz,
    last_error       text,
    last_error_at    timestamptz,
    items_seen       bigint       NOT NULL DEFAULT 0,
    items_ingested   bigint       NOT NULL DEFAULT 0,
    items_failed     bigint       NOT NULL DEFAULT 0,
    created_at       timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT feeds_url_key UNIQUE (url),
    CONSTRAINT feeds_interval_check CHECK (interval_seconds >= 60)
);
CREATE INDEX feeds_due_idx ON feeds (next_poll_at) WHERE enabled;

-- Every item a feed has shown, by GUID (or link when it has none): each is ingested once.
CREATE TABLE feed_items (
    feed_id      bigint      NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    item_key     text        NOT NULL,
    link         text,
    document_id  bigint      REFERENCES documents (id) ON DELETE SET NULL,
    content_hash varchar(64),
    error        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (feed_id, item_key)
);

-- Asynchronous jobs and their work items. Items are claimed with FOR UPDATE SKIP LOCKED and a lease; an item whose
-- lease ran out (its worker died) is claimed again. A job's state is derived from its items' states.
CREATE TABLE jobs (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       varchar(16) NOT NULL,
    total      integer     NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT jobs_kind_check CHECK (kind IN ('URLS', 'FILES', 'RECLASSIFY'))
);
CREATE INDEX jobs_created_idx ON jobs (created_at DESC, id DESC);

CREATE TABLE job_items (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id           bigint      NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    idx              integer     NOT NULL,
    source           text        NOT NULL,
    payload          bytea,
    metadata         jsonb       NOT NULL DEFAULT '{}',
    document_id      bigint      REFERENCES documents (id) ON DELETE SET NULL,
    state            varchar(8)  NOT NULL DEFAULT 'QUEUED',
    attempts         integer     NOT NULL DEFAULT 0,
    claimed_by       varchar(128),
    lease_until      timestamptz,
    created_document boolean,
    error_reason     varchar(32),
    error_detail     text,
    finished_at      timestamptz,
    CONSTRAINT job_items_job_idx_key UNIQUE (job_id, idx),
    CONSTRAINT job_items_state_check CHECK (state IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED'))
);
CREATE INDEX job_items_open_idx ON job_items (id) WHERE state IN ('QUEUED', 'RUNNING');
ALTER TABLE job_items ALTER COLUMN payload SET STORAGE EXTERNAL;
