package io.xborder.api;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.document.ReviewStatus;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The taxonomy's value sets with their meaning: what clients may send and will receive. */
@Path("/api/v1/taxonomy")
@Tag(name = "Taxonomy", description = "The classification contract's value sets")
public class TaxonomyResource {

    private static final Taxonomy TAXONOMY = new Taxonomy(
            values(Category.values(), Category::description),
            values(Mechanism.values(), Mechanism::description),
            values(Modality.values(), Modality::description),
            values(DataCategory.values(), DataCategory::description),
            List.of(new Value(ReviewStatus.UNREVIEWED.name(), "Not reviewed yet."),
                    new Value(ReviewStatus.CONFIRMED.name(), "An analyst confirmed the finding."),
                    new Value(ReviewStatus.REJECTED.name(), "An analyst rejected the finding.")),
            Jurisdiction.codes().stream()
                    .map(code -> new Value(code, code.equals("EU")
                            ? "European Union"
                            : new Locale("", code).getDisplayCountry(Locale.ENGLISH)))
                    .toList());

    /** All value sets. */
    @Schema(name = "Taxonomy")
    public record Taxonomy(List<Value> categories, List<Value> mechanisms, List<Value> modalities,
            List<Value> dataCategories, List<Value> reviewStatuses,
            @Schema(description = "ISO 3166-1 alpha-2 codes and EU") List<Value> jurisdictions) {
    }

    /** A wire value and what it means. */
    @Schema(name = "TaxonomyValue")
    public record Value(@Schema(examples = "CROSS_BORDER_TRANSFER") String value, String description) {
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The taxonomy",
            description = "Categories, mechanisms, modalities, data categories, review statuses and jurisdiction codes, "
                    + "each with its description. These strings are the wire values of every endpoint.")
    @APIResponse(responseCode = "200", description = "The value sets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Taxonomy.class)))
    public Taxonomy taxonomy() {
        return TAXONOMY;
    }

    private static <E extends Enum<E>> List<Value> values(E[] constants, Function<E, String> describer) {
        return Arrays.stream(constants).map(e -> new Value(e.name(), describer.apply(e))).toList();
    }
}
