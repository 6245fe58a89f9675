package io.xborder.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/saved-searches} and {@code PUT /api/v1/saved-searches/{id}}. */
@Schema(name = "SavedSearchRequest")
public record SavedSearchRequest(
        @Schema(required = true, description = "A name for the search, 1 to 200 characters.",
                examples = "China: cross-border transfer") @NotBlank @Size(max = 200,
                        message = "must be at most 200 characters") String name,
        @Schema(description = "Whether the whole team sees it (read-only for others); default false.",
                nullable = true) Boolean shared,
        @Schema(description = "The findings filter; absent: every finding.",
                nullable = true) @Valid SearchCriteria criteria) {

    SearchCriteria criteriaOrNone() {
        return criteria == null ? SearchCriteria.none() : criteria;
    }
}
