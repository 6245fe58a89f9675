package io.xborder.console;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.document.ReviewStatus;
import io.xborder.finding.FindingCursor;
import io.xborder.finding.FindingFilter;
import io.xborder.http.Paging;
import io.xborder.http.ProblemException;
import io.xborder.http.WireValues;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The search page's query as the URL holds it: the raw values (shown back in the form), the checked filter, and
 * what was wrong with the rest. An invalid value is reported next to the form and ignored, not answered with 400.
 */
public final class SearchForm {

    /** Query parameters that make up the filter, in the order the URL lists them. */
    static final List<String> FILTER_PARAMS = List.of("q", "jurisdiction", "category", "mechanism", "modality",
            "dataCategory", "language", "from", "to", "minConfidence", "reviewStatus");

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> errors = new ArrayList<>();
    private final FindingFilter filter;
    private final int page;
    private final int size;
    private final FindingCursor cursor;

    private SearchForm(MultivaluedMap<String, String> params) {
        for (String name : FILTER_PARAMS) {
            String v = params.getFirst(name);
            values.put(name, v == null ? "" : v.strip());
        }
        String q = values.get("q");
        if (q.length() > 200) {
            errors.add("Search words: at most 200 characters; the query was shortened.");
            q = q.substring(0, 200);
            values.put("q", q);
        }
        LocalDate from = check(() -> WireValues.date("from", values.get("from")), "from");
        LocalDate to = check(() -> WireValues.date("to", values.get("to")), "to");
        if (from != null && to != null && from.isAfter(to)) {
            errors.add("The date range is empty: 'from' is after 'to'.");
        }
        filter = new FindingFilter(
                check(() -> WireValues.enumValue("category", values.get("category"), Category.class), "category"),
                check(() -> WireValues.jurisdiction("jurisdiction", values.get("jurisdiction")), "jurisdiction"),
                check(() -> WireValues.enumValue("mechanism", values.get("mechanism"), Mechanism.class), "mechanism"),
                check(() -> WireValues.enumValue("modality", values.get("modality"), Modality.class), "modality"),
                check(() -> WireValues.enumValue("dataCategory", values.get("dataCategory"), DataCategory.class),
                        "dataCategory"),
                check(() -> WireValues.code("language", values.get("language"), Language::fromCode, "en, zh"),
                        "language"),
                check(() -> WireValues.number("minConfidence", values.get("minConfidence"), 0.0, 1.0), "minConfidence"),
                null,
                q.isBlank() ? null : q,
                from, to,
                check(() -> WireValues.enumValue("reviewStatus", values.get("reviewStatus"), ReviewStatus.class),
                        "reviewStatus"));
        Paging paging = check(() -> Paging.of(params.getFirst("page"), params.getFirst("size")), "page");
        page = paging == null ? 0 : paging.page();
        size = paging == null ? Paging.DEFAULT_SIZE : paging.size();
        String c = params.getFirst("cursor");
        cursor = c == null || c.isBlank() ? null : FindingCursor.decode(c.strip()).orElseGet(() -> {
            errors.add("The 'next page' link is not valid any more; showing the first page.");
            return null;
        });
    }

    public static SearchForm of(MultivaluedMap<String, String> params) {
        return new SearchForm(params);
    }

    private <T> T check(Supplier<T> parse, String field) {
        try {
            return parse.get();
        } catch (ProblemException e) {
            errors.add(e.getMessage());
            values.put(field, "");
            return null;
        }
    }

    public FindingFilter filter() {
        return filter;
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }

    public FindingCursor cursor() {
        return cursor;
    }

    public List<String> errors() {
        return errors;
    }

    /** The raw value of a filter parameter, "" when absent or invalid. */
    public String get(String name) {
        return values.getOrDefault(name, "");
    }

    public boolean hasFilters() {
        return values.values().stream().anyMatch(v -> !v.isEmpty());
    }

    /** The query string of the current filters (no paging), URL-encoded; "" without filters. */
    public String query() {
        StringJoiner q = new StringJoiner("&");
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        if (size != Paging.DEFAULT_SIZE) {
            q.add("size=" + size);
        }
        return q.toString();
    }

    /** The query string of the current filters plus one more parameter. */
    public String with(String name, String value) {
        String base = query();
        String extra = name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        return base.isEmpty() ? extra : base + "&" + extra;
    }
}
