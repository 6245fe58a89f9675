package io.xborder.learning;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A request to train a candidate model. */
@Schema(name = "TrainingRequest")
public record TrainingRequest(
        @Schema(description = "How many times each reviewed passage counts beside the shipped passages (1-10; "
                + "default 1).", examples = "3", minimum = "1", maximum = "10") @Min(1) @Max(10) Integer reviewWeight) {

    int weight() {
        return reviewWeight == null ? 1 : reviewWeight;
    }
}
