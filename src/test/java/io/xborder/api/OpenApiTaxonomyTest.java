package io.xborder.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.document.ReviewStatus;
import io.xborder.job.JobKind;
import io.xborder.job.JobState;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.resteasy.reactive.RestForm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document lists the allowed values of every parameter and field that carries a taxonomy value, and
 * they are exactly the values the classifier and the service use: the {@code io.xborder.classify} enums, the
 * gazetteer's jurisdiction codes, the review statuses and job kinds and states. Parameters are found both by wire
 * name and by their Java type in the resources' signatures.
 */
@QuarkusTest
class OpenApiTaxonomyTest {

    /** The taxonomy as the code defines it, by the wire name of the parameters and fields that carry it. */
    static final Set<String> JURISDICTIONS = new TreeSet<>(Gazetteer.fromClasspath().codes());

    static final Map<String, Set<String>> TAXONOMY = Map.ofEntries(
            Map.entry("category", names(Category.values())),
            Map.entry("mechanism", names(Mechanism.values())),
            Map.entry("mechanisms", names(Mechanism.values())),
            Map.entry("modality", names(Modality.values())),
            Map.entry("dataCategory", names(DataCategory.values())),
            Map.entry("dataCategories", names(DataCategory.values())),
            Map.entry("reviewStatus", names(ReviewStatus.values())),
            Map.entry("language", new TreeSet<>(Arrays.stream(Language.values()).map(Language::code).toList())),
            Map.entry("jurisdiction", JURISDICTIONS),
            Map.entry("jurisdictions", JURISDICTIONS));

    /**
     * Fields that carry a taxonomy value in another spelling: the rules document (GET /api/v1/rules) names a
     * language by its constant, as it keys its languages (languages.EN).
     */
    static final Map<String, Set<String>> OTHER_SPELLING = Map.of("LanguageRules.language", names(Language.values()));

    JsonNode openApi;

