-- xborder schema, version 3: analysts review findings.
--
-- A review confirms or rejects a finding and may correct its attributes. Corrections are written into the
-- finding's own columns, so every query (search, filters, counts, exports) sees the reviewed values without a
-- join. What the classifier originally said is kept in classifier_original: a JSON object with the attributes
-- the classifier set (category, modality, mechanisms, jurisdictions, dataCategories), copied there once, by the
-- first review, and never changed afterwards. A reviewer's change is therefore always traceable: compare the
-- columns with classifier_original. NULL means the finding was never reviewed, so the columns are the
-- classifier's own.
--
-- version is the optimistic lock behind the review API's ETag/If-Match: every update increments it, and an
-- update made from a stale version is refused (412).
--
-- Contract for reclassification (the reclassify job replaces a document's findings when the rules change): it
-- deletes and re-creates only findings with review_status = 'UNREVIEWED'. Reviewed findings keep their verdict,
-- their corrections and their id; a new classifier finding for the same passage and category as a reviewed one
-- is not stored (findings_passage_category_key).
ALTER TABLE findings
    ADD COLUMN version             integer     NOT NULL DEFAULT 0,
    ADD COLUMN reviewed_by         text,
    ADD COLUMN reviewed_at         timestamptz,
    ADD COLUMN review_comment      text,
    ADD COLUMN classifier_original jsonb,
    ADD CONSTRAINT findings_reviewed_check CHECK (
        (review_status = 'UNREVIEWED') = (reviewed_at IS NULL));

-- The review queue: unreviewed (or confirmed/rejected) findings, newest first.
CREATE INDEX findings_review_status_newest_idx ON findings (review_status, occurred_on DESC, id DESC);
