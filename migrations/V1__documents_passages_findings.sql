-- xborder schema, version 1: documents, their passages, and the findings made on them.
-- Hibernate validates this schema at start; it never generates it.

-- Trigram indexes serve substring search in passages, Chinese included (no word spaces there).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SEQUENCE documents_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE passages_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE findings_seq START WITH 1 INCREMENT BY 50;

CREATE TABLE documents (
    id            bigint PRIMARY KEY,
    title         text        NOT NULL,
    source_url    text,
    language      varchar(8)  NOT NULL,
    jurisdiction  varchar(2),
    published_at  date,
    content_hash  varchar(64) NOT NULL,
    text          text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT documents_content_hash_key UNIQUE (content_hash)
);
CREATE INDEX documents_created_idx ON documents (created_at DESC, id DESC);

CREATE TABLE passages (
    id           bigint PRIMARY KEY,
    document_id  bigint     NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    idx          integer    NOT NULL,
    start_offset integer    NOT NULL,
    end_offset   integer    NOT NULL,
    text         text       NOT NULL,
    language     varchar(8) NOT NULL,
    CONSTRAINT passages_document_idx_key UNIQUE (document_id, idx),
    CONSTRAINT passages_offsets_check CHECK (start_offset >= 0 AND end_offset > start_offset)
);
CREATE INDEX passages_text_trgm_idx ON passages USING gin (text gin_trgm_ops);

-- A finding copies the few document and passage columns its list query filters and sorts on
-- (document, language, date), so that the common queries touch one table.
CREATE TABLE findings (
    id              bigint PRIMARY KEY,
    passage_id      bigint           NOT NULL REFERENCES passages (id) ON DELETE CASCADE,
    document_id     bigint           NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    language        varchar(8)       NOT NULL,
    occurred_on     date             NOT NULL,
    category        varchar(32)      NOT NULL,
    confidence      double precision NOT NULL,
    modality        varchar(16)      NOT NULL,
    mechanisms      varchar(32)[]    NOT NULL DEFAULT '{}',
    jurisdictions   varchar(8)[]     NOT NULL DEFAULT '{}',
    data_categories varchar(32)[]    NOT NULL DEFAULT '{}',
    evidence        jsonb            NOT NULL DEFAULT '[]',
    ruleset_version varchar(64)      NOT NULL,
    review_status   varchar(16)      NOT NULL DEFAULT 'UNREVIEWED',
    created_at      timestamptz      NOT NULL DEFAULT now(),
    CONSTRAINT findings_passage_category_key UNIQUE (passage_id, category),
    CONSTRAINT findings_confidence_check CHECK (confidence >= 0 AND confidence <= 1),
    CONSTRAINT findings_category_check CHECK (category IN ('DATA_LOCALIZATION', 'CROSS_BORDER_TRANSFER')),
    CONSTRAINT findings_modality_check CHECK (modality IN ('REQUIREMENT', 'PROHIBITION', 'PERMISSION', 'REPORT')),
    CONSTRAINT findings_review_status_check CHECK (review_status IN ('UNREVIEWED', 'CONFIRMED', 'REJECTED'))
);
CREATE INDEX findings_newest_idx ON findings (occurred_on DESC, id DESC);
CREATE INDEX findings_document_idx ON findings (document_id);
CREATE INDEX findings_category_newest_idx ON findings (category, occurred_on DESC, id DESC);
CREATE INDEX findings_jurisdictions_idx ON findings USING gin (jurisdictions);
CREATE INDEX findings_mechanisms_idx ON findings USING gin (mechanisms);
CREATE INDEX findings_data_categories_idx ON findings USING gin (data_categories);
