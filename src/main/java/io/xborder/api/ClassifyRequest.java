package io.xborder.api;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import jakarta.validation.constraints.NotBlank;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/classify}. */
@Schema(name = "ClassifyRequest", description = "A text to classify; nothing is stored.")
public record ClassifyRequest(
        @Schema(description = "The text: a sentence or a whole document. Required, not blank.", required = true,
                examples = "Mr. Musk is seeking approval to transfer data collected in China overseas.") @NotBlank String text,
        @Schema(description = "en, zh, or null to detect the language per passage.", examples = "en",
                implementation = String.class, nullable = true) Language language,
        @Schema(description = "The document's own jurisdiction (ISO 3166-1 alpha-2 or EU), used for words such as "
                + "\"within the territory\"/境内.", examples = "CN", implementation = String.class,
                nullable = true) Jurisdiction jurisdiction) {
}
