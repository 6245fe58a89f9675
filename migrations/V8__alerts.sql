-- xborder schema, version 8: alerts. Saved searches (a findings filter with a name and an owner), their Atom/JSON
-- feeds (a revocable read-only token per search), webhook subscriptions on them, and the transactional outbox of
-- webhook events with every delivery attempt.

-- A saved findings filter. The filter's criteria are typed columns (null: any), checked like the search's parameters.
CREATE TABLE saved_searches (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner           varchar(255) NOT NULL,
    name            text         NOT NULL,
    shared          boolean      NOT NULL DEFAULT false,
    q               text,
    jurisdiction    varchar(2),
    category        varchar(32),
    mechanism       varchar(32),
    modality        varchar(16),
    data_category   varchar(32),
    language        varchar(8),
    min_confidence  double precision,
    -- SHA-256 of the feed token; null: no feed token (none made yet, or revoked)
    feed_token_hash varchar(64),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    updated_at      timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT saved_searches_confidence_check CHECK (min_confidence IS NULL OR (min_confidence >= 0 AND min_confidence <= 1))
);
CREATE INDEX saved_searches_owner_idx ON saved_searches (owner);
CREATE UNIQUE INDEX saved_searches_feed_token_idx ON saved_searches (feed_token_hash) WHERE feed_token_hash IS NOT NULL;

-- When each principal last looked at a search: the findings created after it are "new" to them.
CREATE TABLE saved_search_looks (
    search_id bigint       NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    principal varchar(255) NOT NULL,
    looked_at timestamptz  NOT NULL,
    PRIMARY KEY (search_id, principal)
);

-- A webhook: where the events of a saved search's new findings go. The signing secret is kept encrypted
-- (AES-GCM, XBORDER_WEBHOOK_SECRET_KEY) or, without that key, as it is; it is shown once, at creation.
CREATE TABLE webhook_subscriptions (
    id                   bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    search_id            bigint       NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
    url                  text         NOT NULL,
    secret               text         NOT NULL,
    active               boolean      NOT NULL DEFAULT true,
    created_by           varchar(255) NOT NULL,
    consecutive_failures integer      NOT NULL DEFAULT 0,
    disabled_at          timestamptz,
    disabled_reason      text,
    created_at           timestamptz  NOT NULL DEFAULT now(),
    updated_at           timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscriptions_search_idx ON webhook_subscriptions (search_id);

-- The outbox: one event per subscription and stored document whose new findings match it, written in the
-- transaction that stores the findings. Claimed with FOR UPDATE SKIP LOCKED and a lease, as job items are; the body
-- is kept exactly as it is sent, so every attempt and replay sends the same bytes under the same id.
CREATE TABLE webhook_events (
    id              varchar(64)  PRIMARY KEY,
    subscription_id bigint       NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    type            varchar(64)  NOT NULL,
    body            text         NOT NULL,
    state           varchar(16)  NOT NULL DEFAULT 'PENDING',
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL DEFAULT now(),
    claimed_by      varchar(128),
    lease_until     timestamptz,
    last_status     integer,
    last_error      text,
    created_at      timestamptz  NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    CONSTRAINT webhook_events_state_check CHECK (state IN ('PENDING', 'DELIVERED'))
);
CREATE INDEX webhook_events_due_idx ON webhook_events (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_events_subscription_idx ON webhook_events (subscription_id, created_at);

-- Every attempt to deliver an event: when, how it went, how long it took, the start of the answer.
CREATE TABLE webhook_attempts (
    id               bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         varchar(64)  NOT NULL REFERENCES webhook_events (id) ON DELETE CASCADE,
    attempted_at     timestamptz  NOT NULL DEFAULT now(),
    worker           varchar(128) NOT NULL,
    status           integer,
    outcome          varchar(16)  NOT NULL,
    latency_ms       integer      NOT NULL,
    error            text,
    response_excerpt text,
    CONSTRAINT webhook_attempts_outcome_check CHECK (outcome IN ('DELIVERED', 'FAILED'))
);
CREATE INDEX webhook_attempts_event_idx ON webhook_attempts (event_id, id);
