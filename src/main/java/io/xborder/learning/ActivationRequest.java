package io.xborder.learning;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to activate a model version, or to roll back to one. */
@Schema(name = "ActivationRequest")
public record ActivationRequest(
        @Schema(description = "Activate it even though it is worse than the active model on the blind set beyond "
                + "the tolerance (audited; needs a reason). Not used by a rollback.", examples = "false") Boolean force,
        @Schema(description = "Why: required with force, kept in the audit log.",
                examples = "The reviewed items show the new model finds the hosting phrasing; the blind set drop "
                        + "is one look-alike.") @Size(max = 500) String reason) {

    boolean forced() {
        return Boolean.TRUE.equals(force);
    }
}
