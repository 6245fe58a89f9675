-- xborder schema, version 12: a model version also keeps how many passages with a verdict its training left out
-- because another finding on them was not reviewed yet. Such a passage teaches nothing until it is settled: the
-- training data has no "not known" for a category, and the unreviewed finding's category would be a guess either way
-- (see src/docs/learning.md). Versions trained before count 0.
ALTER TABLE model_versions ADD COLUMN partly_reviewed_passages integer NOT NULL DEFAULT 0;
