package io.xborder.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.finding.FindingView;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A saved search's findings as an Atom feed (RFC 4287) and as a JSON Feed (1.1): newest first, each entry a finding
 * with its passage and a link to it in the console.
 */
final class SearchFeeds {

    static final String ATOM = "application/atom+xml";
    static final String JSON_FEED = "application/feed+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SearchFeeds() {
    }

    static String atom(SavedSearchService.FeedContent feed, URI self, URI base) {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        element(x, "  ", "id", feedId(feed, base));
        element(x, "  ", "title", "xborder: " + feed.name());
        element(x, "  ", "updated", time(feed.updatedAt()));
        x.append("  <author><name>xborder</name></author>\n");
        x.append("  <link rel=\"self\" type=\"").append(ATOM).append("\" href=\"").append(escape(self.toString()))
                .append("\"/>\n");
        for (FindingView f : feed.findings()) {
            x.append("  <entry>\n");
            element(x, "    ", "id", findingId(f, base));
            element(x, "    ", "title", title(f));
            element(x, "    ", "updated", time(f.createdAt()));
            x.append("    <link rel=\"alternate\" type=\"text/html\" href=\"")
                    .append(escape(findingUrl(f, base))).append("\"/>\n");
            for (String c : categories(f)) {
                x.append("    <category term=\"").append(escape(c)).append("\"/>\n");
            }
            x.append("    <content type=\"text\">").append(escape(f.passage().text())).append("</content>\n");
            x.append("  </entry>\n");
        }
        return x.append("</feed>\n").toString();
    }

    /** JSON Feed 1.1. */
    record JsonFeed(String version, String title, @JsonProperty("home_page_url") String homePageUrl,
            @JsonProperty("feed_url") String feedUrl, List<Item> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(String id, String url, String title, @JsonProperty("content_text") String contentText,
            @JsonProperty("date_published") String datePublished, List<String> tags) {
    }

    static String jsonFeed(SavedSearchService.FeedContent feed, URI self, URI base) {
        List<Item> items = new ArrayList<>();
        for (FindingView f : feed.findings()) {
            items.add(new Item(findingId(f, base), findingUrl(f, base), title(f), f.passage().text(),
                    time(f.createdAt()), categories(f)));
        }
        try {
            return JSON.writeValueAsString(new JsonFeed("https://jsonfeed.org/version/1.1", "xborder: " + feed.name(),
                    base.resolve("/").toString(), self.toString(), items));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String title(FindingView f) {
        String jurisdictions = f.jurisdictions().isEmpty() ? "" : " (" + String.join(", ", f.jurisdictions()) + ")";
        return f.category() + jurisdictions + ": " + f.document().title();
    }

    private static List<String> categories(FindingView f) {
        List<String> c = new ArrayList<>();
        c.add(f.category());
        c.add(f.modality());
        c.addAll(f.mechanisms());
        c.addAll(f.jurisdictions());
        return c;
    }

    private static String feedId(SavedSearchService.FeedContent feed, URI base) {
        return base.resolve("/api/v1/saved-searches/" + feed.id()).toString();
    }

    private static String findingId(FindingView f, URI base) {
        return base.resolve("/api/v1/findings/" + f.id()).toString();
    }

    private static String findingUrl(FindingView f, URI base) {
        return base.resolve("/findings/" + f.id()).toString();
    }

    private static String time(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t == null ? Instant.EPOCH : t);
    }

    private static void element(StringBuilder x, String indent, String name, String text) {
        x.append(indent).append('<').append(name).append('>').append(escape(text)).append("</").append(name)
                .append(">\n");
    }

    /** XML text and attribute escaping; characters XML 1.0 does not allow become U+FFFD. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFFFD);
                    out.append(allowed ? c : '\uFFFD');
                }
            }
        }
        return out.toString();
    }
}
