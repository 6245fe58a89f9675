package io.xborder.finding;

import io.xborder.http.WireType;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;

/** Position after the last finding of a page in the list's order (date, then id, both descending); opaque to clients. */
public record FindingCursor(LocalDate occurredOn, long id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((occurredOn + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Empty when the token is not a cursor this service issued. */
    public static Optional<FindingCursor> decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 2) {
                return Optional.empty();
            }
            return Optional.of(new FindingCursor(LocalDate.parse(parts[0]), Long.parseLong(parts[1])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Reads the cursor parameter: a value that is not a cursor this service issued is a 400 naming it. */
    @Singleton
    static class Param implements WireType<FindingCursor> {

        @Override
        public Class<FindingCursor> type() {
            return FindingCursor.class;
        }

        @Override
        public Optional<FindingCursor> read(String value) {
            return decode(value);
        }

        @Override
        public String expected() {
            return "the nextCursor of a page of this service";
        }

        @Override
        public String write(FindingCursor value) {
            return value.encode();
        }
    }
}
