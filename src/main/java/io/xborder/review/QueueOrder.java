package io.xborder.review;

/** How the review queue is ordered; constant names are the wire values. */
public enum QueueOrder {
    /** The classifier's least sure findings first: confidence closest to its category's decision threshold. */
    UNCERTAINTY,
    /** The newest first, by the document's publication date (as search lists them). */
    NEWEST
}
