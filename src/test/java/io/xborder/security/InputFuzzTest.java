package io.xborder.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.xborder.testing.TestCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Sends more than 10,000 generated and mutated requests to classify, documents and findings (random bytes, huge
 * strings, deep JSON, lone surrogates, RTL and zero-width marks, mixed scripts, wrong types, SQL and LIKE
 * metacharacters, mutated valid bodies, forged credentials). Every answer must come within the time bound, never be
 * a 5xx, and never show a stack trace or SQL; the database changes only by the requests that were accepted (stored
 * documents = 201 answers; audit entries = accepted reviews). The seed is printed so that a failure can be replayed.
 */
@QuarkusTest
class InputFuzzTest {

    private static final int REQUESTS = 10_400;
    private static final Duration PER_REQUEST = Duration.ofSeconds(15);
    private static final List<String> LEAKS = List.of("Exception", "at io.", "at java.", "SQL", "org.hibernate",
            "jdbc", "PSQL");

    @TestHTTPResource("/")
    URL base;

    private final long seed = Long.getLong("fuzz.seed", System.nanoTime());
    private String analystKey;
    private long finding;

    @Test
    void tenThousandHostileInputsGiveNo5xxNoHangNoLeakAndNoUnaccountedChange() throws Exception {
        analystKey = TestCredentials.key("analyst");
        finding = seedFinding();
        long documentsBefore = documents();
        long auditBefore = auditEntries();

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        LongAdder created = new LongAdder();
        LongAdder reviewed = new LongAdder();
        AtomicInteger sent = new AtomicInteger();
        Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long threadSeed = seed + t;
            tasks.add(pool.submit(() -> {
                Random random = new Random(threadSeed);
                for (int i = 0; i < REQUESTS / 4 && failures.size() < 20; i++) {
                    Fuzz f = next(random);
                    HttpRequest request = f.request();
                    long t0 = System.nanoTime();
                    HttpResponse<String> response;
                    try {
                        response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        // the server closes a connection after refusing a request line or header (414/431); a pooled
                        // connection can be reused just as it closes: one retry on a fresh attempt
                        try {
                            t0 = System.nanoTime();
                            response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        } catch (Exception again) {
                            failures.add(f.describe() + ": " + again);
                            continue;
                        }
                    } catch (Exception e) {
                        failures.add(f.describe() + ": " + e);
                        continue;
                    }
                    sent.incrementAndGet();
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    int status = response.statusCode();
                    byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
                    String body = response.body();
                    if (status >= 500) {
                        failures.add(f.describe() + ": " + status + " " + clip(body));
                    } else if (took.compareTo(PER_REQUEST) > 0) {
                        failures.add(f.describe() + ": took " + took.toMillis() + " ms");
                    } else if (status >= 400) {
                        // 414/431: the HTTP server's own limits on the request line and headers, before any endpoint
                        if (status != 414 && status != 431 && !response.headers().firstValue("Content-Type").orElse("")
                                .startsWith("application/problem+json")) {
                            failures.add(f.describe() + ": " + status + " without problem+json");
                        }
                        LEAKS.stream().filter(body::contains).findFirst()
                                .ifPresent(leak -> failures
                                        .add(f.describe() + ": body shows '" + leak + "': " + clip(body)));
                    }
                    if (f.target() == Target.DOCUMENTS && status == 201) {
                        created.increment();
                    }
                    if (f.target() == Target.REVIEW && status == 200) {
                        reviewed.increment();
                    }
                }
            }));
        }
        for (Future<?> task : tasks) {
            task.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf(
                "Fuzz: %d requests in %d s (seed %d), statuses %s, documents created %d, reviews accepted %d%n",
                sent.get(), seconds, seed, new TreeMap<>(byStatus), created.sum(), reviewed.sum());

        assertThat(failures).as("seed " + seed).isEmpty();
        assertThat(sent.get()).isGreaterThanOrEqualTo(10_000);
        assertThat(documents()).as("documents stored = 201 answers").isEqualTo(documentsBefore + created.sum());
        assertThat(auditEntries()).as("audit entries = accepted reviews").isEqualTo(auditBefore + reviewed.sum());
    }

