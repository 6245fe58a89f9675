package io.xborder.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.document.ReviewStatus;
import io.xborder.http.OpenApiOperations;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * Every query parameter and body field that carries a taxonomy value lists the allowed values in the OpenAPI
 * document, taken at build time from the Java enums the classifier and the service use (and from the jurisdiction
 * codes the service accepts), so the document cannot drift from them. Most of these parameters and fields are
 * strings on the Java side, which would otherwise be documented as any string.
 *
 * <p>Applies by wire name ({@link #VALUES}) to string parameters and properties and to the items of string arrays,
 * in operations and in component schemas. A schema that lists values already (a narrower set written on the field,
 * such as the kinds a job request may name) or refers to another schema is left as it is.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class TaxonomyDocumentation implements OASFilter {

    /** The wire names of taxonomy-valued parameters and fields, with their values in the taxonomy's order. */
    static final Map<String, List<String>> VALUES = Map.ofEntries(
            Map.entry("category", names(Category.values())),
            Map.entry("mechanism", names(Mechanism.values())),
            Map.entry("mechanisms", names(Mechanism.values())),
            Map.entry("modality", names(Modality.values())),
            Map.entry("dataCategory", names(DataCategory.values())),
            Map.entry("dataCategories", names(DataCategory.values())),
            Map.entry("reviewStatus", names(ReviewStatus.values())),
            Map.entry("language", Arrays.stream(Language.values()).map(Language::code).toList()),
            Map.entry("jurisdiction", List.copyOf(Jurisdiction.codes())),
            Map.entry("jurisdictions", List.copyOf(Jurisdiction.codes())));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Operation op : OpenApiOperations.under(openAPI, "/")) {
            if (op.getParameters() != null) {
                for (Parameter p : op.getParameters()) {
                    list(VALUES.get(p.getName()), p.getSchema());
                }
            }
            if (op.getRequestBody() != null) {
                formFields(op.getRequestBody().getContent());
                fields(op.getRequestBody().getContent(), seen);
            }
            if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                op.getResponses().getAPIResponses().values().forEach(r -> fields(r.getContent(), seen));
            }
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null) {
            // scanned from the typed form fields replaced above; a jurisdiction is never an object on the wire
            openAPI.getComponents().removeSchema(Jurisdiction.class.getSimpleName());
            openAPI.getComponents().getSchemas().values().forEach(s -> fields(s, seen));
        }
    }

    /**
     * A form field is a string on the wire, whatever type the resource reads it as: the schema derived from a typed
     * form parameter ({@code @RestForm Language language}) refers to the type's JSON shape instead, which a field with
     * a taxonomy value gets replaced with the string and its values.
     */
    private static void formFields(Content content) {
        if (content == null || content.getMediaTypes() == null) {
            return;
        }
        content.getMediaTypes().forEach((type, media) -> {
            Schema form = media.getSchema();
            boolean isForm = type.startsWith("multipart/") || type.equals("application/x-www-form-urlencoded");
            if (isForm && form != null && form.getProperties() != null) {
                form.getProperties().forEach((name, property) -> {
                    if (VALUES.containsKey(name) && property.getRef() != null) {
                        form.addProperty(name, OASFactory.createSchema().addType(Schema.SchemaType.STRING));
                    }
                });
            }
        });
    }

    private static void fields(Content content, Set<Schema> seen) {
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType type : content.getMediaTypes().values()) {
                fields(type.getSchema(), seen);
            }
        }
    }

    /** The schema's properties, nested ones included. */
    private static void fields(Schema schema, Set<Schema> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((name, property) -> {
                list(VALUES.get(name), property);
                fields(property, seen);
            });
        }
        fields(schema.getItems(), seen);
        for (List<Schema> parts : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (parts != null) {
                parts.forEach(s -> fields(s, seen));
            }
        }
    }

    /** Lists the values on a string schema or on the items of a string array, unless it has values or a ref. */
    private static void list(List<String> values, Schema schema) {
        if (values == null || schema == null || schema.getRef() != null) {
            return;
        }
        Schema target = is(schema, Schema.SchemaType.ARRAY) ? schema.getItems() : schema;
        if (target != null && target.getRef() == null && is(target, Schema.SchemaType.STRING)
                && (target.getEnumeration() == null || target.getEnumeration().isEmpty())) {
            target.setEnumeration(new ArrayList<>(values));
        }
    }

    private static boolean is(Schema schema, Schema.SchemaType type) {
        return schema.getType() != null && schema.getType().contains(type);
    }

    private static List<String> names(Enum<?>[] constants) {
        return Arrays.stream(constants).map(Enum::name).toList();
    }
}
