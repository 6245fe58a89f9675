package io.xborder.learning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.testing.ServiceInstances;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Done-when 1 of issue 18, as far as the learning side goes, on two packaged instances and one PostgreSQL: reviewers
 * reject false findings and confirm or add findings of a phrasing the shipped model misses (data "parked on servers"
 * named only by what they stand under or plug into: "… humming under Norwegian roofs", "… plugged into the Thai
 * mains"; src/test/resources/learning/parked-on-hardware.jsonl — the shipped model learnt to find the earlier wording,
 * "physically sitting inside …", from its own training data); an admin trains a
 * candidate (a full training on the shipped data); held-back sentences of the phrasing are found by the candidate
 * and not by the shipped model; the candidate is not worse on the blind set; after its activation on one instance
 * both classify with it; a reclassification keeps the verdicts; a rollback restores the shipped behaviour; the audit
 * log holds every step.
 *
 * <p>Every step goes through the API. The reviewers' steps (verdicts, and the findings the classifier missed added
 * with {@code POST /api/v1/passages/{id}/findings}, evidence words selected in the passage) are made with an analyst
 * key, as a reviewer makes them; the admin key creates it, trains, activates and rolls back. SQL only reads the
 * verdicts, to check that a reclassification keeps them.
 */
class LearningScenarioIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Documents the taught sentences are spread over. */
    private static final int DOCUMENTS = 4;
    private static final String KEY = "xb_" + UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");
    /** Look-alikes the shipped model gives a finding: news about rules, a passport in a hotel safe. */
    private static final List<String> LOOK_ALIKES = List.of(
            "Tourists must keep their passports inside the hotel safe while in Spain.",
            "Our newsletter on data localisation rules in India is sent every Monday.",
            "The conference will discuss whether personal data should be stored in Brazil.",
            "The webinar explains how cross-border data transfer rules work in China.",
            "Our podcast on data residency rules in Vietnam airs every Friday.",
            "Visitors must keep their luggage inside the locker room while in Italy.");

    /**
     * Words of a taught sentence that state the rule, from its modal verb to the place, as a reviewer selects them.
     */
    private static final Pattern RULE_WORDS = Pattern
            .compile("(?:have to|must|are to|shall|may only|need to) [^.]+");

    private EmbeddedPostgres postgres;
    private ServiceInstances instances;
    /** The reviewers' analyst key (X-API-Key), created by the admin. */
    private String reviewerKey;

    @BeforeEach
    void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        instances = new ServiceInstances(postgres.getJdbcUrl("postgres", "postgres"), KEY);
    }

    @AfterEach
    void stopAll() throws Exception {
        instances.close();
        postgres.close();
    }

    @Test
    void reviewsTeachAPhrasingThatBothInstancesUseAfterActivationAndARollbackUndoes() throws Exception {
        int a = start(1);
        int b = start(0);
        List<JsonNode> phrasing = phrasing();
        List<String> taught = phrasing.stream().filter(p -> p.path("use").asText().equals("teach"))
                .map(p -> p.path("text").asText()).toList();
        List<String> held = phrasing.stream().filter(p -> p.path("use").asText().equals("held-back"))
                .map(p -> p.path("text").asText()).toList();

        int foundBefore = found(a, held);
        assertThat(foundBefore).as("held-back sentences the shipped model finds").isLessThanOrEqualTo(1);
        assertThat(found(b, held)).isEqualTo(foundBefore);
        reviewerKey = post(a, "/api/v1/keys", Map.of("name", "rita", "role", "analyst"), 201).path("key").asText();

        // documents with the phrasing and the look-alikes; reviewers reject the look-alikes' findings, confirm the
        // findings of the phrasing, and add the ones the classifier missed. Four of them, because the training's
        // out-of-fold answers are by document: each is then answered by heads that learnt the phrasing from the others
        List<Long> documents = new ArrayList<>();
        for (int d = 0; d < DOCUMENTS; d++) {
            List<String> sentences = new ArrayList<>();
            for (int i = d; i < taught.size(); i += DOCUMENTS) {
                sentences.add(taught.get(i));
            }
            for (int i = d; i < LOOK_ALIKES.size(); i += DOCUMENTS) {
                sentences.add(LOOK_ALIKES.get(i));
            }
            documents.add(post(a, "/api/v1/documents", Map.of("title", "Hosting rules of many countries, part "
                    + (d + 1), "text", String.join("\n\n", sentences)), 201).path("id").asLong());
        }
        Map<String, JsonNode> byPhrasing = new HashMap<>();
        phrasing.forEach(p -> byPhrasing.put(p.path("text").asText(), p));
        int rejected = 0;
        int confirmed = 0;
        Set<Long> confirmedPassages = new TreeSet<>();
        Set<Long> lookAlikePassages = new TreeSet<>();
        List<JsonNode> findings = new ArrayList<>();
        for (long document : documents) {
            get(a, "/api/v1/findings?documentId=" + document + "&size=200").path("items").forEach(findings::add);
        }
        for (JsonNode f : findings) {
            long id = f.path("id").asLong();
            JsonNode full = get(a, "/api/v1/findings/" + id);
            String passage = full.path("passage").path("text").asText().strip();
            long passageId = full.path("passage").path("id").asLong();
            JsonNode label = byPhrasing.get(passage);
            // right when it is a finding of the phrasing with the category the phrasing has
            boolean right = label != null
                    && label.path("categories").get(0).asText().equals(full.path("category").asText());
            review(a, id, right ? "CONFIRMED" : "REJECTED", right ? "the hosting phrasing: right" : "not a rule");
            if (right) {
                confirmed++;
                confirmedPassages.add(passageId);
            } else {
                rejected++;
                if (label == null) {
                    lookAlikePassages.add(passageId);
                }
            }
        }
        assertThat(lookAlikePassages).as("look-alike passages whose findings were rejected")
                .hasSizeGreaterThanOrEqualTo(3);
        Map<Long, Long> added = new LinkedHashMap<>();
        for (long document : documents) {
            added.putAll(addMissedFindings(a, document, byPhrasing, confirmedPassages));
        }
        assertThat(confirmedPassages.size() + added.size()).isEqualTo(taught.size());
        for (Map.Entry<Long, Long> f : added.entrySet()) {
            JsonNode stored = get(a, "/api/v1/findings/" + f.getValue());
            assertThat(stored.path("passage").path("id").asLong()).isEqualTo(f.getKey());
            assertThat(stored.path("origin").asText()).isEqualTo("REVIEWER");
            assertThat(stored.path("reviewStatus").asText()).isEqualTo("CONFIRMED");
        }

        // train (admin), with progress, and read the comparison
        JsonNode version = post(a, "/api/v1/models/training", Map.of("reviewWeight", 3), 202);
        long candidate = version.path("id").asLong();
        assertThat(version.path("state").asText()).isEqualTo("TRAINING");
        Set<Integer> progress = new TreeSet<>();
        long t0 = System.nanoTime();
        await("the training", Duration.ofMinutes(8), () -> {
            JsonNode v = get(a, "/api/v1/models/" + candidate);
            progress.add(v.path("training").path("progress").asInt());
            assertThat(v.path("state").asText()).as(v.path("training").path("error").asText()).isNotEqualTo("FAILED");
            return v.path("state").asText().equals("READY");
        });
        System.out.printf("LearningScenarioIT: training with the full shipped data took %d s; progress seen %s%n",
                (System.nanoTime() - t0) / 1_000_000_000, progress);
        assertThat(progress.size()).as("progress reported along the way").isGreaterThanOrEqualTo(3);
        JsonNode trained = get(a, "/api/v1/models/" + candidate);
        JsonNode training = trained.path("training");
        assertThat(training.path("shippedPassages").asInt()).isGreaterThan(10_000);
        assertThat(training.path("reviewedPassages").asInt()).isEqualTo(taught.size() + lookAlikePassages.size());
        assertThat(training.path("reviewedVerdicts").asInt()).as("verdicts on the classifier's findings")
                .isEqualTo(confirmed + rejected);
        assertThat(training.path("reviewerFindings").asInt()).as("findings the reviewer added")
                .isEqualTo(added.size());
        assertThat(training.path("reviewWeight").asInt()).isEqualTo(3);
        JsonNode comparison = trained.path("comparison");
        assertThat(comparison.path("shortfalls")).as("worse on the blind set: " + comparison.path("shortfalls"))
                .isEmpty();
        assertThat(comparison.at("/candidate/passages/all/macroF1").asDouble())
                .isGreaterThanOrEqualTo(comparison.at("/active/passages/all/macroF1").asDouble() - 0.01);
        assertThat(comparison.at("/reviewed/items").asInt()).isEqualTo(taught.size() + lookAlikePassages.size());
        assertThat(comparison.at("/reviewed/candidate/all/categories/DATA_LOCALIZATION/recall").asDouble())
                .as("the phrasing found out of fold").isGreaterThan(
                        comparison.at("/reviewed/active/all/categories/DATA_LOCALIZATION/recall").asDouble());

        // not active yet: both instances still miss the held-back sentences
        assertThat(found(a, held)).isEqualTo(foundBefore);

        // activation on instance A; B switches within its poll
        post(a, "/api/v1/models/" + candidate + "/activation", Map.of(), 200);
        String newVersion = trained.path("modelVersion").asText();
        for (int i : List.of(a, b)) {
            await("instance " + i + " on the new version", Duration.ofSeconds(30),
                    () -> get(i, "/api/v1/rules").path("version").asText().endsWith("+" + newVersion));
        }
        int foundAfterA = found(a, held);
        assertThat(foundAfterA).as("held-back sentences the candidate finds").isGreaterThanOrEqualTo(held.size() / 2)
                .isGreaterThan(foundBefore);
        assertThat(found(b, held)).isEqualTo(foundAfterA);

        // a reclassification by the new version keeps every verdict
        Map<Long, String> verdicts = verdicts(documents);
        long job = post(a, "/api/v1/jobs", Map.of("kind", "RECLASSIFY"), 202).path("id").asLong();
        await("the reclassification", Duration.ofSeconds(120),
                () -> Set.of("DONE", "PARTIAL", "FAILED")
                        .contains(get(a, "/api/v1/jobs/" + job).path("state").asText()));
        assertThat(get(a, "/api/v1/jobs/" + job).path("state").asText()).isEqualTo("DONE");
        assertThat(verdicts(documents)).containsAllEntriesOf(verdicts);

        // rollback to the shipped version, on instance B this time
        post(b, "/api/v1/models/1/rollback", Map.of("reason", "compare once more"), 200);
        for (int i : List.of(a, b)) {
            await("instance " + i + " back on the shipped model", Duration.ofSeconds(30),
                    () -> get(i, "/api/v1/models/active").path("id").asLong() == 1
                            && !get(i, "/api/v1/rules").path("version").asText().endsWith("+" + newVersion));
            assertThat(found(i, held)).isEqualTo(foundBefore);
        }

        // every step in the audit log
        List<String> actions = new ArrayList<>();
        for (JsonNode e : get(a, "/api/v1/audit?targetType=model_version&size=100").path("items")) {
            actions.add(e.path("action").asText());
        }
        assertThat(actions).contains("model.registered", "model.training-requested", "model.trained",
                "model.activated", "model.rolled-back");
        assertThat(get(a, "/api/v1/audit?action=finding.review&size=1").path("total").asInt())
                .isGreaterThanOrEqualTo(confirmed + rejected);
        assertThat(get(a, "/api/v1/audit?action=finding.review&actor=key:rita&size=1").path("total").asInt())
                .as("the reviewer's verdicts").isEqualTo(confirmed + rejected);
        Map<String, String> additions = new HashMap<>();
        for (JsonNode e : get(a, "/api/v1/audit?action=finding.add&size=100").path("items")) {
            additions.put(e.path("targetId").asText(), e.path("actor").asText());
        }
        Map<String, String> expected = new HashMap<>();
        added.values().forEach(id -> expected.put(Long.toString(id), "key:rita"));
        assertThat(additions).as("one finding.add entry per added finding, by the reviewer's key")
                .containsExactlyInAnyOrderEntriesOf(expected);
        JsonNode trainedEntry = get(a, "/api/v1/audit?action=model.trained&targetId=" + candidate + "&size=1")
                .path("items").get(0);
        assertThat(trainedEntry.at("/after/reviewerFindings").asInt()).isEqualTo(added.size());
        assertThat(trainedEntry.at("/after/reviewedVerdicts").asInt()).isEqualTo(confirmed + rejected);
    }

    // ------------------------------------------------------------------------------------------------ steps

    private static List<JsonNode> phrasing() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = LearningScenarioIT.class.getResourceAsStream("/learning/parked-on-hardware.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }

    /** How many of the sentences get a finding from the instance, each classified alone. */
    private int found(int instance, List<String> sentences) throws Exception {
        int n = 0;
        for (String s : sentences) {
            JsonNode r = post(instance, "/api/v1/classify", Map.of("text", s, "language", "en"), 200);
            boolean any = false;
            for (JsonNode p : r.path("passages")) {
                any |= !p.path("findings").isEmpty();
            }
            n += any ? 1 : 0;
        }
        return n;
    }

    private void review(int instance, long finding, String status, String comment) throws Exception {
        HttpResponse<String> read = send(asReviewer(request(instance, "/api/v1/findings/" + finding)).GET());
        String etag = read.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> r = send(asReviewer(request(instance, "/api/v1/findings/" + finding))
                .header("Content-Type", "application/merge-patch+json").header("If-Match", etag)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                        Map.of("status", status, "comment", comment)))));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /**
     * Adds, as the reviewer, the finding of each taught sentence the classifier did not find, with the rule's words
     * selected in the passage as evidence.
     *
     * @return the added finding's id by passage id
     */
    private Map<Long, Long> addMissedFindings(int instance, long document, Map<String, JsonNode> byPhrasing,
            Set<Long> found) throws Exception {
        Map<Long, Long> added = new LinkedHashMap<>();
        for (JsonNode p : get(instance, "/api/v1/documents/" + document).path("passages")) {
            long passageId = p.path("id").asLong();
            String text = p.path("text").asText();
            JsonNode label = byPhrasing.get(text.strip());
            if (label == null || found.contains(passageId)) {
                continue;
            }
            Matcher words = RULE_WORDS.matcher(text);
            assertThat(words.find()).as("the rule's words in " + text).isTrue();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("category", label.path("categories").get(0).asText());
            body.put("modality", label.path("modality").asText());
            body.put("jurisdictions", label.path("jurisdictions"));
            body.put("dataCategories", label.path("dataCategories"));
            body.put("evidence", List.of(Map.of("start", words.start(), "end", words.end(), "text", words.group())));
            body.put("comment", "missed by the classifier");
            HttpResponse<String> r = send(asReviewer(request(instance, "/api/v1/passages/" + passageId + "/findings"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode finding = JSON.readTree(r.body());
            assertThat(finding.path("evidence").get(0).path("text").asText()).isEqualTo(words.group());
            added.put(passageId, finding.path("id").asLong());
        }
        return added;
    }

    /** Every reviewed finding of the documents with its verdict, by id. */
    private Map<Long, String> verdicts(List<Long> documents) throws Exception {
        Map<Long, String> out = new LinkedHashMap<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT id, review_status FROM findings "
                        + "WHERE document_id = ? AND review_status <> 'UNREVIEWED' ORDER BY id")) {
            for (long document : documents) {
                ps.setLong(1, document);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /**
     * Starts an instance of the packaged service that polls for jobs and for the active model quickly. The activation
     * gate keeps its default tolerance: the candidate this scenario trains (the shipped data plus a dozen reviewed
     * passages at weight 3) lands within two or three passages of the active model on the blind set (about 170
     * residency positives, 0.006 of F1 a passage; measured 2026-12-07: residency F1 0.928 against 0.940), within the
     * standard error the gate allows on a measure over that few items (0.018 there).
     */
    private int start(int jobWorkers) throws Exception {
        return instances.startReady("learning", List.of("-Dxborder.jobs.poll-interval=200ms"),
                Map.of("XBORDER_JOB_WORKERS", Integer.toString(jobWorkers), "XBORDER_WEBHOOK_WORKERS", "0",
                        "XBORDER_MODEL_POLL", "1s"));
    }

    /** A request to the instance with the admin key and two minutes to answer (the instances may be busy training). */
    private HttpRequest.Builder request(int instance, String path) {
        return instances.request(instance, path).timeout(Duration.ofSeconds(120));
    }

    /** The request signed with the reviewer's analyst key instead of the admin key. */
    private HttpRequest.Builder asReviewer(HttpRequest.Builder request) {
        return request.setHeader("X-API-Key", reviewerKey);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return ServiceInstances.send(request.build());
    }

    private JsonNode post(int instance, String path, Object body, int status) throws Exception {
        HttpResponse<String> r = send(request(instance, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private JsonNode get(int instance, String path) {
        try {
            HttpResponse<String> r = send(request(instance, path).GET());
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(path, e);
        }
    }

    /** Waits for the condition, asking every half second (the instances are busy training or classifying). */
    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        ServiceInstances.await(what, timeout, Duration.ofMillis(500), condition);
    }
}
