package io.xborder.job;

/** A job's state, derived from its items' states. */
public enum JobState {

    /** No item started yet. */
    QUEUED,
    /** Some items started, not all finished. */
    RUNNING,
    /** Every item finished without failure (or the job had no items). */
    DONE,
    /** Every item finished and every one failed. */
    FAILED,
    /** Every item finished, some failed. */
    PARTIAL;

    static JobState of(int total, int queued, int done, int failed) {
        if (done + failed >= total) {
            return failed == 0 ? DONE : done == 0 ? FAILED : PARTIAL;
        }
        return queued == total ? QUEUED : RUNNING;
    }
}