    @BeforeEach
    void readTheDocument() {
        openApi = json(given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200).extract()
                .asString());
    }

    @Test
    void everyTaxonomyParameterListsExactlyTheTaxonomysValues() {
        Map<String, Set<String>> checked = new LinkedHashMap<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            for (JsonNode p : op.getValue().path("parameters")) {
                String name = p.path("name").asText();
                if (TAXONOMY.containsKey(name)) {
                    String where = op.getKey().toUpperCase() + " " + path.getKey() + " ?" + name;
                    checked.put(where, values(where, p.path("schema")));
                }
            }
        }));
        checked.forEach((where, values) -> assertThat(values).as(where)
                .isEqualTo(TAXONOMY.get(where.substring(where.indexOf('?') + 1))));
        assertThat(checked.keySet()).contains("GET /api/v1/findings ?category", "GET /api/v1/findings ?mechanism",
                "GET /api/v1/findings ?modality", "GET /api/v1/findings ?dataCategory",
                "GET /api/v1/findings ?language", "GET /api/v1/findings ?jurisdiction",
                "GET /api/v1/findings ?reviewStatus", "POST /api/v1/documents ?language",
                "POST /api/v1/documents ?jurisdiction");
    }

    /**
     * Every parameter and form field whose Java type has a fixed set of values (an enum, a language, a jurisdiction),
     * found in the resources' own signatures and {@code @BeanParam} types rather than by name, lists exactly those
     * values.
     */
    @Test
    void everyEnumeratedParameterListsExactlyItsTypesValues() {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (JavaClass resource : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.xborder")) {
            Class<?> type = resource.reflect();
            Path base = type.getAnnotation(Path.class);
            if (base == null || !base.value().startsWith("/api/")) {
                continue;
            }
            for (Method m : type.getDeclaredMethods()) {
                String verb = httpMethod(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String path = base.value() + (sub == null ? "" : "/" + sub.value().replaceAll("^/", ""));
                for (Parameter p : m.getParameters()) {
                    parameters(p.getType(), p.getAnnotations(), verb + " " + path, expected);
                }
            }
        }
        assertThat(expected).as("enumerated parameters found in the code").containsKeys(
                "GET /api/v1/findings ?category", "GET /api/v1/findings ?language",
                "GET /api/v1/findings ?jurisdiction",
                "GET /api/v1/findings ?reviewStatus");
        JsonNode paths = openApi.path("paths");
        assertThat(expected).as("enumerated form fields found in the code").containsKeys(
                "POST /api/v1/documents form:language", "POST /api/v1/jobs form:jurisdiction");
        expected.forEach((where, values) -> {
            String[] parts = where.split(" ");
            JsonNode operation = paths.path(parts[1]).path(parts[0].toLowerCase());
            JsonNode schema = null;
            if (parts[2].startsWith("form:")) {
                // a multipart or form body: the operation's inline schema lists the form fields
                for (JsonNode content : operation.path("requestBody").path("content")) {
                    JsonNode property = content.path("schema").path("properties").path(parts[2].substring(5));
                    schema = property.isMissingNode() ? schema : property;
                }
            } else {
                for (JsonNode p : operation.path("parameters")) {
                    if (p.path("name").asText().equals(parts[2].substring(1))) {
                        schema = p.path("schema");
                    }
                }
            }
            assertThat(schema).as("%s is documented", where).isNotNull();
            assertThat(values(where, schema)).as(where).isEqualTo(values);
        });
    }

    private static void parameters(Class<?> type, Annotation[] annotations, String operation,
            Map<String, Set<String>> out) {
        for (Annotation a : annotations) {
            if (a instanceof BeanParam) {
                for (Field f : type.getDeclaredFields()) {
                    parameters(f.getType(), f.getAnnotations(), operation, out);
                }
            }
            String name = a instanceof QueryParam q ? q.value() : a instanceof PathParam p ? p.value() : null;
            String field = a instanceof RestForm f ? f.value() : a instanceof FormParam f ? f.value() : null;
            Set<String> values = valuesOf(type);
            if (name != null && values != null) {
                out.put(operation + " ?" + name, values);
            }
            if (field != null && values != null) {
                out.put(operation + " form:" + field, values);
            }
        }
    }

    /** The values of a type with a fixed set of them, on the wire; null for any other type. */
    private static Set<String> valuesOf(Class<?> type) {
        if (type == Language.class) {
            return TAXONOMY.get("language");
        }
        if (type == Jurisdiction.class) {
            return JURISDICTIONS;
        }
        return type.isEnum() ? names((Enum<?>[]) type.getEnumConstants()) : null;
    }

    private static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    @Test
    void everyTaxonomyFieldOfEveryBodyListsExactlyTheTaxonomysValues() {
        Map<String, Set<String>> checked = new LinkedHashMap<>();
        Set<JsonNode> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        openApi.at("/components/schemas").fields()
                .forEachRemaining(s -> fields(s.getKey(), s.getValue(), checked, seen));
        checked.forEach((where, values) -> assertThat(values).as(where).isEqualTo(
                OTHER_SPELLING.getOrDefault(where, TAXONOMY.get(where.substring(where.lastIndexOf('.') + 1)))));
        // request and response bodies of the API, not only the rules' own data
        assertThat(checked.keySet()).contains("ClassifyRequest.language", "ClassifyRequest.jurisdiction",
                "ClassifiedFinding.category", "ClassifiedFinding.modality", "ClassifiedFinding.mechanisms",
                "ClassifiedFinding.jurisdictions", "ClassifiedFinding.dataCategories", "Finding.category",
                "Finding.modality", "Finding.mechanisms", "Finding.jurisdictions", "Finding.dataCategories",
                "Finding.reviewStatus", "Finding.language", "Attributes.category", "Attributes.mechanisms",
                "PassageFinding.reviewStatus", "ReviewRequest.category", "ReviewRequest.modality",
                "ReviewRequest.mechanisms", "ReviewRequest.jurisdictions", "ReviewRequest.dataCategories",
                "DocumentRequest.language", "DocumentRequest.jurisdiction", "Document.language",
                "FetchRequest.jurisdiction", "FileMetadata.language", "UploadForm.jurisdiction",
                "FeedRequest.language", "Feed.jurisdiction", "JobRequest.language", "JobRequest.jurisdiction");
    }

    @Test
    void jobsAndReviewsListTheirKindsStatesAndVerdicts() {
        JsonNode schemas = openApi.at("/components/schemas");
        assertThat(values("Job.kind", schemas.at("/Job/properties/kind"))).isEqualTo(names(JobKind.values()));
        assertThat(values("Job.state", schemas.at("/Job/properties/state"))).isEqualTo(names(JobState.values()));
        // narrower on purpose: FILES jobs are created by posting files, and a review decides, it cannot un-review
        assertThat(values("JobRequest.kind", schemas.at("/JobRequest/properties/kind")))
                .isEqualTo(Set.of(JobKind.URLS.name(), JobKind.RECLASSIFY.name()));
        assertThat(values("ReviewRequest.status", schemas.at("/ReviewRequest/properties/status")))
                .isEqualTo(Set.of(ReviewStatus.CONFIRMED.name(), ReviewStatus.REJECTED.name()));
    }

    @Test
    void theTaxonomyEndpointAnswersTheSameValueSets() {
        JsonNode taxonomy = json(given().when().get("/api/v1/taxonomy").then().statusCode(200).extract().asString());
        assertThat(valuesOf(taxonomy.path("categories"))).isEqualTo(TAXONOMY.get("category"));
        assertThat(valuesOf(taxonomy.path("mechanisms"))).isEqualTo(TAXONOMY.get("mechanism"));
        assertThat(valuesOf(taxonomy.path("modalities"))).isEqualTo(TAXONOMY.get("modality"));
        assertThat(valuesOf(taxonomy.path("dataCategories"))).isEqualTo(TAXONOMY.get("dataCategory"));
        assertThat(valuesOf(taxonomy.path("reviewStatuses"))).isEqualTo(TAXONOMY.get("reviewStatus"));
        assertThat(valuesOf(taxonomy.path("jurisdictions"))).isEqualTo(TAXONOMY.get("jurisdiction"));
    }

    /** The properties of a schema (nested ones included) whose names carry a taxonomy value, with their values. */
    private void fields(String where, JsonNode schema, Map<String, Set<String>> checked, Set<JsonNode> seen) {
        if (!seen.add(schema)) {
            return;
        }
        schema.path("properties").fields().forEachRemaining(p -> {
            String at = where + "." + p.getKey();
            JsonNode target = resolve(p.getValue());
            boolean strings = isType(target, "string") || isType(target, "array")
                    && isType(resolve(target.path("items")), "string");
            if (TAXONOMY.containsKey(p.getKey()) && strings) {
                checked.put(at, values(at, p.getValue()));
            }
            fields(at, p.getValue(), checked, seen);
        });
        if (schema.has("items")) {
            fields(where, schema.path("items"), checked, seen);
        }
    }

    /** The enum values of a string schema or of a string array's items, following $refs; fails without one. */
    private Set<String> values(String where, JsonNode schema) {
        JsonNode target = resolve(schema);
        if (isType(target, "array")) {
            target = resolve(target.path("items"));
        }
        assertThat(target.has("enum")).as("%s lists its values (%s)", where, target).isTrue();
        List<String> values = new ArrayList<>();
        target.path("enum").forEach(v -> values.add(v.asText()));
        Set<String> set = new TreeSet<>(values);
        assertThat(set).as("%s lists each value once", where).hasSize(values.size());
        return set;
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? openApi.at(ref.substring(1)) : schema;
    }

    private static boolean isType(JsonNode schema, String type) {
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode each : t) {
                if (each.asText().equals(type)) {
                    return true;
                }
            }
            return false;
        }
        return t.asText().equals(type) || type.equals("string") && !schema.has("type") && schema.has("enum");
    }

    private static Set<String> valuesOf(JsonNode taxonomyValues) {
        Set<String> out = new TreeSet<>();
        taxonomyValues.forEach(v -> out.add(v.path("value").asText()));
        return out;
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> names(Enum<?>[] constants) {
        return new TreeSet<>(Arrays.stream(constants).map(Enum::name).toList());
    }
}
