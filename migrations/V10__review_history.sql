-- xborder schema, version 10: the history of every review, and findings added by reviewers.
--
-- A finding's columns keep its current verdict and attributes (search, filters and counts stay join-free, as in
-- V3). Every step that changes them also writes one row of finding_reviews: the verdict, the attributes as the
-- step left them, who (the principal, and the name shown for it: the API key's name or the token's name claim),
-- when, and the comment given with that step. Rows are never updated: a later review is a new row. They go only
-- when their finding goes (its document was deleted; that deletion is in the audit log).
--
-- (finding_id, finding_version) is unique: a step is recorded for the version it produced, so two reviews made on
-- one version cannot both be kept; the optimistic lock of V3 already refuses the second, this makes it a fact of
-- the schema.
--
-- origin says who made a finding: the classifier (every finding before this version) or a reviewer, who adds a
-- finding the classifier missed on a passage. A reviewer's finding is CONFIRMED when added, so the reclassify
-- contract of V3 (only UNREVIEWED findings are deleted and made again) keeps it, and no classifier finding for its
-- passage and category is stored beside it (findings_passage_category_key).
ALTER TABLE findings
    ADD COLUMN origin varchar(16) NOT NULL DEFAULT 'CLASSIFIER',
    ADD CONSTRAINT findings_origin_check CHECK (origin IN ('CLASSIFIER', 'REVIEWER')),
    ADD CONSTRAINT findings_reviewer_finding_reviewed_check CHECK (
        origin = 'CLASSIFIER' OR review_status <> 'UNREVIEWED');

CREATE TABLE finding_reviews (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_id      bigint        NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    finding_version integer       NOT NULL,
    verdict         varchar(16)   NOT NULL,
    added           boolean       NOT NULL DEFAULT false,
    category        varchar(32)   NOT NULL,
    modality        varchar(16)   NOT NULL,
    mechanisms      varchar(32)[] NOT NULL DEFAULT '{}',
    jurisdictions   varchar(8)[]  NOT NULL DEFAULT '{}',
    data_categories varchar(32)[] NOT NULL DEFAULT '{}',
    reviewer        text          NOT NULL,
    reviewer_name   text          NOT NULL,
    reviewed_at     timestamptz   NOT NULL DEFAULT now(),
    comment         text,
    CONSTRAINT finding_reviews_version_key UNIQUE (finding_id, finding_version),
    CONSTRAINT finding_reviews_verdict_check CHECK (verdict IN ('CONFIRMED', 'REJECTED'))
);
CREATE INDEX finding_reviews_reviewed_at_idx ON finding_reviews (reviewed_at DESC, id DESC);

CREATE FUNCTION finding_reviews_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'finding_reviews keeps every review as written: UPDATE is not allowed';
END;
$$;
CREATE TRIGGER finding_reviews_no_update BEFORE UPDATE ON finding_reviews
    FOR EACH ROW EXECUTE FUNCTION finding_reviews_no_update();

-- Reviews made before this version: their last step is all that was kept, so it becomes their history.
INSERT INTO finding_reviews (finding_id, finding_version, verdict, category, modality, mechanisms, jurisdictions,
                             data_categories, reviewer, reviewer_name, reviewed_at, comment)
SELECT id, version, review_status, category, modality, mechanisms, jurisdictions, data_categories,
       coalesce(reviewed_by, 'unknown'),
       CASE WHEN reviewed_by LIKE 'key:%' THEN substr(reviewed_by, 5) ELSE coalesce(reviewed_by, 'unknown') END,
       reviewed_at, review_comment
  FROM findings
 WHERE review_status <> 'UNREVIEWED';
