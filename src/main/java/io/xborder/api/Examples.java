package io.xborder.api;

/** OpenAPI examples, kept as text blocks in one place. */
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
                 "confidence": 0.94,
                 "modality": "REPORT",
                 "mechanisms": ["SECURITY_ASSESSMENT"],
                 "jurisdictions": ["CN"],
                 "dataCategories": ["OTHER"],
                 "evidence": [{"start": 32, "end": 73, "text": "transfer data collected in China overseas",
                               "cue": "en.transfer.overseas"}]}]}]}
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

    public static final String PROBLEM_404 = """
            {"type": "about:blank", "title": "Not Found", "status": 404,
             "detail": "document 42 does not exist", "instance": "/api/v1/documents/42"}
            """;

    public static final String PROBLEM_413 = """
            {"type": "about:blank", "title": "Request Entity Too Large", "status": 413,
             "detail": "The request body is over the limit of 10485760 bytes.", "instance": "/api/v1/classify"}
            """;

    public static final String PROBLEM_415 = """
            {"type": "about:blank", "title": "Unsupported Media Type", "status": 415,
             "detail": "Unsupported content type; see the API description for the accepted media types.",
             "instance": "/api/v1/classify"}
            """;

    public static final String REVIEW_REQUEST = """
            {"status": "CONFIRMED",
             "mechanisms": ["SECURITY_ASSESSMENT"],
             "jurisdictions": ["CN"],
             "comment": "Article 37 of the Cybersecurity Law; assessment mechanism confirmed."}
            """;
}
