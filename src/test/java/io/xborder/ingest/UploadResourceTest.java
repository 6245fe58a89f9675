package io.xborder.ingest;

import static io.restassured.RestAssured.given;
import static io.xborder.ingest.IngestFixtures.EN_LOCALIZE;
import static io.xborder.ingest.IngestFixtures.EN_TRANSFER;
import static io.xborder.ingest.IngestFixtures.ZH_LOCALIZE;
import static io.xborder.ingest.IngestFixtures.ZH_TRANSFER;
import static io.xborder.ingest.IngestFixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
class UploadResourceTest {

    /**
     * A format case: the file, what its passages must hold and what they must not (boilerplate lines stay in the
     * stored text, so that offsets hold, but never become passages; page chrome such as navigation, scripts and
     * footers is not even in the text), the findings expected.
     */
    record Case(String name, String fileName, String mediaType, byte[] bytes, String language, List<String> passages,
            List<String> absent, List<String> categories, String sniffedType) {

        static final List<String> CHROME = List.of("SCRIPT-TEXT", "Subscribe", "Share on", "Politics",
                "All rights reserved", "首页", "版权所有");

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> formats() {
        String r1 = ref();
        String r2 = ref();
        String r3 = ref();
        String r4 = ref();
        return Stream.of(
                new Case("PDF", "law.pdf", "application/pdf",
                        IngestFixtures.pdf("Data law", EN_LOCALIZE, EN_TRANSFER, r1),
                        "en", List.of(EN_LOCALIZE, EN_TRANSFER), List.of(),
                        List.of("DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER"), "application/pdf"),
                new Case("DOCX", "memo.docx", "application/octet-stream",
                        IngestFixtures.docx("Counsel memo", EN_TRANSFER, "Tesla stock has fallen this year.", r2),
                        "en", List.of(EN_TRANSFER, "Tesla stock has fallen this year."), List.of(),
                        List.of("CROSS_BORDER_TRANSFER"),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                new Case("HTML with boilerplate", "news.html", "text/html",
                        IngestFixtures.newsHtml("Data rules tighten", EN_LOCALIZE + " " + r3, EN_TRANSFER), "en",
                        List.of(EN_LOCALIZE, EN_TRANSFER),
                        List.of("Story continues below", "Advertisement", "ADVERTISEMENT", "Subscribe", "Share on",
                                "SCRIPT-TEXT", "All rights reserved", "Politics"),
                        List.of("DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER"), "text/html"),
                new Case("GBK Chinese HTML", "news-zh.html", null,
                        IngestFixtures.chineseGbkHtml("数据出境新规", ZH_LOCALIZE, ZH_TRANSFER + r4), "zh",
                        List.of(ZH_LOCALIZE, ZH_TRANSFER), List.of("点击查看更多", "责任编辑", "首页", "版权所有"),
                        List.of("DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER"), "text/html"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void ingestsARealFileWithPassagesFindingsAndItsOriginal(Case c) {
        var request = given().multiPart("jurisdiction", "CN").multiPart("publishedAt", "2024-05-01");
        request = c.mediaType() == null
                ? request.multiPart("file", c.fileName(), c.bytes())
                : request.multiPart("file", c.fileName(), c.bytes(), c.mediaType());
        Response created = request.when().post("/api/v1/documents");
        created.then().statusCode(201).header("Location", containsString("/api/v1/documents/"))
                .body("language", equalTo(c.language()))
                .body("jurisdiction", equalTo("CN"))
                .body("publishedAt", equalTo("2024-05-01"));
        JsonPath doc = created.jsonPath();
        List<String> passages = doc.getList("passages.text");
        for (String expected : c.passages()) {
            assertThat(passages).as("passages of %s", c).anyMatch(p -> p.contains(expected));
        }
        for (String dropped : c.absent()) {
            assertThat(passages).as("boilerplate in %s", c).noneMatch(p -> p.contains(dropped));
            if (Case.CHROME.contains(dropped)) {
                assertThat(doc.getString("text")).as("text of %s", c).doesNotContain(dropped);
            }
        }
        List<String> categories = doc.getList("passages.findings.flatten().category");
        assertThat(categories).as("findings of %s", c).containsAll(c.categories());

        long id = doc.getLong("id");
        Response original = given().when().get("/api/v1/documents/" + id + "/original");
        original.then().statusCode(200)
                .header("Content-Type", startsWith(c.sniffedType()))
                .header("Content-Disposition", containsString(c.fileName()));
        assertThat(original.asByteArray()).isEqualTo(c.bytes());

        // the same file again: the stored document, 200
        var again = c.mediaType() == null
                ? given().multiPart("file", c.fileName(), c.bytes())
                : given().multiPart("file", c.fileName(), c.bytes(), c.mediaType());
        again.when().post("/api/v1/documents").then().statusCode(200).body("id", equalTo((int) id));
    }

    @Test
    void severalFilesAnswerOneResultEachAndABadFileLosesNoOther() {
        String metadata = """
                {"a.txt": {"title": "First", "language": "en"}, "b.docx": {"title": "Second"}}
                """;
        Response response = given()
                .multiPart("file", "a.txt", IngestFixtures.text(EN_LOCALIZE, ref()), "text/plain")
                .multiPart("file", "scan.png", IngestFixtures.png(), "image/png")
                .multiPart("file", "b.docx", IngestFixtures.docx("Ignored", EN_TRANSFER, ref()))
                .multiPart("file", "broken.pdf", IngestFixtures.corruptPdf(), "application/pdf")
                .multiPart("file", "empty.txt", new byte[0], "text/plain")
                .multiPart("metadata", metadata, "application/json")
                .when().post("/api/v1/documents");
        response.then().statusCode(200)
                .body("created", equalTo(2)).body("failed", equalTo(3))
                .body("items[0].status", equalTo(201)).body("items[0].title", equalTo("First"))
                .body("items[1].status", equalTo(415))
                .body("items[1].problem.type", equalTo("urn:xborder:problem:unsupported-type"))
                .body("items[2].status", equalTo(201)).body("items[2].title", equalTo("Second"))
                .body("items[3].status", equalTo(422)).body("items[3].problem.detail", containsString("broken.pdf"))
                .body("items[4].status", equalTo(422));
        int second = response.jsonPath().getInt("items[2].documentId");
        given().when().get("/api/v1/documents/" + second).then().statusCode(200)
                .body("passages.findings.flatten().category", hasItem("CROSS_BORDER_TRANSFER"));
    }

    static Stream<Arguments> badUploads() {
        return Stream.of(
                Arguments.of("unsupported type", Map.of("scan.png", IngestFixtures.png()), Map.of(), 415, "image/png"),
                Arguments.of("corrupt PDF", Map.of("broken.pdf", IngestFixtures.corruptPdf()), Map.of(), 422,
                        "broken.pdf"),
                Arguments.of("empty file", Map.of("empty.txt", new byte[0]), Map.of(), 422, "empty"),
                Arguments.of("file over the per-file limit", Map.of("big.txt", new byte[300 * 1024]), Map.of(), 413,
                        "per-file limit"),
                Arguments.of("bad language field", Map.of("a.txt", IngestFixtures.text(EN_LOCALIZE)),
                        Map.of("language", "fr"), 400, "language"),
                Arguments.of("bad metadata JSON", Map.of("a.txt", IngestFixtures.text(EN_LOCALIZE)),
                        Map.of("metadata", "{not json"), 400, "metadata"),
                Arguments.of("metadata for a file not sent", Map.of("a.txt", IngestFixtures.text(EN_LOCALIZE)),
                        Map.of("metadata", "{\"other.pdf\": {}}"), 400, "other.pdf"),
                Arguments.of("title with several files",
                        Map.of("a.txt", IngestFixtures.text(EN_LOCALIZE), "b.txt", IngestFixtures.text(EN_TRANSFER)),
                        Map.of("title", "One title"), 400, "single file"),
                Arguments.of("no file part", Map.of(), Map.of("title", "Nothing"), 400, "file"));
    }

    @ParameterizedTest(name = "{0} is {3}")
    @MethodSource("badUploads")
    void rejectsBadUploadsWithAProblemAndNeverA500(String name, Map<String, byte[]> files, Map<String, String> fields,
            int status, String detail) {
        long before = given().get("/api/v1/documents?size=1").jsonPath().getLong("total");
        var request = given();
        for (var f : files.entrySet()) {
            request = request.multiPart("file", f.getKey(), f.getValue(), "application/octet-stream");
        }
        for (var f : fields.entrySet()) {
            request = request.multiPart(f.getKey(), f.getValue());
        }
        if (files.isEmpty() && fields.isEmpty()) {
            request = request.multiPart("title", "x");
        }
        request.when().post("/api/v1/documents")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("detail", containsString(detail));
        assertThat(given().get("/api/v1/documents?size=1").jsonPath().getLong("total")).isEqualTo(before);
    }

    @Test
    void originalOfATextDocumentOrAnUnknownDocumentIs404() {
        long id = given().contentType("application/json")
                .body(Map.of("text", EN_LOCALIZE + " " + ref()))
                .post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        given().get("/api/v1/documents/" + id + "/original").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("ingested as text"));
        given().get("/api/v1/documents/987654321/original").then().statusCode(404)
                .contentType("application/problem+json").body("detail", not(containsString("ingested as text")));
        given().get("/api/v1/documents/abc/original").then().statusCode(400).contentType("application/problem+json");
    }
}
