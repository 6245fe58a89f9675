package io.xborder.job;

/** What a job does with each of its items. */
public enum JobKind {
    /** Fetch each URL (SSRF-guarded) and ingest it. */
    URLS,
    /** Ingest each uploaded file. */
    FILES,
    /** Re-run the classifier on each document made with another ruleset version. */
    RECLASSIFY,
    /** Train a candidate model (one item); done by the {@link PluggedJobs} handler of another package. */
    TRAIN_MODEL
}
