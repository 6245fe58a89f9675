-- xborder schema, version 7: a job item given back after a transient failure (extraction busy, a time-out, the
-- database unavailable) waits before it is claimed again, longer after each attempt.
ALTER TABLE job_items ADD COLUMN not_before timestamptz;
