package io.xborder.alert;

/** OpenAPI examples of the alert endpoints, as text blocks. */
final class AlertExamples {

    private AlertExamples() {
    }

    static final String SAVED_SEARCH_REQUEST = """
            {"name": "China: cross-border transfer", "shared": true,
             "criteria": {"jurisdiction": "CN", "category": "CROSS_BORDER_TRANSFER", "minConfidence": 0.6}}
            """;

    static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <id>https://xborder.example.com/api/v1/saved-searches/7</id>
              <title>xborder: China: cross-border transfer</title>
              <updated>2026-12-01T10:02:11Z</updated>
              <author><name>xborder</name></author>
              <link rel="self" type="application/atom+xml" href="https://xborder.example.com/api/v1/saved-searches/7/feed.atom"/>
              <entry>
                <id>https://xborder.example.com/api/v1/findings/1051</id>
                <title>CROSS_BORDER_TRANSFER (CN): Tesla seeks approval to move China data abroad</title>
                <updated>2026-12-01T10:02:11Z</updated>
                <link rel="alternate" type="text/html" href="https://xborder.example.com/findings/1051"/>
                <category term="CROSS_BORDER_TRANSFER"/>
                <content type="text">Tesla is seeking approval to transfer data collected in China overseas.</content>
              </entry>
            </feed>
            """;

    static final String JSON_FEED = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "xborder: China: cross-border transfer",
             "home_page_url": "https://xborder.example.com/",
             "feed_url": "https://xborder.example.com/api/v1/saved-searches/7/feed.json",
             "items": [{"id": "https://xborder.example.com/api/v1/findings/1051",
                        "url": "https://xborder.example.com/findings/1051",
                        "title": "CROSS_BORDER_TRANSFER (CN): Tesla seeks approval to move China data abroad",
                        "content_text": "Tesla is seeking approval to transfer data collected in China overseas.",
                        "date_published": "2026-12-01T10:02:11Z", "tags": ["CROSS_BORDER_TRANSFER", "CN"]}]}
            """;

    static final String WEBHOOK_REQUEST = """
            {"searchId": 7, "url": "https://hooks.example.com/xborder", "active": true}
            """;

    static final String WEBHOOK_DIGEST_REQUEST = """
            {"searchId": 7, "url": "https://hooks.example.com/xborder", "delivery": "DAILY_DIGEST", "digestHour": 7}
            """;

    static final String REPLAY_REQUEST = """
            {"from": "2026-12-01T00:00:00Z", "to": "2026-12-02T00:00:00Z"}
            """;
}
