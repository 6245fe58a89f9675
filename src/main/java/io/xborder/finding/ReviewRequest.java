package io.xborder.finding;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a review, as OpenAPI documents it. The service reads the body as a JSON tree and checks it with
 * {@link FindingReview#parse}, so that unknown fields and wrong types are reported field by field.
 */
@Schema(name = "ReviewRequest")
public record ReviewRequest(
        @Schema(required = true, enumeration = {
                "CONFIRMED", "REJECTED" }) String status,
        @Schema(description = "Corrected category; absent = unchanged.", enumeration = { "DATA_LOCALIZATION",
                "CROSS_BORDER_TRANSFER" }, nullable = true) String category,
        @Schema(description = "Corrected modality; absent = unchanged.", enumeration = { "REQUIREMENT", "PROHIBITION",
                "PERMISSION", "REPORT" }, nullable = true) String modality,
        @Schema(description = "Corrected mechanisms (replace the list); absent = unchanged, null = none.",
                nullable = true) List<String> mechanisms,
        @Schema(description = "Corrected jurisdictions, ISO 3166-1 alpha-2 or EU; absent = unchanged, null = none.",
                nullable = true) List<String> jurisdictions,
        @Schema(description = "Corrected data categories; absent = unchanged, null = none.",
                nullable = true) List<String> dataCategories,
        @Schema(description = "Why; at most 2000 characters. Absent = keep the previous comment, null = remove it.",
                nullable = true) String comment){
}