    // --- what is sent ---------------------------------------------------------------------------------------------

    enum Target {
        CLASSIFY, DOCUMENTS, FINDINGS, REVIEW, AUTH
    }

    record Fuzz(Target target, String kind, HttpRequest request) {

        String describe() {
            return target + "/" + kind + " " + request.method() + " " + clip(request.uri().toString());
        }
    }

    private Fuzz next(Random r) {
        int pick = r.nextInt(100);
        if (pick < 35) {
            return json(Target.CLASSIFY, r, "/api/v1/classify" + (r.nextInt(5) == 0 ? "?explain=" + enc(word(r)) : ""));
        }
        if (pick < 55) {
            if (r.nextInt(4) == 0) {
                String kind = "text/plain";
                return new Fuzz(Target.DOCUMENTS, kind, request("/api/v1/documents?title=" + enc(text(r, 40))
                        + "&language=" + enc(word(r)), "POST", "text/plain; charset=UTF-8", bytes(r, text(r, 400))));
            }
            return json(Target.DOCUMENTS, r, "/api/v1/documents");
        }
        if (pick < 80) {
            return findings(r);
        }
        if (pick < 92) {
            return review(r);
        }
        return auth(r);
    }

    private Fuzz json(Target target, Random r, String path) {
        String kind;
        byte[] body;
        switch (r.nextInt(9)) {
            case 0 -> {
                kind = "random bytes";
                body = new byte[r.nextInt(2048)];
                r.nextBytes(body);
            }
            case 1 -> {
                kind = "deep JSON";
                int depth = 20 + r.nextInt(5000);
                String open = r.nextBoolean() ? "[" : "{\"text\":";
                String close = open.equals("[") ? "]" : "}";
                body = bytes(r, open.repeat(depth) + "\"x\"" + close.repeat(depth));
            }
            case 2 -> {
                kind = "huge string";
                int n = r.nextInt(50) == 0 ? 2_100_000 : 5_000 + r.nextInt(25_000);
                body = bytes(r, "{\"text\": \"" + "数据出境 data abroad ".repeat(n / 17) + "\"}");
            }
            case 3 -> {
                kind = "wrong types";
                Object[] values = { 1, 2.5, true, null, "[]", "{}", "[\"a\"]", "{\"a\":1}", "1e999999", "-0" };
                body = bytes(r, "{\"text\": " + values[r.nextInt(values.length)] + ", \"language\": "
                        + values[r.nextInt(values.length)] + ", \"jurisdiction\": " + values[r.nextInt(values.length)]
                        + "}");
            }
            case 4 -> {
                kind = "odd unicode";
                body = bytes(r, "{\"text\": \"" + escapedOddUnicode(r) + "\", \"language\": "
                        + (r.nextBoolean() ? "null" : "\"" + (r.nextBoolean() ? "zh" : "en") + "\"") + "}");
            }
            case 5 -> {
                kind = "mutated valid";
                body = mutate(r, bytes(r, validBody(r)));
            }
            case 6 -> {
                kind = "valid";
                body = bytes(r, validBody(r));
            }
            case 7 -> {
                kind = "many fields";
                StringBuilder b = new StringBuilder("{\"text\": \"Data must stay in China.\"");
                int n = r.nextInt(20_000);
                for (int i = 0; i < n; i++) {
                    b.append(",\"f").append(i).append("\":").append(i);
                }
                body = bytes(r, b.append('}').toString());
            }
            default -> {
                kind = "wrong content type";
                body = bytes(r, validBody(r));
                return new Fuzz(target, kind, request(path, "POST",
                        List.of("application/xml", "text/html", "application/x-www-form-urlencoded", "image/png")
                                .get(r.nextInt(4)),
                        body));
            }
        }
        return new Fuzz(target, kind, request(path, "POST", "application/json", body));
    }

