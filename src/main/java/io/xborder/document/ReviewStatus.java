package io.xborder.document;

/** Where a finding stands in review; constant names are the wire and database values. */
public enum ReviewStatus {
    UNREVIEWED, CONFIRMED, REJECTED
}
