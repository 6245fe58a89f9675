-- xborder schema, version 9: webhook daily digests. A subscription sends either one event per stored document with
-- matching findings (EACH, as before) or one event a day, at an hour in UTC, listing the new matches of the period
-- since the last digest (DAILY_DIGEST). digest_through is where the last digest's period ended: the next starts there.
ALTER TABLE webhook_subscriptions
    ADD COLUMN delivery       varchar(16) NOT NULL DEFAULT 'EACH',
    ADD COLUMN digest_hour    integer,
    ADD COLUMN digest_through timestamptz,
    ADD CONSTRAINT webhook_subscriptions_delivery_check CHECK (delivery IN ('EACH', 'DAILY_DIGEST')),
    ADD CONSTRAINT webhook_subscriptions_digest_check CHECK (delivery = 'EACH'
        OR (digest_hour BETWEEN 0 AND 23 AND digest_through IS NOT NULL));

-- A digest event names the end of the period it covers: one event per subscription and period, whichever instance
-- makes it (a second is refused by this index).
ALTER TABLE webhook_events ADD COLUMN period_end timestamptz;
CREATE UNIQUE INDEX webhook_events_digest_idx ON webhook_events (subscription_id, period_end)
    WHERE period_end IS NOT NULL;
