package io.xborder.job;

/** Does the work of one job item. Must be idempotent: an item may be handled again after its worker died. */
@FunctionalInterface
public interface JobItemHandler {

    /** The item's result: the document it made or touched, and whether it created it. */
    record Outcome(Long documentId, boolean createdDocument) {
    }

    /**
     * @throws ItemFailedException when the item cannot succeed (bad input): it is marked FAILED at once
     * @throws ItemDeferredException when it may succeed later (busy, a time-out): retried with back-off up to the
     *     attempt limit, then failed with its reason
     * @throws Exception anything else is taken as transient too (reason ERROR, or DATABASE_UNAVAILABLE)
     */
    Outcome handle(JobQueue.ClaimedItem item) throws Exception;

    /** A failure of one item with a reason code, recorded on the item. */
    abstract class ItemException extends Exception {

        private static final long serialVersionUID = 1L;

        private final String reason;

        ItemException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** A permanent failure of one item, with a reason code (e.g. CORRUPT, URL_REFUSED) and a message. */
    class ItemFailedException extends ItemException {

        private static final long serialVersionUID = 1L;

        public ItemFailedException(String reason, String message) {
            super(reason, message);
        }
    }

    /** A transient failure of one item (e.g. EXTRACTION_TIMEOUT while extraction is busy), with a reason code. */
    class ItemDeferredException extends ItemException {

        private static final long serialVersionUID = 1L;

        public ItemDeferredException(String reason, String message) {
            super(reason, message);
        }
    }
}
