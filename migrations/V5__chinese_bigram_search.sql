-- Text search for two-character Chinese words (境外, 数据, 出境): pg_trgm extracts no trigram from a
-- two-character LIKE pattern inside a run of Han characters, so such a search could only scan every
-- passage. These functions index the distinct pairs of adjacent Han characters of each passage
-- (passages without Han characters get an empty array). For a two-character Han query, FindingQuery uses
-- xborder_has_bigram(text, q) instead of LIKE (the two are equivalent) when the pair is rare, so that
-- PostgreSQL reads the few matching passages from the index; a common pair (境外 in one passage of six) keeps
-- the LIKE, because walking the newest findings finds enough matches sooner. Rare or common comes from the
-- index's own statistics (pg_stats.most_common_elems).
-- COST: computing the pairs of a passage is expensive (~60 µs); the planner should read them from the index
-- rather than compute them row by row.

CREATE OR REPLACE FUNCTION xborder_bigrams(t text) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
  SELECT coalesce(array_agg(DISTINCT b), '{}') FROM (
    SELECT substr(r[1], i, 2) AS b
    FROM regexp_matches(t, '[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}', 'g') AS r,
         generate_series(1, length(r[1]) - 1) AS i) x
$$;

-- Inlined by the planner into "xborder_bigrams(t) @> ARRAY[b]", which the index below serves.
CREATE OR REPLACE FUNCTION xborder_has_bigram(t text, b text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT xborder_bigrams(t) @> ARRAY[b]
$$;

CREATE INDEX IF NOT EXISTS passages_text_bigrams_idx ON passages USING gin (xborder_bigrams(text));
