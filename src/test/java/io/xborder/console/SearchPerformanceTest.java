package io.xborder.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xborder.testing.FindingsData;
import io.xborder.testing.TestCredentials;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The search page with 100,000 stored findings: p95 of {@code GET /} over a mix of common filters and text queries.
 * Tagged perf, so it runs only on request:
 * {@code mvn test -Dtest=SearchPerformanceTest -Dtest.excludedGroups=none}.
 */
@QuarkusTest
@Tag("perf")
class SearchPerformanceTest {

    static final int FINDINGS = Integer.getInteger("xborder.perf.findings", 100_000);
    static final int REQUESTS = Integer.getInteger("xborder.perf.requests", 200);

    static final List<String> QUERIES = List.of(
            "",
            "jurisdiction=CN",
            "category=CROSS_BORDER_TRANSFER&mechanism=SECURITY_ASSESSMENT",
            "jurisdiction=VN&category=DATA_LOCALIZATION&from=2024-01-01&to=2024-12-31",
            "q=security+assessment",
            "q=" + URLEncoder.encode("境外", StandardCharsets.UTF_8) + "&language=zh",
            "q=" + URLEncoder.encode("安全评估", StandardCharsets.UTF_8) + "&jurisdiction=CN&minConfidence=0.7",
            "reviewStatus=CONFIRMED",
            "dataCategory=HEALTH_DATA&modality=PROHIBITION",
            "language=en&from=2023-01-01&to=2023-06-30&minConfidence=0.5",
            "q=Tesla&jurisdiction=CN&category=CROSS_BORDER_TRANSFER",
            "page=40");

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void searchPageP95StaysUnder300msWith100000Findings() throws Exception {
        long started = System.nanoTime();
        long total;
        try (Connection c = dataSource.getConnection()) {
            total = FindingsData.ensure(c, FINDINGS);
        }
        System.out.printf("perf: %d findings stored after %d s%n", total,
                (System.nanoTime() - started) / 1_000_000_000);
        assertThat(total).isGreaterThanOrEqualTo(FINDINGS);

        HttpClient http = HttpClient.newHttpClient();
        for (String q : QUERIES) { // warm-up: JIT, plans, caches
            get(http, q);
            get(http, q);
        }
        Map<String, List<Long>> byQuery = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String q = QUERIES.get(i % QUERIES.size());
            long t = get(http, q);
            all.add(t);
            byQuery.computeIfAbsent(q, k -> new ArrayList<>()).add(t);
        }
        byQuery.forEach((q, times) -> System.out.printf("perf: %-90s p50 %4d ms  p95 %4d ms  max %4d ms%n",
                "/?" + URLDecoder.decode(q, StandardCharsets.UTF_8), pct(times, 50), pct(times, 95),
                Collections.max(times)));
        System.out.printf("perf: GET / over %d requests: p50 %d ms, p95 %d ms, max %d ms%n", all.size(), pct(all, 50),
                pct(all, 95), Collections.max(all));
        assertThat(pct(all, 95)).as("p95 of the search page in ms").isLessThan(300);
    }

    private long get(HttpClient http, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString() + (query.isEmpty() ? "" : "?" + query)))
                .header("X-API-Key", TestCredentials.key("viewer"))
                .GET().build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(response.statusCode()).as(query).isEqualTo(200);
        assertThat(response.body()).as(query).doesNotContain("Some filters could not be used");
        return ms;
    }

    static long pct(List<Long> times, int percentile) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }
}
