package io.xborder.review;

/** OpenAPI examples of the review endpoints, as text blocks. */
final class ReviewExamples {

    private ReviewExamples() {
    }

    static final String BULK_SELECTION = """
            {"status": "REJECTED", "scope": "SELECTION",
             "findings": [{"id": 1051, "version": 0}, {"id": 1052, "version": 0}],
             "comment": "Stock-market news, not a rule."}
            """;

    static final String BULK_FILTER = """
            {"status": "REJECTED", "scope": "FILTER", "limit": 200,
             "comment": "Stock-market news, not a rule."}
            """;

    static final String BULK_RESULT = """
            {"status": "REJECTED", "requested": 2,
             "applied": [{"id": 1051, "version": 1}],
             "skipped": [{"id": 1052, "reason": "CHANGED",
                          "detail": "finding 1052 was changed by someone else since you read it (it is now at \\"v1\\"); read it again and repeat your review on the current version"}],
             "remaining": false}
            """;

    static final String MISSED_FINDING = """
            {"category": "DATA_LOCALIZATION", "modality": "REQUIREMENT",
             "mechanisms": [], "jurisdictions": ["VN"], "dataCategories": ["FINANCIAL_DATA"],
             "evidence": [{"start": 0, "end": 35, "text": "Copies of the ledgers stay in Hanoi"}],
             "comment": "The classifier missed this requirement."}
            """;

    static final String MISSED_CONFLICT = """
            {"type": "about:blank", "title": "Conflict", "status": 409,
             "detail": "passage 2051 already has a DATA_LOCALIZATION finding (1051); review that one instead of adding another",
             "instance": "/api/v1/passages/2051/findings"}
            """;

    static final String EXPORT_LINE = """
            {"id":"review-p2051","lang":"en","doc":"review-d42","docJurisdiction":"VN","text":"Copies of the ledgers stay in Hanoi.","categories":["DATA_LOCALIZATION"],"mechanisms":[],"modality":"REQUIREMENT","jurisdictions":["VN"],"dataCategories":["FINANCIAL_DATA"],"origin":"review","note":"reviewed: DATA_LOCALIZATION confirmed (added by a reviewer)","provenance":{"passageId":2051,"documentId":42,"documentTitle":"Decree 53","findings":[{"findingId":1051,"category":"DATA_LOCALIZATION","verdict":"CONFIRMED","origin":"REVIEWER","reviewer":"anna-review","reviewedAt":"2026-12-01T09:14:03Z"}]}}
            """;
}
