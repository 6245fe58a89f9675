package io.xborder.finding;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.document.ReviewStatus;
import io.xborder.http.FieldRules;
import io.xborder.http.Paging;
import io.xborder.http.Problem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * A findings search as its query string carries it: the parameters of {@code GET /api/v1/findings} and of the
 * console's search page and exports, every one optional, all combined. The framework reads and checks them (the
 * taxonomy's types, Bean Validation), so a value it cannot read or out of range is a 400 naming the parameter; the
 * console reads the same type with {@link io.xborder.http.BeanParamReader} and shows such values next to the form.
 */
@FieldRules
public class FindingSearch implements FieldRules.Subject {

    static final int MAX_TEXT = 200;
    private static final String BETWEEN_0_AND_1 = "must be between 0.0 and 1.0";

    // in the order the console's links list them
    @QueryParam("q")
    @Parameter(description = "Words that the passage contains, all of them in any order (case-insensitive; each "
            + "word also inside longer words, an English plural also as its singular stem); a \"quoted phrase\" as "
            + "written; Chinese words separated by spaces", example = "境外 安全评估")
    @Size(max = MAX_TEXT, message = "must be at most " + MAX_TEXT + " characters")
    String q;

    @QueryParam("jurisdiction")
    @Parameter(description = "ISO 3166-1 alpha-2 code or EU", example = "CN",
            schema = @Schema(type = SchemaType.STRING))
    Jurisdiction jurisdiction;

    @QueryParam("category")
    @Parameter(description = "The finding's category")
    Category category;

    @QueryParam("mechanism")
    @Parameter(description = "A mechanism the finding names, e.g. SECURITY_ASSESSMENT")
    Mechanism mechanism;

    @QueryParam("modality")
    @Parameter(description = "The finding's modality")
    Modality modality;

    @QueryParam("dataCategory")
    @Parameter(description = "A data category the finding names, e.g. PERSONAL_INFORMATION")
    DataCategory dataCategory;

    @QueryParam("language")
    @Parameter(description = "Passage language", schema = @Schema(type = SchemaType.STRING))
    Language language;

    @QueryParam("from")
    @Parameter(
            description = "Published on or after (ISO date); findings of undated documents never match a date filter",
            example = "2024-01-01")
    LocalDate from;

    @QueryParam("to")
    @Parameter(
            description = "Published on or before (ISO date); findings of undated documents never match a date filter",
            example = "2024-12-31")
    LocalDate to;

    @QueryParam("minConfidence")
    @Parameter(description = "Lowest confidence, 0 to 1", example = "0.5")
    @DecimalMin(value = "0", message = BETWEEN_0_AND_1)
    @DecimalMax(value = "1", message = BETWEEN_0_AND_1)
    Double minConfidence;

    @QueryParam("reviewStatus")
    @Parameter(description = "The finding's review status")
    ReviewStatus reviewStatus;

    @QueryParam("documentId")
    @Parameter(description = "Only findings of this document")
    @Positive
    Long documentId;

    @QueryParam("cursor")
    @Parameter(description = "nextCursor of the previous page; takes precedence over page",
            schema = @Schema(type = SchemaType.STRING))
    FindingCursor cursor;

    @BeanParam
    @Valid
    Paging paging = new Paging();

    /** The criteria to query with. */
    public FindingFilter filter() {
        String text = q == null || q.isBlank() ? null : q.strip();
        return new FindingFilter(category, jurisdiction == null ? null : jurisdiction.code(), mechanism, modality,
                dataCategory, language, minConfidence, documentId, text, from, to, reviewStatus);
    }

    public Paging paging() {
        return paging == null ? new Paging() : paging;
    }

    /** The position to continue after; null for the page {@link #paging()} names. */
    public FindingCursor cursor() {
        return cursor;
    }

    @Override
    public List<Problem.FieldError> brokenRules() {
        if (from != null && to != null && from.isAfter(to)) {
            return List.of(new Problem.FieldError("from", "must not be after to"));
        }
        return List.of();
    }
}
