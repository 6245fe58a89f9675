package io.xborder.http;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The page and size parameters of the list endpoints ({@code @Valid @BeanParam}): page from 0, size from 1 to
 * {@link #MAX_SIZE}, and no deeper than {@link #MAX_OFFSET} rows.
 */
@FieldRules
public class Paging implements FieldRules.Subject {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 20;
    /** Offset paging deeper than this is refused; clients page on with the cursor instead. */
    public static final int MAX_OFFSET = 100_000;

    @QueryParam("page")
    @Parameter(description = "Zero-based page number", example = "0")
    @PositiveOrZero
    Integer page;

    @QueryParam("size")
    @Parameter(description = "Page size, 1 to " + MAX_SIZE, example = "20")
    @Min(1)
    @Max(MAX_SIZE)
    Integer size;

    public int page() {
        return page == null ? 0 : page;
    }

    public int size() {
        return size == null ? DEFAULT_SIZE : size;
    }

    @Override
    public List<Problem.FieldError> brokenRules() {
        if ((long) page() * size() > MAX_OFFSET) {
            return List.of(new Problem.FieldError("page",
                    "page * size must not exceed " + MAX_OFFSET + "; use the cursor for deeper pages"));
        }
        return List.of();
    }
}
