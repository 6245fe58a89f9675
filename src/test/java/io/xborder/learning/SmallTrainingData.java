package io.xborder.learning;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusMock;
import io.restassured.http.ContentType;
import io.xborder.analysis.AnalysisService;
import io.xborder.analysis.DocumentQuality;
import io.xborder.classify.model.LabelledPassage;
import io.xborder.classify.model.Model;
import io.xborder.classify.model.ModelTrainer;
import io.xborder.classify.model.PassageClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A test's stand-in for the packed training data: every twelfth shipped passage (about 1,250), twenty of their
 * documents, every third blind passage and two blind documents, so that a training in a test takes seconds instead
 * of the minute and a half of a full one. {@link #install} puts an {@link Evaluator} over it in place of the
 * service's for the current test (QuarkusMock): the TRAIN_MODEL job then trains on it, and both models are measured
 * on the same small blind set, measured anew each time and never stored (a stored score of the shipped model must
 * stay the full blind set's for the other tests). A model trained on it is worse than the shipped one, which is what
 * the console's refusal, forced activation and rollback need.
 */
final class SmallTrainingData {

    private static TrainingData data;

    private SmallTrainingData() {
    }

    /** Replaces the service's evaluator with one over the small data until the end of the current test. */
    static void install(ModelVersions versions, AnalysisService analysis, ObjectMapper json) {
        QuarkusMock.installMockForType(new Evaluator(versions, analysis, json) {

            @Override
            public TrainingData data() {
                return get();
            }

            @Override
            public Evaluation.BlindScore blindOf(ModelVersions.Row row, Model model) {
                return Evaluation.blind(new PassageClassifier(analysis.analyzer().classifier().rules(), model), get());
            }
        }, Evaluator.class);
    }

    /**
     * Reviewed passages for a training to add, through the API as the tests' admin: a document of four rules whose
     * findings are all confirmed or rejected (settled), and a passage with a finding of each category of which only
     * one is reviewed (partly reviewed).
     */
    static void reviewSome() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        long settled = document("Settled rules " + marker, String.join("\n\n",
                "Operators must store the personal data of users in Vietnam on servers located within Vietnam. "
                        + marker,
                "Banks shall keep payment data only in India and must not move it abroad. " + marker,
                "Our newsletter on data localisation rules in Brazil is sent every Monday. " + marker,
                "Health data collected in Russia must be stored in databases located in Russia. " + marker));
        List<Long> findings = findings(settled);
        for (int i = 0; i < findings.size(); i++) {
            review(findings.get(i), i % 3 == 2 ? "REJECTED" : "CONFIRMED");
        }
        long partly = document("Partly reviewed rule " + marker, "Personal information collected in China shall be "
                + "stored in China, and may be provided abroad only after a security assessment by the regulator. "
                + marker);
        review(findings(partly).get(0), "CONFIRMED");
    }

    private static long document(String title, String text) {
        return given().contentType(ContentType.JSON).body(Map.of("title", title, "text", text, "publishedAt",
                "2025-05-01")).when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    private static List<Long> findings(long document) {
        List<Long> out = new ArrayList<>();
        for (Object id : given().queryParam("documentId", document).queryParam("size", 100).when()
                .get("/api/v1/findings").then().statusCode(200).extract().jsonPath().getList("items.id")) {
            out.add(((Number) id).longValue());
        }
        return out;
    }

    private static void review(long finding, String status) {
        String etag = given().when().get("/api/v1/findings/" + finding).then().statusCode(200).extract()
                .header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag).body(Map.of("status", status))
                .when().patch("/api/v1/findings/" + finding).then().statusCode(200);
    }

    static synchronized TrainingData get() {
        if (data == null) {
            data = read();
        }
        return data;
    }

    private static TrainingData read() {
        try {
            Path root = Path.of(SmallTrainingData.class.getClassLoader().getResource(Model.RESOURCE).toURI())
                    .getParent().getParent();
            List<LabelledPassage> all = new ArrayList<>();
            for (Path f : list(root.resolve(TrainingData.TRAINING))) {
                if (f.toString().endsWith(".jsonl")) {
                    all.addAll(LabelledPassage.read(f));
                }
            }
            List<LabelledPassage> passages = new ArrayList<>();
            for (int i = 0; i < all.size(); i += 12) {
                passages.add(all.get(i));
            }
            Set<String> docs = new HashSet<>();
            passages.forEach(p -> docs.add(p.doc()));
            Map<String, String> documents = new LinkedHashMap<>();
            ModelTrainer.documents(root.resolve(TrainingData.DOCUMENTS)).forEach((name, text) -> {
                if (docs.contains(name) && documents.size() < 20) {
                    documents.put(name, text);
                }
            });
            List<LabelledPassage> blind = new ArrayList<>();
            List<DocumentQuality.Document> blindDocuments = new ArrayList<>();
            for (Path batch : list(root.resolve(TrainingData.BLIND))) {
                if (Files.isRegularFile(batch.resolve("passages.jsonl"))) {
                    List<LabelledPassage> b = LabelledPassage.read(batch.resolve("passages.jsonl"));
                    for (int i = 0; i < b.size(); i += 3) {
                        blind.add(b.get(i));
                    }
                }
                if (Files.isDirectory(batch.resolve("documents")) && blindDocuments.size() < 2) {
                    DocumentQuality.read(batch.resolve("documents")).stream().limit(2 - blindDocuments.size())
                            .forEach(blindDocuments::add);
                }
            }
            return new TrainingData(List.copyOf(passages), Map.copyOf(documents), List.copyOf(blind),
                    List.copyOf(blindDocuments));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
