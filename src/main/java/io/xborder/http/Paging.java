package io.xborder.http;

/** Checked page and size parameters shared by the list endpoints. */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 20;
    /** Offset paging deeper than this is refused; clients page on with the cursor instead. */
    public static final int MAX_OFFSET = 100_000;

    public static Paging of(String page, String size) {
        int p = parse("page", page, 0, 0, Integer.MAX_VALUE);
        int s = parse("size", size, DEFAULT_SIZE, 1, MAX_SIZE);
        if ((long) p * s > MAX_OFFSET) {
            throw ProblemException.invalid("page", "page * size must not exceed " + MAX_OFFSET
                    + "; use the cursor for deeper pages");
        }
        return new Paging(p, s);
    }

    private static int parse(String field, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v < min || v > max) {
                throw ProblemException.invalid(field, "must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "must be an integer, not '" + WireValues.clip(value) + "'");
        }
    }
}
