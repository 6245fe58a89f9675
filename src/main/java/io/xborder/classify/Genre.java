package io.xborder.classify;

/**
 * The kind of text a passage comes from, when known: it changes how the same words read ("shall" in a law states a
 * rule, a decision narrates what a company did, a notice describes what is done).
 */
public enum Genre {
    /** Statutes, regulations, decrees, standards. */
    LAW,
    /** Regulator guidance, FAQs, explainers. */
    GUIDANCE,
    /** Court rulings and regulator decisions (penalties, orders). */
    DECISION,
    /** News, headlines, analysts' notes. */
    NEWS,
    /** Privacy notices, vendor pages, tenders, contracts, minutes, memos. */
    BUSINESS
}
