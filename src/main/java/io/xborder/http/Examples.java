package io.xborder.http;

/**
 * OpenAPI examples, kept as text blocks in one place. Each is what the service really answers or accepts
 * ({@code OpenApiExamplesTest} sends them and compares), except values that differ per call (ids, dates, counts,
 * the confidence of a newer model).
 */
public final class Examples {

    private Examples() {
    }

    public static final String CLASSIFY_REQUEST = """
            {"text": "Mr. Musk is seeking approval to transfer data collected in China overseas.",
             "language": "en",
             "jurisdiction": null}
            """;

    public static final String CLASSIFY_REQUEST_ZH = """
            {"text": "关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储。",
             "language": "zh",
             "jurisdiction": "CN"}
            """;

    public static final String CLASSIFY_RESPONSE = """
            {"language": "en",
             "passages": [
              {"index": 0, "start": 0, "end": 74,
               "text": "Mr. Musk is seeking approval to transfer data collected in China overseas.",
               "findings": [
                {"category": "CROSS_BORDER_TRANSFER",
                 "confidence": 0.99,
                 "modality": "REPORT",
                 "mechanisms": ["SECURITY_ASSESSMENT"],
                 "jurisdictions": ["CN"],
                 "dataCategories": ["PERSONAL_INFORMATION"],
                 "evidence": [{"start": 32, "end": 73, "text": "transfer data collected in China overseas",
                               "cue": "en.transfer.abroad"}]}]}]}
            """;

    public static final String DOCUMENT_REQUEST = """
            {"title": "Tesla seeks approval to move China data abroad",
             "text": "Mr. Musk is seeking approval to transfer data collected in China overseas. Tesla stock has fallen this year.",
             "sourceUrl": "https://example.com/news/tesla-data",
             "language": "en",
             "jurisdiction": null,
             "publishedAt": "2024-04-29"}
            """;

    public static final String DOCUMENT_TEXT = """
            Mr. Musk is seeking approval to transfer data collected in China overseas. Tesla stock has fallen this year.
            """;

    public static final String PROBLEM_400 = """
            {"type": "about:blank", "title": "Bad Request", "status": 400,
             "detail": "language: must be one of en, zh, not 'fr'", "instance": "/api/v1/classify",
             "errors": [{"field": "language", "message": "must be one of en, zh, not 'fr'"}]}
            """;

    public static final String DOCUMENT_PROBLEM_400 = """
            {"type": "about:blank", "title": "Bad Request", "status": 400,
             "detail": "language: must be one of en, zh, not 'fr'", "instance": "/api/v1/documents",
             "errors": [{"field": "language", "message": "must be one of en, zh, not 'fr'"}]}
            """;

    public static final String PROBLEM_404 = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "document 42 does not exist", "instance": "/api/v1/documents/42"}
            """;

    public static final String PROBLEM_413 = """
            {"type": "about:blank", "title": "Request Entity Too Large", "status": 413,
             "detail": "The request body is over the limit of 10485760 bytes.", "instance": "/api/v1/classify"}
            """;

    public static final String DOCUMENT_PROBLEM_413 = """
            {"type": "about:blank", "title": "Request Entity Too Large", "status": 413,
             "detail": "The request body is over the limit of 10485760 bytes.", "instance": "/api/v1/documents"}
            """;

    public static final String PROBLEM_415 = """
            {"type": "about:blank", "title": "Unsupported Media Type", "status": 415,
             "detail": "Unsupported content type; see the API description for the accepted media types.",
             "instance": "/api/v1/classify"}
            """;

    public static final String DOCUMENT_PROBLEM_415 = """
            {"type": "about:blank", "title": "Unsupported Media Type", "status": 415,
             "detail": "Unsupported content type; see the API description for the accepted media types.",
             "instance": "/api/v1/documents"}
            """;

    public static final String REVIEW_REQUEST = """
            {"status": "CONFIRMED",
             "mechanisms": ["SECURITY_ASSESSMENT"],
             "jurisdictions": ["CN"],
             "comment": "Article 37 of the Cybersecurity Law; assessment mechanism confirmed."}
            """;

    public static final String REVIEW_HISTORY = """
            [{"findingVersion": 1, "verdict": "REJECTED", "added": false, "category": "DATA_LOCALIZATION",
              "modality": "REQUIREMENT", "mechanisms": [], "jurisdictions": ["CN"], "dataCategories": [],
              "reviewer": "key:anna-review", "reviewerName": "anna-review", "reviewedAt": "2026-12-01T09:14:03Z",
              "comment": "Only a heading; the rule is in the next passage."},
             {"findingVersion": 2, "verdict": "CONFIRMED", "added": false, "category": "DATA_LOCALIZATION",
              "modality": "REQUIREMENT", "mechanisms": ["SECURITY_ASSESSMENT"], "jurisdictions": ["CN"],
              "dataCategories": ["PERSONAL_INFORMATION"], "reviewer": "bo.chen@example.com",
              "reviewerName": "Bo Chen", "reviewedAt": "2026-12-02T16:40:51Z",
              "comment": "It does state the rule: storage in China, assessment before any transfer."}]
            """;

    public static final String FETCH_REQUEST = """
            {"url": "https://example.com/news/tesla-data",
             "title": null,
             "language": "en",
             "jurisdiction": null,
             "publishedAt": "2024-04-29"}
            """;

    public static final String UPLOAD_METADATA = """
            {"pipl.pdf": {"title": "Personal Information Protection Law", "language": "zh", "jurisdiction": "CN",
                          "publishedAt": "2021-08-20"},
             "memo.docx": {"language": "en"}}
            """;

    public static final String UPLOAD_RESULT = """
            {"created": 1, "existing": 0, "failed": 1,
             "items": [
              {"index": 0, "fileName": "pipl.pdf", "status": 201, "documentId": 7, "location": "/api/v1/documents/7",
               "title": "Personal Information Protection Law", "passageCount": 74, "findingCount": 9},
              {"index": 1, "fileName": "scan.png", "status": 415,
               "problem": {"type": "urn:xborder:problem:unsupported-type", "title": "Unsupported Media Type",
                           "status": 415, "detail": "scan.png: documents of type image/png are not supported",
                           "instance": "/api/v1/documents"}}]}
            """;

    public static final String PROBLEM_URL_REFUSED = """
            {"type": "urn:xborder:problem:url-refused", "title": "Bad Request", "status": 400,
             "detail": "the host 169.254.169.254 resolves to 169.254.169.254, a link-local address; such addresses are not fetched unless allow-listed (xborder.fetch.allow)",
             "instance": "/api/v1/documents/fetch"}
            """;

    public static final String PROBLEM_422 = """
            {"type": "urn:xborder:problem:corrupt", "title": "Unprocessable Content", "status": 422,
             "detail": "law.pdf: the PDF cannot be read: Missing root object specification in trailer.",
             "instance": "/api/v1/documents"}
            """;

    public static final String JOB_URLS = """
            {"kind": "URLS",
             "urls": ["https://example.com/news/tesla-data", "https://example.com/laws/pipl.pdf"],
             "language": null, "jurisdiction": "CN"}
            """;
}
