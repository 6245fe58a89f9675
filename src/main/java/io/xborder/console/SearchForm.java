package io.xborder.console;

import io.xborder.finding.FindingCursor;
import io.xborder.finding.FindingFilter;
import io.xborder.finding.FindingSearch;
import io.xborder.http.BeanParamReader;
import io.xborder.http.Paging;
import io.xborder.http.Problem;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    /** What each field shows: the value as typed, also when it was wrong (so it can be corrected, not retyped). */
    private final Map<String, String> shown = new LinkedHashMap<>();
    private final List<Problem.FieldError> errors;
    /** The jurisdiction the typed value named: a code, {@link FindingFilter#NO_JURISDICTION} or null. */
    private final String jurisdiction;

    private SearchForm(BeanParamReader.Read<FindingSearch> read, MultivaluedMap<String, String> raw,
            String typedJurisdiction, Countries.Resolved resolved) {
        search = read.bean();
        read.values().forEach((name, value) -> {
            if (!PAGING.contains(name)) {
                values.put(name, value);
                String typed = raw.getFirst(name);
                shown.put(name, typed == null ? "" : typed.strip());
            }
        });
        errors = new ArrayList<>(read.errors());
        if (resolved.problem() != null) {
            errors.add(0, new Problem.FieldError("jurisdiction", resolved.problem()));
            jurisdiction = null;
        } else if (resolved.unknownJurisdiction()) {
            values.put("jurisdiction", typedJurisdiction.strip());
            shown.put("jurisdiction", Countries.UNKNOWN_CHOICE);
            jurisdiction = FindingFilter.NO_JURISDICTION;
        } else if (resolved.country().isPresent()) {
            values.put("jurisdiction", typedJurisdiction.strip());
            shown.put("jurisdiction", resolved.country().get().choice());
            jurisdiction = resolved.country().get().code();
        } else {
            jurisdiction = null;
        }
    }

    /**
     * The search of these parameters. The jurisdiction may be typed as the picker offers it (a name in English or
     * Chinese, a code, "Unknown jurisdiction"); the rest is read as the API reads it.
     */
    public static SearchForm of(MultivaluedMap<String, String> params, BeanParamReader reader) {
        MultivaluedMap<String, String> rest = new MultivaluedHashMap<>();
        params.forEach((k, v) -> {
            if (!k.equals("jurisdiction")) {
                rest.put(k, v);
            }
        });
        String typed = params.getFirst("jurisdiction");
        return new SearchForm(reader.read(FindingSearch.class, rest), params, typed,
                Countries.all().resolve(typed, true));
    }

    public FindingFilter filter() {
        return search.filter().withJurisdiction(jurisdiction);
    }

    /** What the field of a parameter shows: as typed (also when wrong), a jurisdiction as the picker names it. */
    public String shown(String name) {
        return shown.getOrDefault(name, "");
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

    /** What was wrong, by field label ("Jurisdiction: …"). */
    public List<Problem.FieldError> errors() {
        return errors;
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

    /** How many filters other than the words are set. */
    public long filtersBeyondWords() {
        return values.entrySet().stream().filter(e -> !e.getKey().equals("q") && !e.getValue().isEmpty()).count();
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
