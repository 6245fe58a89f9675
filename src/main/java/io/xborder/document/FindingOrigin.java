package io.xborder.document;

/** Who made a finding; constant names are the wire and database values. */
public enum FindingOrigin {
    /** Found by the classifier (every finding stored before reviewers could add one). */
    CLASSIFIER,
    /** Added by a reviewer on a passage where the classifier missed it; confirmed from the start. */
    REVIEWER
}
