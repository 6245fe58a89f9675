package io.xborder.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.xborder.testing.LocalHttpServer;
import io.xborder.testing.TestCredentials;
import io.xborder.text.StoredText;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every text field of every endpoint (the table in api/bad-bytes-fields.tsv: JSON fields, query parameters, multipart
 * file names, fields and parts) × every bad value (NUL, lone high and low surrogates, invalid UTF-8, a 200,000-
 * character line): never a 5xx; a 4xx is problem+json; a success answers exactly what was stored.
 */
@QuarkusTest
class BadBytesTest {

    /** A bad value as each transport carries it. */
    record Bad(String name, String json, String query, byte[] raw) {
    }

    static final List<Bad> VALUES = List.of(
            new Bad("NUL", "\\u0000", "%00", new byte[] { 0 }),
            new Bad("lone high surrogate", "\\ud800", "%ED%A0%80", bytes(0xED, 0xA0, 0x80)),
            new Bad("lone low surrogate", "\\udc00", "%ED%B0%80", bytes(0xED, 0xB0, 0x80)),
            new Bad("invalid UTF-8", new String(bytes(0xC3, 0x28, 0xFF), StandardCharsets.ISO_8859_1), "%C3%28%FF",
                    bytes(0xC3, 0x28, 0xFF)),
            new Bad("overlong line", "x".repeat(200_000), "x".repeat(3_000),
                    "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII)));

    static LocalHttpServer server;

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void serve() {
        server = new LocalHttpServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (InputStream in = BadBytesTest.class.getResourceAsStream("/api/bad-bytes-fields.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                for (Bad bad : VALUES) {
                    cases.add(Arguments.of(f[0], f[1], f[2], f[3], f[4], bad));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}: {5}")
    @MethodSource("cases")
    void neverA5xxAndASuccessAnswersWhatIsStored(String transport, String method, String path, String field,
            String checked, Bad bad) throws Exception {
        String tag = UUID.randomUUID().toString();
        server.serve("/bad-bytes/" + tag + ".txt", LocalHttpServer.Answer.ok("text/plain; charset=UTF-8", text(tag)));
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(60))
                .header("X-API-Key", TestCredentials.adminKey());
        switch (transport) {
            case "json" -> request.uri(uri(path, "")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json(path, field, bad, tag)));
            case "query" -> {
                String query = field.equals("body") ? "" : field + "=" + "Bad" + bad.query() + "value";
                if (method.equals("GET")) {
                    request.uri(uri(path, query)).GET();
                } else {
                    byte[] body = field.equals("body")
                            ? concat(text(tag).getBytes(StandardCharsets.UTF_8), bad.raw())
                            : text(tag).getBytes(StandardCharsets.UTF_8);
                    request.uri(uri(path, query)).header("Content-Type", "text/plain; charset=UTF-8")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                }
            }
            default -> {
                String boundary = "b-" + tag;
                request.uri(uri(path, "")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, field, bad, tag)));
            }
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        String body = response.body();
        assertThat(status).as("status; answer: %s", abbreviate(body)).isLessThan(500);
        if (status >= 400) {
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(abbreviate(body))
                    .startsWith("application/problem+json");
            return;
        }
        if (checked.equals("-") || status == 204) {
            return;
        }
        JsonPath answer = JsonPath.from(body);
        switch (checked) {
            case "source" -> { // a job: the item's stored source and metadata are what was sent, cleaned
                long jobId = answer.getLong("id");
                String source = single("SELECT source FROM job_items WHERE job_id = ? ORDER BY idx LIMIT 1", jobId);
                assertThat(StoredText.isClean(source)).isTrue();
                assertThat(given().get("/api/v1/jobs/" + jobId).then().statusCode(200).extract().jsonPath()
                        .getLong("id")).isEqualTo(jobId);
            }
            case "fileName" -> {
                long id = answer.getLong("id");
                String disposition = given().get("/api/v1/documents/" + id + "/original").then().statusCode(200)
                        .extract().header("Content-Disposition");
                String stored = URLDecoder.decode(disposition.substring(disposition.indexOf("UTF-8''") + 7),
                        StandardCharsets.UTF_8);
                assertThat(StoredText.isClean(stored)).isTrue();
                assertThat(single("SELECT file_name FROM document_originals WHERE document_id = ?", id))
                        .isEqualTo(stored);
            }
            default -> {
                String location = path.equals("/api/v1/feeds")
                        ? "/api/v1/feeds/" + answer.getLong("id")
                        : "/api/v1/documents/" + answer.getLong("id");
                String stored = given().get(location).then().statusCode(200).extract().jsonPath().getString(checked);
                assertThat(answer.getString(checked)).as("answered %s", checked).isEqualTo(stored);
                assertThat(stored == null || StoredText.isClean(stored)).isTrue();
            }
        }
    }

    private URI uri(String path, String query) {
        return URI.create(base.toString().replaceAll("/$", "") + path + (query.isEmpty() ? "" : "?" + query));
    }

    private static String text(String tag) {
        return "Banks must store payment data only in India. Reference " + tag + ".";
    }

    /** A valid body for the endpoint with {@code field} holding the bad value. */
    private static byte[] json(String path, String field, Bad bad, String tag) {
        String value = "\"Bad" + bad.json() + "value\"";
        String body = switch (path) {
            case "/api/v1/documents" -> "{\"text\": \"" + text(tag) + "\", \"title\": \"T " + tag + "\"}";
            case "/api/v1/classify" -> "{\"text\": \"" + text(tag) + "\"}";
            case "/api/v1/documents/fetch" -> "{\"url\": \"" + server.url("/bad-bytes/" + tag + ".txt") + "\"}";
            case "/api/v1/jobs" -> "{\"kind\": \"URLS\", \"urls\": [\"" + server.url("/bad-bytes/" + tag + ".txt")
                    + "\"]}";
            case "/api/v1/feeds" -> "{\"url\": \"http://127.0.0.1:9/" + tag + ".xml\"}";
            case "/api/v1/keys" -> "{\"name\": \"k-" + tag + "\", \"role\": \"viewer\"}";
            default -> throw new IllegalArgumentException(path);
        };
        if (field.equals("urls")) {
            value = "[" + value + "]";
        } else if (field.equals("text") && !path.endsWith("classify")) {
            value = "\"" + text(tag) + " Bad" + bad.json() + "value\"";
        }
        String withField = body.contains("\"" + field + "\"")
                ? body.replaceFirst("\"" + field + "\": (\\[[^\\]]*\\]|\"[^\"]*\")", "\"" + field + "\": @@")
                : body.replaceFirst("}$", ", \"" + field + "\": @@}");
        int at = withField.indexOf("@@");
        return concat(concat(withField.substring(0, at).getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.ISO_8859_1)),
                withField.substring(at + 2).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] multipart(String boundary, String field, Bad bad, String tag) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] badValue = concat(concat("Bad".getBytes(StandardCharsets.US_ASCII), bad.raw()),
                "value".getBytes(StandardCharsets.US_ASCII));
        byte[] fileName = field.equals("filename")
                ? concat(badValue, ".txt".getBytes(StandardCharsets.US_ASCII))
                : ("f-" + tag + ".txt").getBytes(StandardCharsets.US_ASCII);
        byte[] content = field.equals("file")
                ? concat(text(tag).getBytes(StandardCharsets.UTF_8), badValue)
                : text(tag).getBytes(StandardCharsets.UTF_8);
        write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"");
        out.writeBytes(fileName);
        write(out, "\"\r\nContent-Type: text/plain\r\n\r\n");
        out.writeBytes(content);
        write(out, "\r\n");
        if (field.equals("title") || field.equals("language")) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n");
            out.writeBytes(badValue);
            write(out, "\r\n");
        } else if (field.equals("metadata")) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n"
                    + "Content-Type: application/json\r\n\r\n{\"f-" + tag + ".txt\": {\"title\": \"Bad");
            out.writeBytes(bad.json().getBytes(StandardCharsets.ISO_8859_1));
            write(out, "value\"}}\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private String single(String sql, long id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 300 ? s : s.substring(0, 300) + "…";
    }
}