    private Fuzz findings(Random r) {
        List<String> params = List.of("category", "jurisdiction", "mechanism", "modality", "dataCategory", "language",
                "minConfidence", "documentId", "q", "from", "to", "reviewStatus", "page", "size", "cursor");
        StringBuilder query = new StringBuilder();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            query.append(i == 0 ? "?" : "&").append(params.get(r.nextInt(params.size()))).append('=')
                    .append(enc(r.nextInt(3) == 0 ? sqlish(r) : r.nextInt(3) == 0 ? oddUnicode(r) : word(r)));
        }
        if (r.nextInt(10) == 0) {
            return new Fuzz(Target.FINDINGS, "id", request("/api/v1/findings/" + enc(word(r)), "GET", null, null));
        }
        return new Fuzz(Target.FINDINGS, "search", request("/api/v1/findings" + query, "GET", null, null));
    }

    private Fuzz review(Random r) {
        String[] etags = { "\"v0\"", "\"v1\"", "\"v" + r.nextInt(5) + "\"", "W/\"v0\"", "*", "\"x\"", "",
                oddUnicode(r) };
        String body = switch (r.nextInt(5)) {
            case 0 -> "{\"status\": \"" + (r.nextBoolean() ? "CONFIRMED" : "REJECTED") + "\", \"comment\": \""
                    + escapedOddUnicode(r) + "\"}";
            case 1 ->
                "{\"status\": " + List.of("1", "null", "[]", "\"MAYBE\"", "\"confirmed\"").get(r.nextInt(5)) + "}";
            case 2 -> "{\"status\": \"REJECTED\", \"mechanisms\": [\"" + word(r) + "\"], \"jurisdictions\": "
                    + (r.nextBoolean() ? "null" : "[1, 2]") + "}";
            case 3 -> new String(mutate(r, bytes(r, "{\"status\": \"CONFIRMED\", \"modality\": \"REPORT\"}")),
                    StandardCharsets.UTF_8);
            default -> "[".repeat(60) + "]".repeat(60);
        };
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "api/v1/findings/"
                + (r.nextInt(5) == 0 ? enc(word(r)) : Long.toString(finding))))
                .timeout(PER_REQUEST).header("X-API-Key", analystKey)
                .header("Content-Type", r.nextBoolean() ? "application/merge-patch+json" : "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        String etag = etags[r.nextInt(etags.length)];
        if (!etag.isEmpty() && etag.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            b.header("If-Match", etag);
        }
        return new Fuzz(Target.REVIEW, "patch", b.build());
    }

    private Fuzz auth(Random r) {
        String value = switch (r.nextInt(5)) {
            case 0 -> "xb_" + word(r);
            case 1 -> "eyJ" + word(r) + "." + word(r) + "." + word(r);
            case 2 -> TestCredentials.expiredToken("fuzz", "admin");
            case 3 ->
                new String(mutate(r, bytes(r, TestCredentials.token("fuzz", "admin"))), StandardCharsets.ISO_8859_1)
                        .replaceAll("[^\\x21-\\x7e]", "A");
            default -> "x".repeat(1 + r.nextInt(8000));
        };
        boolean bearer = r.nextBoolean();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/classify")).timeout(PER_REQUEST)
                .header(bearer ? "Authorization" : "X-API-Key", bearer ? "Bearer " + value : value)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"Data must stay in China.\"}")).build();
        return new Fuzz(Target.AUTH, bearer ? "bearer" : "api key", request);
    }

    private HttpRequest request(String path, String method, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.substring(1))).timeout(PER_REQUEST)
                .header("X-API-Key", analystKey);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return b.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    // --- generators -----------------------------------------------------------------------------------------------

    private static final String[] SCRIPTS = { "Data must be stored in China. ", "数据应当在境内存储。",
            "Данные хранятся в России. ",
            "يجب تخزين البيانات محليا. ", "データは国内に保存する。", "개인정보는 국내에 저장한다. ", "डेटा भारत में संग्रहीत ", "🇨🇳🔒💾 " };
    private static final String[] ODD = { "\u202E", "\u202D", "\u200F", "\u200E", "\u200B", "\uFEFF",
            "\u0301\u0301\u0301",
            "\uFFFD", "\uFFFF", "\u2028", "\u2029", "\u0000", "\t", "\r\n", "\\", "\"", "\uD83D\uDE00" };

    private static String validBody(Random r) {
        return "{\"text\": \"" + SCRIPTS[r.nextInt(SCRIPTS.length)] + "Ref " + r.nextLong() + ".\", \"language\": "
                + (r.nextBoolean() ? "null" : "\"en\"") + ", \"jurisdiction\": " + (r.nextBoolean() ? "null" : "\"CN\"")
                + "}";
    }

    /** JSON string content with lone surrogates (as escapes), bidi and zero-width marks, control chars, mixed scripts. */
    private static String escapedOddUnicode(Random r) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(30);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(4)) {
                case 0 -> b.append(r.nextBoolean() ? "\\ud800" : "\\udfff");
                case 1 -> b.append(SCRIPTS[r.nextInt(SCRIPTS.length)].replace("\"", "\\\""));
                case 2 -> b.append(String.format("\\u%04x", r.nextInt(0x10000)));
                default -> {
                    String odd = ODD[r.nextInt(ODD.length)];
                    odd.chars().forEach(c -> b.append(String.format("\\u%04x", c)));
                }
            }
        }
        return b.toString();
    }

    private static String oddUnicode(Random r) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(10);
        for (int i = 0; i < n; i++) {
            b.append(r.nextBoolean() ? ODD[r.nextInt(ODD.length)] : SCRIPTS[r.nextInt(SCRIPTS.length)]);
            if (r.nextInt(4) == 0) {
                b.append(r.nextBoolean() ? '\uD800' : '\uDC00');
            }
        }
        return b.toString();
    }

    private static String sqlish(Random r) {
        String[] s = { "' OR 1=1 --", "%", "_", "\\", "%_%\\", "'; DROP TABLE findings; --", "$$", "\u0000", "境外%",
                "a' UNION SELECT * FROM api_keys --", "[[:alpha:]]*", "(a+)+$", ".*.*.*.*=" };
        return s[r.nextInt(s.length)];
    }

    private static String word(Random r) {
        String alphabet = "abcXYZ019-_.:/=+%~!*";
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(r.nextInt(20) == 0 ? 3000 : 30);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String text(Random r, int max) {
        StringBuilder b = new StringBuilder();
        int n = 1 + r.nextInt(Math.max(1, max / 20));
        for (int i = 0; i < n; i++) {
            b.append(r.nextInt(3) == 0 ? oddUnicode(r) : SCRIPTS[r.nextInt(SCRIPTS.length)]);
        }
        return b + " " + r.nextLong();
    }

    private static byte[] mutate(Random r, byte[] input) {
        byte[] b = input.clone();
        int edits = 1 + r.nextInt(5);
        for (int i = 0; i < edits && b.length > 0; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(4)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b = Arrays.copyOf(b, at);
                case 2 -> {
                    byte[] longer = new byte[b.length * 2];
                    System.arraycopy(b, 0, longer, 0, b.length);
                    System.arraycopy(b, 0, longer, b.length, b.length);
                    b = longer;
                }
                default -> b[at] = (byte) "{}[]\",:\\".charAt(r.nextInt(8));
            }
        }
        return b;
    }

    /** Mostly UTF-8; sometimes Latin-1 or a broken UTF-8 tail (invalid byte sequences). */
    private static byte[] bytes(Random r, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(20) == 0) {
            byte[] broken = Arrays.copyOf(utf8, utf8.length + 2);
            broken[utf8.length] = (byte) 0xC3;
            broken[utf8.length + 1] = (byte) 0x28;
            return broken;
        }
        return utf8;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    // --- database counts ------------------------------------------------------------------------------------------

    private static long documents() {
        return given().queryParam("size", 1).get("/api/v1/documents").then().statusCode(200).extract().jsonPath()
                .getLong("total");
    }

    private static long auditEntries() {
        return given().queryParam("size", 1).get("/api/v1/audit").then().statusCode(200).extract().jsonPath()
                .getLong("total");
    }

    private static long seedFinding() {
        long document = given().contentType("application/json")
                .body(Map.of("text",
                        "Critical information infrastructure operators shall store personal information in "
                                + "China. Fuzz " + System.nanoTime() + "."))
                .post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        return given().queryParam("documentId", document).get("/api/v1/findings").then().statusCode(200)
                .extract().jsonPath().getLong("items[0].id");
    }
}
