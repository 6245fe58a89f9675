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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The document library and the country pages with 100,000 stored findings (issue 17, "done when" 3): p95 of each
 * page over a mix of filters and countries. Tagged perf, so it runs only on request:
 * {@code mvn test -Dtest=LibraryPerformanceTest -Dtest.excludedGroups=none}.
 */
@QuarkusTest
@Tag("perf")
class LibraryPerformanceTest {

    static final List<String> PAGES = List.of(
            "/documents",
            "/documents?findings=without",
            "/documents?jurisdiction=CN&sort=published",
            "/documents?q=data&language=en",
            "/documents?sort=findings",
            "/documents?page=200",
            "/countries",
            "/countries/CN",
            "/countries/VN",
            "/countries/US",
            "/countries/EU");

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    @Test
    void libraryAndCountryPagesP95StayUnder300msWith100000Findings() throws Exception {
        long total;
        try (Connection c = dataSource.getConnection()) {
            total = FindingsData.ensure(c, SearchPerformanceTest.FINDINGS);
        }
        assertThat(total).isGreaterThanOrEqualTo(SearchPerformanceTest.FINDINGS);
        HttpClient http = HttpClient.newHttpClient();
        for (String page : PAGES) { // warm-up: JIT, plans, caches
            get(http, page);
            get(http, page);
        }
        Map<String, List<Long>> byPage = new LinkedHashMap<>();
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < SearchPerformanceTest.REQUESTS; i++) {
            String page = PAGES.get(i % PAGES.size());
            long t = get(http, page);
            all.add(t);
            byPage.computeIfAbsent(page, k -> new ArrayList<>()).add(t);
        }
        byPage.forEach((page, times) -> System.out.printf("perf: %-50s p50 %4d ms  p95 %4d ms  max %4d ms%n", page,
                SearchPerformanceTest.pct(times, 50), SearchPerformanceTest.pct(times, 95), Collections.max(times)));
        System.out.printf("perf: library and country pages over %d requests: p50 %d ms, p95 %d ms, max %d ms%n",
                all.size(), SearchPerformanceTest.pct(all, 50), SearchPerformanceTest.pct(all, 95),
                Collections.max(all));
        assertThat(SearchPerformanceTest.pct(all, 95)).as("p95 in ms").isLessThan(300);
    }

    private long get(HttpClient http, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .header("X-API-Key", TestCredentials.key("viewer")).GET().build();
        long t0 = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return ms;
    }
}
