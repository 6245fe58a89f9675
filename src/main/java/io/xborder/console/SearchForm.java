package io.xborder.console;

import io.xborder.finding.FindingCursor;
import io.xborder.finding.FindingFilter;
import io.xborder.finding.FindingSearch;
import io.xborder.http.BeanParamReader;
import io.xborder.http.Paging;
import io.xborder.http.Problem;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The search page's query as the URL holds it: the {@link FindingSearch} the API reads from the same parameters, the
 * raw values (shown back in the form), and what was wrong with the rest. An invalid value is reported next to its
 * field and left out of the search, not answered with 400.
 */
public final class SearchForm {

    /** Parameters that page through the results rather than filter them: not part of the form's values. */
    private static final Set<String> PAGING = Set.of("page", "size", "cursor");

    private final FindingSearch search;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Problem.FieldError> errors;

    private SearchForm(BeanParamReader.Read<FindingSearch> read) {
        search = read.bean();
        read.values().forEach((name, value) -> {
            if (!PAGING.contains(name)) {
                values.put(name, value);
            }
        });
        errors = read.errors();
    }

    public static SearchForm of(MultivaluedMap<String, String> params, BeanParamReader reader) {
        return new SearchForm(reader.read(FindingSearch.class, params));
    }

    public FindingFilter filter() {
        return search.filter();
    }

    public int page() {
        return search.paging().page();
    }

    public int size() {
        return search.paging().size();
    }

    public FindingCursor cursor() {
        return search.cursor();
    }

    /** What was wrong, one line per parameter ("jurisdiction: must be …"). */
    public List<String> errors() {
        return errors.stream().map(e -> e.field() + ": " + e.message()).toList();
    }

    /** What was wrong with one parameter, "" when nothing. */
    public String error(String name) {
        return errors.stream().filter(e -> e.field().equals(name)).map(Problem.FieldError::message).findFirst()
                .orElse("");
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
        if (size() != Paging.DEFAULT_SIZE) {
            q.add("size=" + size());
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
