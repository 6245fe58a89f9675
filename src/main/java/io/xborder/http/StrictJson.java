package io.xborder.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read strictly: a number, boolean or object where a string belongs is a 400, not silently
 * turned into text. Limits keep a hostile body cheap to refuse: nesting depth (400), string length (413; the body
 * limit bounds it anyway), number length and token count (400). No request of ours nests deeper than a few levels.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    public static final int MAX_DEPTH = 50;
    /** Characters in one JSON string beyond the text limit: a string just over it still gets the text's own 413. */
    private static final int STRING_MARGIN = 4096;
    public static final int MAX_NUMBER = 100;
    /** Tokens in one document: a review or classify request has a few dozen. */
    public static final long MAX_TOKENS = 200_000;

    private final int maxString;

    public StrictJson(LimitsConfig limits) {
        this.maxString = limits.maxTextChars() + STRING_MARGIN;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxStringLength(maxString)
                .maxNumberLength(MAX_NUMBER)
                .maxNameLength(1000)
                .maxTokenCount(MAX_TOKENS)
                .build());
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
