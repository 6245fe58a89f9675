package io.xborder.finding;

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
}
